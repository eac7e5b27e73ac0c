import * as tl from '@tensile/core';
import '@tensile/backend-cpu';
import { describe, expect, it } from 'vitest';
import { batchCount, batches, permutation } from '../src/index.js';

describe('batches', () => {
  it('cuts 0 … n−1 into consecutive batches, the last one short', () => {
    const b = batches(10, 4);
    expect(b.map((x) => Array.from(x))).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9],
    ]);
    expect(batches(10, 4, { dropRemainder: true }).map((x) => x.length)).toEqual([4, 4]);
    expect(batches(8, 4, { dropRemainder: true }).length).toBe(2);
    expect(batches(0, 4)).toEqual([]);
    expect(batches(3, 10).map((x) => Array.from(x))).toEqual([[0, 1, 2]]);
    expect(batches(3, 10, { dropRemainder: true })).toEqual([]);
  });

  it('follows a seeded permutation when shuffling', () => {
    const b = batches(10, 3, { shuffle: true, seed: 6 });
    expect(b.flatMap((x) => Array.from(x))).toEqual(Array.from(permutation(10, { seed: 6 })));
    expect(batches(10, 3, { shuffle: true, seed: 6 })).toEqual(b);
    tl.setSeed(1);
    const c = batches(10, 3, { shuffle: true });
    tl.setSeed(1);
    expect(batches(10, 3, { shuffle: true })).toEqual(c);
  });

  it.each([
    [0, 1, false, 0],
    [10, 3, false, 4],
    [10, 3, true, 3],
    [9, 3, true, 3],
  ])('batchCount(%i, %i, %s) = %i', (n, size, drop, expected) => {
    expect(batchCount(n, size, drop)).toBe(expected);
    expect(batches(n, size, { dropRemainder: drop }).length).toBe(expected);
  });

  it('rejects bad arguments by name', () => {
    expect(() => batches(10, 0)).toThrow(/batches: batchSize must be an integer ≥ 1, got 0/);
    expect(() => batches(-1, 2)).toThrow(/batches: n must be a non-negative integer/);
    expect(() => batches(10, 2, { shuffle: 'yes' as never })).toThrow(
      /shuffle must be true or false/,
    );
    expect(() => batches(10, 2, { seed: -2 })).toThrow(/batches: seed must be/);
    expect(() => batchCount(10, 1.5)).toThrow(/batchCount: batchSize must be an integer ≥ 1/);
  });
});
