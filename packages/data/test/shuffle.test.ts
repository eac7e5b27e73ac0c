import * as tl from '@tensile/core';
import '@tensile/backend-cpu';
import { describe, expect, it } from 'vitest';
import { permutation, shuffle } from '../src/index.js';

const isPermutation = (p: ArrayLike<number>, n: number): boolean =>
  p.length === n && [...Array.from(p)].sort((a, b) => a - b).every((v, i) => v === i);

describe('permutation', () => {
  it('is a permutation of 0 … n−1, the same for the same seed', () => {
    for (const n of [0, 1, 2, 10, 1000]) {
      const p = permutation(n, { seed: 9 });
      expect(p).toBeInstanceOf(Int32Array);
      expect(isPermutation(p, n)).toBe(true);
      expect(permutation(n, { seed: 9 })).toEqual(p);
    }
    expect(permutation(50, { seed: 1 })).not.toEqual(permutation(50, { seed: 2 }));
  });

  it('is pinned for a seed (the order must not drift between releases)', () => {
    expect(Array.from(permutation(8, { seed: 2024 }))).toEqual([0, 1, 3, 5, 7, 2, 6, 4]);
  });

  it('gives every permutation of 3 items about equally often (Fisher–Yates is unbiased)', () => {
    const counts = new Map<string, number>();
    const trials = 6000;
    for (let seed = 0; seed < trials; seed++) {
      const key = Array.from(permutation(3, { seed })).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    // χ² with 5 degrees of freedom; 20.5 is the 0.999 quantile.
    const chi2 = [...counts.values()].reduce((s, c) => s + (c - 1000) ** 2 / 1000, 0);
    expect(chi2).toBeLessThan(20.5);
  });

  it('follows tl.setSeed when no seed is given', () => {
    tl.setSeed(123);
    const a = permutation(20);
    tl.setSeed(123);
    expect(permutation(20)).toEqual(a);
  });

  it('rejects bad arguments by name', () => {
    expect(() => permutation(-1)).toThrow(/permutation: n must be a non-negative integer, got -1/);
    expect(() => permutation(3, { seed: 0.5 })).toThrow(/permutation: seed must be/);
    expect(() => permutation(3, { sed: 1 } as never)).toThrow(/unknown option 'sed'/);
  });
});

describe('shuffle', () => {
  it('returns a shuffled copy of an array or typed array, in the order of permutation()', () => {
    const items = ['a', 'b', 'c', 'd', 'e', 'f'];
    const order = permutation(6, { seed: 4 });
    expect(shuffle(items, { seed: 4 })).toEqual(Array.from(order, (i) => items[i]));
    expect(items).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    const typed = new Float32Array([10, 11, 12, 13, 14, 15]);
    const shuffled = shuffle(typed, { seed: 4 });
    expect(shuffled).toBeInstanceOf(Float32Array);
    expect(Array.from(shuffled)).toEqual(Array.from(order, (i) => typed[i]));
    expect(typed[0]).toBe(10);
  });

  it('shuffles the rows of a tensor and leaves the input alone', () => {
    const before = tl.memory().numTensors;
    const x = tl.tensor([
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
    ]);
    const y = shuffle(x, { seed: 8 });
    const order = Array.from(permutation(5, { seed: 8 }));
    expect(y.arraySync()).toEqual(order.map((i) => [i, i]));
    expect(x.arraySync()).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
    ]);
    tl.dispose([x, y]);
    expect(tl.memory().numTensors).toBe(before);
  });

  it('rejects what it cannot shuffle', () => {
    const s = tl.scalar(1);
    expect(() => shuffle(s)).toThrow(/shuffle: values must have at least one axis/);
    s.dispose();
    expect(() => shuffle(3 as never)).toThrow(/shuffle: values must be a Tensor, got 3/);
  });
});
