// Train / dev / test splits of example indices (Ng's defaults: 60/20/20 for ordinary data sets,
// 98/1/1 once there are more than a million examples, where 1% is already a large dev set).
import type { Tensor } from '@tensile/core';
import { ShapeError, ValueError, describeValue, formatShape } from '@tensile/core';
import { Rng, resolveSeed } from './random.js';
import { fisherYates } from './shuffle.js';
import { assertInteger, assertKnownOptions, assertTensor } from './validate.js';

/** Fractions of the examples for [train, dev, test]. */
export type SplitRatios = readonly [train: number, dev: number, test: number];

export interface SplitOptions {
  /** Positive, summing to 1 (±1e-9). Default: `defaultSplitRatios(n)`. */
  ratios?: SplitRatios;
  /** Same seed → same split. Without one, drawn from core's `setSeed` stream. */
  seed?: number;
  /** One integer label per example: each part then keeps the class proportions of the whole. */
  stratify?: ArrayLike<number> | Tensor;
}

/** Indices into the n examples, each part in shuffled order, together a permutation of 0 … n−1. */
export interface SplitIndices {
  train: Int32Array;
  dev: Int32Array;
  test: Int32Array;
}

/** Above this many examples the default ratios switch from 60/20/20 to 98/1/1. */
export const LARGE_DATASET = 1_000_000;

/** 60/20/20 up to 1,000,000 examples, 98/1/1 above. */
export function defaultSplitRatios(n: number): SplitRatios {
  return n > LARGE_DATASET ? [0.98, 0.01, 0.01] : [0.6, 0.2, 0.2];
}

function checkRatios(op: string, ratios: unknown): SplitRatios {
  const fail = (why: string): ValueError =>
    new ValueError(op, `ratios must be ${why}, got ${describeValue(ratios)}`);
  if (!Array.isArray(ratios) || ratios.length !== 3) {
    throw fail('three fractions [train, dev, test]');
  }
  if (!ratios.every((r) => typeof r === 'number' && Number.isFinite(r) && r > 0)) {
    throw fail('positive numbers');
  }
  const sum = ratios[0] + ratios[1] + ratios[2];
  if (Math.abs(sum - 1) > 1e-9) throw fail(`fractions summing to 1 (they sum to ${sum})`);
  return ratios as unknown as SplitRatios;
}

/** ideal·n floored, snapping values within rounding error of an integer to it. */
function floorExact(x: number): number {
  const nearest = Math.round(x);
  return Math.abs(x - nearest) <= 1e-9 * Math.max(1, Math.abs(x)) ? nearest : Math.floor(x);
}

/**
 * Part sizes by the largest-remainder method: each part gets ⌊n·ratio⌋, and the examples left
 * over go one each to the parts with the largest remainders (train first on ties). The sizes sum
 * to n and each is within one of n·ratio.
 */
export function splitSizes(n: number, ratios: SplitRatios): [number, number, number] {
  const op = 'splitSizes';
  assertInteger(op, 'n', n);
  checkRatios(op, ratios);
  return apportion(
    n,
    ratios.map((r) => n * r),
  ) as [number, number, number];
}

/** Integer parts of `total` as close as the largest-remainder method gets to `ideal`. */
function apportion(total: number, ideal: readonly number[]): number[] {
  const sizes = ideal.map(floorExact);
  let left = total - sizes.reduce((a, b) => a + b, 0);
  const byRemainder = ideal
    .map((x, i) => ({ i, remainder: x - sizes[i] }))
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % byRemainder.length, left--) sizes[byRemainder[k].i]++;
  return sizes;
}

/**
 * Splits example indices 0 … n−1 into shuffled train, dev and test parts.
 *
 * Without `stratify` the parts are consecutive runs of one seeded permutation. With it, each
 * class is shuffled and divided on its own so that every part keeps the class proportions (up to
 * one example per class and part), and the part sizes are still exactly `splitSizes(n, ratios)`.
 */
