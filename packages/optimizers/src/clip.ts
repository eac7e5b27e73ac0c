// Gradient clipping as transformations, with PyTorch's conventions: `clipByNorm` and
// `clipByGlobalNorm` scale by min(1, maxNorm/(norm + 1e-6)) (torch.nn.utils.clip_grad_norm_; optax
// and Keras use maxNorm/max(norm, maxNorm) without the 1e-6, docs/numerics.md), and a global norm
// of order p is the p-norm of the per-tensor p-norms (the largest |g| for Infinity).
import type { Tensor } from '@tensile/core';
import {
  add,
  clipByValue as clipValues,
  div,
  max,
  minimum,
  mul,
  NonFiniteError,
  norm,
  scalar,
  stack,
} from '@tensile/core';
import { invalidOption } from './errors.js';
import { checkBoolean, checkNumber } from './hyperparams.js';
import type { Params, ParamsRecord } from './params.js';
import { mapRecord, toRecord } from './params.js';
import type { EmptyState } from './transforms/weight-decay.js';
import type { GradientTransformation } from './transform.js';
import { defineTransformation } from './transform.js';

/** The epsilon torch.nn.utils.clip_grad_norm_ adds to the norm before dividing. */
export const CLIP_NORM_EPS = 1e-6;

export interface NormOptions {
  /** The order of the norm: a number > 0, or Infinity for the largest absolute value (default 2). */
  normType?: number;
}

export interface GlobalNormOptions extends NormOptions {
  /** Throw a NonFiniteError when the total norm is NaN or infinite (default false, as PyTorch). */
  errorIfNonfinite?: boolean;
}

function checkNormType(op: string, normType: unknown): number {
  if (normType === Infinity) return Infinity;
  return checkNumber(op, 'normType', normType, { gt: 0 });
}

/**
 * The norm of all tensors together, as a scalar tensor: (Σ ‖g‖ₚᵖ)^(1/p), or max |g| for
 * Infinity. What torch.nn.utils.clip_grad_norm_ returns (the norm before clipping).
 */
export function globalNorm(tensors: Params, normType = 2): Tensor {
  const op = 'globalNorm';
  const p = checkNormType(op, normType);
  const list = Object.values(toRecord(op, 'tensors', tensors));
  if (list.length === 0) return scalar(0);
  const norms = stack(list.map((t) => norm(t, p)));
  return p === Infinity ? max(norms) : norm(norms, p);
}

/** min(1, maxNorm/(norm + 1e-6)) as a scalar tensor. */
function clipFactor(total: Tensor, maxNorm: number): Tensor {
  return minimum(div(maxNorm, add(total, CLIP_NORM_EPS)), 1);
}

/**
 * Clamps every element: `clipByValue(c)` to [−c, c] (torch.nn.utils.clip_grad_value_), or
 * `clipByValue({min, max})` to an asymmetric range.
 */
export function clipByValue(
  bound: number | { min: number; max: number },
): GradientTransformation<EmptyState> {
  const op = 'clipByValue';
  let low: number;
  let high: number;
  if (typeof bound === 'number') {
    high = checkNumber(op, 'maxAbs', bound, { ge: 0 });
    low = -high;
  } else if (typeof bound === 'object' && bound !== null) {
    low = checkNumber(op, 'min', bound.min);
    high = checkNumber(op, 'max', bound.max);
    if (!(low <= high)) throw invalidOption(op, 'max', `>= min (${low})`, high);
  } else {
    throw invalidOption(op, 'bound', 'a number or {min, max}', bound);
  }
  return defineTransformation<EmptyState>({
    name: op,
    init: () => ({}),
    update: (grads, state) => ({
      updates: mapRecord(grads, (g) => clipValues(g, low, high)),
      state,
    }),
  });
}

/** Scales each tensor separately so that its norm is at most `maxNorm`. */
export function clipByNorm(
  maxNorm: number,
  options: NormOptions = {},
): GradientTransformation<EmptyState> {
  const op = 'clipByNorm';
  checkNumber(op, 'maxNorm', maxNorm, { ge: 0 });
  const p = checkNormType(op, options.normType ?? 2);
  return defineTransformation<EmptyState>({
    name: op,
    init: () => ({}),
    update: (grads, state) => ({
      updates: mapRecord(grads, (g) => mul(g, clipFactor(norm(g, p), maxNorm))),
      state,
    }),
  });
}

/** Scales all tensors by one factor so that their global norm is at most `maxNorm`. */
export function clipByGlobalNorm(
  maxNorm: number,
  options: GlobalNormOptions = {},
): GradientTransformation<EmptyState> {
  const op = 'clipByGlobalNorm';
  checkNumber(op, 'maxNorm', maxNorm, { ge: 0 });
  const p = checkNormType(op, options.normType ?? 2);
  const strict = checkBoolean(op, 'errorIfNonfinite', options.errorIfNonfinite ?? false);
  return defineTransformation<EmptyState>({
    name: op,
    init: () => ({}),
    update(grads: ParamsRecord, state) {
      if (Object.keys(grads).length === 0) return { updates: grads, state };
      const total = globalNorm(grads, p);
      if (strict) {
        const value = total.dataSync()[0];
        if (!Number.isFinite(value)) {
          throw new NonFiniteError(
            op,
            `the total norm of order ${p} of the gradients is ${value}; set errorIfNonfinite: false to clip anyway`,
          );
        }
      }
      const factor = clipFactor(total, maxNorm);
      return { updates: mapRecord(grads, (g) => mul(g, factor)), state };
    },
  });
}
