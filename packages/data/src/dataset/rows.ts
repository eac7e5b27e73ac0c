// A `fromTensors` source: its elements are rows of tensors, so as long as only order-changing
// stages follow it, a batch can be one gather per tensor instead of a stack of single rows.
import { Tensor, gather, reshape, slice, tensor, tidy } from '@tensile/core';
import { keepElement } from './elements.js';
import type { Open } from './stages.js';

export type RowTensors = Tensor | Readonly<Record<string, Tensor>>;

/** The tensors, and the order in which their rows are visited. */
export interface RowPlan {
  tensors: RowTensors;
  order: Open<number>;
}

export async function* range(n: number): AsyncGenerator<number> {
  for (let i = 0; i < n; i++) yield i;
}

function mapRows(tensors: RowTensors, fn: (t: Tensor) => Tensor): Tensor | Record<string, Tensor> {
  if (tensors instanceof Tensor) return fn(tensors);
  const out: Record<string, Tensor> = {};
  for (const [key, t] of Object.entries(tensors)) out[key] = fn(t);
  return out;
}

/** Row i of every tensor (axis 0 removed). */
export function rowAt(tensors: RowTensors, i: number): Tensor | Record<string, Tensor> {
  return tidy(() => mapRows(tensors, (t) => reshape(slice(t, [i], [1]), t.shape.slice(1))));
}

/** The rows at `indices` of every tensor, as one gather each: what stacking rowAt would give. */
export function gatherRows(tensors: RowTensors, indices: readonly number[]) {
  return tidy(() => {
    const index = tensor(Int32Array.from(indices), [indices.length], 'int32');
    return mapRows(tensors, (t) => gather(t, index, 0));
  });
}

export async function* materialize(plan: RowPlan): AsyncGenerator<Tensor | Record<string, Tensor>> {
  for await (const i of plan.order()) yield keepElement(rowAt(plan.tensors, i));
}
