// Mini-batch index sets for one epoch over n examples.
import { Rng, assertSeed, resolveSeed } from './random.js';
import { fisherYates } from './shuffle.js';
import { assertBoolean, assertInteger, assertKnownOptions } from './validate.js';

export interface BatchesOptions {
  /** Visit the examples in a seeded random order (default false: 0 … n−1 in order). */
  shuffle?: boolean;
  /** Seed of the order when `shuffle` is true; without one, drawn from core's `setSeed` stream. */
  seed?: number;
  /** Leave out a last batch smaller than batchSize (default false). */
  dropRemainder?: boolean;
}

/** How many batches `batches(n, batchSize, {dropRemainder})` yields. */
export function batchCount(n: number, batchSize: number, dropRemainder = false): number {
  const op = 'batchCount';
  assertInteger(op, 'n', n);
  assertInteger(op, 'batchSize', batchSize, 1);
  return dropRemainder ? Math.floor(n / batchSize) : Math.ceil(n / batchSize);
}

/**
 * The example indices of each batch of one epoch: consecutive runs of batchSize from the visiting
 * order (0 … n−1, or a seeded permutation). Each batch is a view into one Int32Array of that
 * order; unshuffled, batch i is exactly i·batchSize … so a `slice` can replace the gather.
 */
export function batches(n: number, batchSize: number, options: BatchesOptions = {}): Int32Array[] {
  const op = 'batches';
  assertInteger(op, 'n', n);
  assertInteger(op, 'batchSize', batchSize, 1);
  assertKnownOptions(op, options, ['shuffle', 'seed', 'dropRemainder']);
  const { shuffle = false, dropRemainder = false } = options;
  assertBoolean(op, 'shuffle', shuffle);
  assertBoolean(op, 'dropRemainder', dropRemainder);
  if (options.seed !== undefined) assertSeed(op, options.seed);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (shuffle) fisherYates(order, new Rng(resolveSeed(op, options.seed)));
  const count = dropRemainder ? Math.floor(n / batchSize) : Math.ceil(n / batchSize);
  const out: Int32Array[] = [];
  for (let b = 0; b < count; b++) {
    out.push(order.subarray(b * batchSize, Math.min(n, (b + 1) * batchSize)));
  }
  return out;
}