export function trainDevTestSplit(n: number, options: SplitOptions = {}): SplitIndices {
  const op = 'trainDevTestSplit';
  assertInteger(op, 'n', n);
  assertKnownOptions(op, options, ['ratios', 'seed', 'stratify']);
  const ratios = checkRatios(op, options.ratios ?? defaultSplitRatios(n));
  const sizes = apportion(
    n,
    ratios.map((r) => n * r),
  );
  const labels = options.stratify === undefined ? undefined : readLabels(op, options.stratify, n);
  const rng = new Rng(resolveSeed(op, options.seed));
  if (labels === undefined) {
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    fisherYates(order, rng);
    return {
      train: order.slice(0, sizes[0]),
      dev: order.slice(sizes[0], sizes[0] + sizes[1]),
      test: order.slice(sizes[0] + sizes[1]),
    };
  }
  return stratifiedSplit(labels, sizes, rng);
}

function readLabels(
  op: string,
  stratify: ArrayLike<number> | Tensor,
  n: number,
): ArrayLike<number> {
  let labels: ArrayLike<number>;
  if (Array.isArray(stratify) || ArrayBuffer.isView(stratify)) {
    labels = stratify as ArrayLike<number>;
  } else {
    assertTensor(op, 'stratify', stratify);
    const t = stratify as Tensor;
    if (t.rank !== 1) {
      throw new ShapeError(op, `stratify must be 1-D labels, got shape ${formatShape(t.shape)}`);
    }
    labels = t.dataSync();
  }
  if (labels.length !== n) {
    throw new ShapeError(op, `stratify has ${labels.length} labels but n is ${n}`);
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isInteger(labels[i])) {
      throw new ValueError(op, `stratify[${i}] must be an integer class label, got ${labels[i]}`);
    }
  }
  return labels;
}

/**
 * Per-class sizes: a classes × parts table with row sums = class counts and column sums = the
 * part sizes, each cell within one (almost always) of count·size/n. Cells start at the floor of
 * that ideal; the remaining units go to the largest remainders whose row and column still need
 * one, and any left after that (rare) to any cell whose row and column still need one.
 */
function stratifiedSizes(counts: readonly number[], sizes: readonly number[]): number[][] {
  const n = counts.reduce((a, b) => a + b, 0);
  const ideal = counts.map((c) => sizes.map((s) => (c * s) / n));
  const table = ideal.map((row) => row.map(floorExact));
  const rowNeed = counts.map((c, i) => c - table[i].reduce((a, b) => a + b, 0));
  const colNeed = sizes.map((s, p) => s - table.reduce((a, row) => a + row[p], 0));
  const cells: { c: number; p: number; remainder: number }[] = [];
  ideal.forEach((row, c) =>
    row.forEach((x, p) => cells.push({ c, p, remainder: x - table[c][p] })),
  );
  cells.sort((a, b) => b.remainder - a.remainder || a.c - b.c || a.p - b.p);
  for (const { c, p, remainder } of cells) {
    if (remainder > 0 && rowNeed[c] > 0 && colNeed[p] > 0) {
      table[c][p]++;
      rowNeed[c]--;
      colNeed[p]--;
    }
  }
  for (let c = 0; c < counts.length; c++) {
    for (let p = 0; p < sizes.length && rowNeed[c] > 0; p++) {
      const give = Math.min(rowNeed[c], colNeed[p]);
      table[c][p] += give;
      rowNeed[c] -= give;
      colNeed[p] -= give;
    }
  }
  return table;
}

function stratifiedSplit(
  labels: ArrayLike<number>,
  sizes: readonly number[],
  rng: Rng,
): SplitIndices {
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const members = byClass.get(labels[i]);
    if (members === undefined) byClass.set(labels[i], [i]);
    else members.push(i);
  }
  const classes = [...byClass.keys()].sort((a, b) => a - b);
  const members = classes.map((c) => byClass.get(c) as number[]);
  const table = stratifiedSizes(
    members.map((m) => m.length),
    sizes,
  );
  const parts = sizes.map((size) => new Int32Array(size));
  const filled = [0, 0, 0];
  members.forEach((indices, c) => {
    fisherYates(indices, rng);
    let from = 0;
    for (let p = 0; p < 3; p++) {
      for (let k = 0; k < table[c][p]; k++) parts[p][filled[p]++] = indices[from++];
    }
  });
  // Classes were laid out one after another; shuffle each part so they interleave.
  for (const part of parts) fisherYates(part, rng);
  return { train: parts[0], dev: parts[1], test: parts[2] };
}
