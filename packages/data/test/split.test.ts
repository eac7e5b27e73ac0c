import * as tl from '@tensile/core';
import '@tensile/backend-cpu';
import { describe, expect, it } from 'vitest';
import { defaultSplitRatios, splitSizes, trainDevTestSplit } from '../src/index.js';
import type { SplitIndices } from '../src/index.js';

/** The three parts together are exactly 0 … n−1. */
function expectPartition(split: SplitIndices, n: number): void {
  const seen = new Uint8Array(n);
  for (const part of [split.train, split.dev, split.test]) {
    expect(part).toBeInstanceOf(Int32Array);
    for (const i of part) {
      expect(seen[i]).toBe(0);
      seen[i] = 1;
    }
  }
  expect(seen.every((v) => v === 1)).toBe(true);
}

const sizes = (s: SplitIndices): number[] => [s.train.length, s.dev.length, s.test.length];

describe('default ratios', () => {
  it.each([
    [10, [0.6, 0.2, 0.2]],
    [1_000_000, [0.6, 0.2, 0.2]],
    [1_000_001, [0.98, 0.01, 0.01]],
  ])('n = %i → %j', (n, ratios) => {
    expect(defaultSplitRatios(n)).toEqual(ratios);
  });

  it('uses 60/20/20 up to a million examples and 98/1/1 above', () => {
    expect(sizes(trainDevTestSplit(1000, { seed: 1 }))).toEqual([600, 200, 200]);
    const big = trainDevTestSplit(2_000_000, { seed: 1 });
    expect(sizes(big)).toEqual([1_960_000, 20_000, 20_000]);
  });
});

describe('splitSizes (largest remainder)', () => {
  it.each([
    [0, [0.6, 0.2, 0.2], [0, 0, 0]],
    [3, [0.6, 0.2, 0.2], [2, 1, 0]],
    [7, [0.6, 0.2, 0.2], [4, 2, 1]],
    [10, [0.7, 0.2, 0.1], [7, 2, 1]],
    [101, [0.6, 0.2, 0.2], [61, 20, 20]],
    [100, [0.29, 0.42, 0.29], [29, 42, 29]],
    [2, [1 / 3, 1 / 3, 1 / 3], [1, 1, 0]],
  ])('n = %i, ratios %j → %j', (n, ratios, expected) => {
    expect(splitSizes(n, ratios as [number, number, number])).toEqual(expected);
  });
});

describe('trainDevTestSplit', () => {
  it('partitions 0 … n−1 into shuffled parts, reproducibly per seed', () => {
    for (const n of [0, 1, 5, 97, 1000]) {
      const split = trainDevTestSplit(n, { seed: 3 });
      expectPartition(split, n);
      expect(trainDevTestSplit(n, { seed: 3 })).toEqual(split);
    }
    const a = trainDevTestSplit(100, { seed: 1 });
    expect(a.train).not.toEqual(trainDevTestSplit(100, { seed: 2 }).train);
    // Shuffled, not the first 60 in order.
    expect(Array.from(a.train).some((v, i) => v !== i)).toBe(true);
  });

  it('honours custom ratios', () => {
    const split = trainDevTestSplit(200, { ratios: [0.5, 0.3, 0.2], seed: 0 });
    expect(sizes(split)).toEqual([100, 60, 40]);
    expectPartition(split, 200);
  });

  it('follows tl.setSeed when no seed is given', () => {
    tl.setSeed(77);
    const a = trainDevTestSplit(50);
    tl.setSeed(77);
    expect(trainDevTestSplit(50)).toEqual(a);
  });

  it('keeps class proportions with stratify, and the part sizes exact', () => {
    // 600 of class 0, 300 of class 1, 100 of class 2, interleaved.
    const labels = Array.from({ length: 1000 }, (_, i) => (i % 10 < 6 ? 0 : i % 10 < 9 ? 1 : 2));
    const split = trainDevTestSplit(1000, { seed: 5, stratify: labels });
    expectPartition(split, 1000);
    expect(sizes(split)).toEqual([600, 200, 200]);
    const count = (part: Int32Array, c: number): number =>
      Array.from(part).filter((i) => labels[i] === c).length;
    expect([0, 1, 2].map((c) => count(split.train, c))).toEqual([360, 180, 60]);
    expect([0, 1, 2].map((c) => count(split.dev, c))).toEqual([120, 60, 20]);
    expect([0, 1, 2].map((c) => count(split.test, c))).toEqual([120, 60, 20]);
    // Classes interleave inside each part.
    expect(new Set(Array.from(split.train.slice(0, 20), (i) => labels[i])).size).toBeGreaterThan(1);
  });

  it('stratifies awkward counts within one example per class and part', () => {
    const labels = [...Array(37).fill(4), ...Array(11).fill(-1), ...Array(2).fill(9), 7];
    const n = labels.length;
    const ratios = [0.5, 0.3, 0.2] as const;
    const split = trainDevTestSplit(n, { seed: 2, ratios, stratify: new Int32Array(labels) });
    expectPartition(split, n);
    const target = splitSizes(n, ratios);
    expect(sizes(split)).toEqual(target);
    for (const c of [4, -1, 9, 7]) {
      const total = labels.filter((l) => l === c).length;
      [split.train, split.dev, split.test].forEach((part, p) => {
        const got = Array.from(part).filter((i) => labels[i] === c).length;
        expect(Math.abs(got - (total * target[p]) / n)).toBeLessThan(1);
      });
    }
  });

  it('accepts labels as a tensor', () => {
    const before = tl.memory().numTensors;
    const labels = tl.tensor([0, 1, 0, 1, 0, 1, 0, 1, 0, 1], [10], 'int32');
    const split = trainDevTestSplit(10, { seed: 1, stratify: labels });
    expect(sizes(split)).toEqual([6, 2, 2]);
    labels.dispose();
    expect(tl.memory().numTensors).toBe(before);
  });

  it.each([
    [[0.5, 0.5], /ratios must be three fractions \[train, dev, test\], got \[0.5,0.5\]/],
    [[0.6, 0.3, 0.2], /ratios must be fractions summing to 1 \(they sum to 1\.09999/],
    [[1, 0, 0], /ratios must be positive numbers, got \[1,0,0\]/],
    [[1.2, -0.1, -0.1], /ratios must be positive numbers/],
    [[0.6, Number.NaN, 0.4], /ratios must be positive numbers/],
  ])('rejects ratios %j with a ValueError naming ratios', (ratios, message) => {
    expect(() => trainDevTestSplit(10, { ratios: ratios as never })).toThrow(tl.ValueError);
    expect(() => trainDevTestSplit(10, { ratios: ratios as never })).toThrow(message);
  });

  it('rejects a bad n, bad labels and unknown options by name', () => {
    expect(() => trainDevTestSplit(-3)).toThrow(
      /trainDevTestSplit: n must be a non-negative integer, got -3/,
    );
    expect(() => trainDevTestSplit(2.5)).toThrow(tl.ValueError);
    expect(() => trainDevTestSplit(3, { stratify: [0, 1] })).toThrow(
      /trainDevTestSplit: stratify has 2 labels but n is 3/,
    );
    expect(() => trainDevTestSplit(2, { stratify: [0, 0.5] })).toThrow(
      /stratify\[1\] must be an integer class label, got 0.5/,
    );
    expect(() => trainDevTestSplit(2, { ratio: [1, 0, 0] } as never)).toThrow(
      /unknown option 'ratio'/,
    );
  });
});
