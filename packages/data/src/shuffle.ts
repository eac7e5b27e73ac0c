// Seeded permutations: Fisher–Yates (Durstenfeld's in-place form) driven by the data generator.
import type { Tensor, TypedArray } from '@tensile/core';
import { ShapeError } from '@tensile/core';
import { Rng, resolveSeed } from './random.js';
import { take } from './take.js';
import { assertInteger, assertKnownOptions, assertTensor } from './validate.js';

export interface ShuffleOptions {
  /** Same seed → same order, on every backend. Without one, drawn from core's `setSeed` stream. */
  seed?: number;
}

/** Fisher–Yates over `values` in place: for i = n−1 … 1 swap i with a uniform j ∈ [0, i]. */
export function fisherYates(values: { length: number; [i: number]: unknown }, rng: Rng): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    const held = values[i];
    values[i] = values[j];
    values[j] = held;
  }
}

/** A uniformly random permutation of 0 … n−1. */
export function permutation(n: number, options: ShuffleOptions = {}): Int32Array {
  const op = 'permutation';
  assertInteger(op, 'n', n);
  assertKnownOptions(op, options, ['seed']);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  fisherYates(order, new Rng(resolveSeed(op, options.seed)));
  return order;
}

/**
 * A shuffled copy: the rows of a tensor (along axis 0), or the items of an array or typed array.
 * The input is left as it is. `shuffle(values, {seed})[k]` is `values[permutation(n, {seed})[k]]`.
 */
export function shuffle(x: Tensor, options?: ShuffleOptions): Tensor;
export function shuffle<A extends TypedArray>(values: A, options?: ShuffleOptions): A;
export function shuffle<T>(values: readonly T[], options?: ShuffleOptions): T[];
export function shuffle(
  values: Tensor | TypedArray | readonly unknown[],
  options: ShuffleOptions = {},
): Tensor | TypedArray | unknown[] {
  const op = 'shuffle';
  assertKnownOptions(op, options, ['seed']);
  if (Array.isArray(values) || ArrayBuffer.isView(values)) {
    const copy = values.slice();
    fisherYates(copy, new Rng(resolveSeed(op, options.seed)));
    return copy;
  }
  assertTensor(op, 'values', values);
  if (values.rank === 0) {
    throw new ShapeError(op, 'values must have at least one axis to shuffle, got shape []');
  }
  return take(values, permutation(values.shape[0], options));
}
