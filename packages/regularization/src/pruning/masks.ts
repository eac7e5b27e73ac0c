// Keeping pruned weights at zero, and measuring how many are.
import type { Tensor, Variable } from '@tensile/core';
import {
  ShapeError,
  ValueError,
  formatShape,
  invalidArgument,
  mul,
  shapesEqual,
} from '@tensile/core';
import { isPlainRecord } from '../validate.js';
import type { WeightCollection } from './collection.js';
import { entriesOf } from './collection.js';

/**
 * w ← w·mask for every variable that has a mask, in place and leaving no tensor behind. Call it
 * after each optimizer step so updates cannot revive pruned weights (an optimizer with momentum
 * would otherwise move them off zero again).
 */
export function applyMasks(
  variables: Readonly<Record<string, Variable>>,
  masks: Readonly<Record<string, Tensor>>,
): void {
  const op = 'applyMasks';
  if (!isPlainRecord(variables)) throw invalidArgument(op, 'variables', 'a record', variables);
  if (!isPlainRecord(masks)) throw invalidArgument(op, 'masks', 'a record', masks);
  for (const [name, mask] of Object.entries(masks)) {
    const v = variables[name];
    if (v === undefined) {
      throw new ValueError(
        op,
        `mask '${name}' has no variable (variables: ${Object.keys(variables).join(', ')})`,
      );
    }
    if (!shapesEqual(v.shape, mask.shape) || v.dtype !== mask.dtype) {
      throw new ShapeError(
        op,
        `mask '${name}' is ${formatShape(mask.shape)} ${mask.dtype}, its variable is ${formatShape(v.shape)} ${v.dtype}`,
      );
    }
  }
  for (const [name, mask] of Object.entries(masks)) {
    const v = variables[name];
    const masked = mul(v, mask);
    v.assign(masked);
    masked.dispose();
  }
}

/** The fraction of elements exactly 0 (±0) over all the given tensors together; 0 when empty. */
export function measureSparsity(weights: WeightCollection): number {
  let zeros = 0;
  let total = 0;
  for (const { tensor } of entriesOf('measureSparsity', weights)) {
    const values = tensor.dataSync();
    for (let i = 0; i < values.length; i++) if (values[i] === 0) zeros++;
    total += values.length;
  }
  return total === 0 ? 0 : zeros / total;
}
