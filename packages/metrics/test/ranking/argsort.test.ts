import { describe, expect, it } from 'vitest';
import { argsortAscending } from '../../src/ranking/argsort.js';
import { rocAuc } from '../../src/index.js';
import { rng } from '../helpers.js';
import { pairwiseAuc } from './reference.js';

function isSorted(values: Float64Array, order: Uint32Array): boolean {
  for (let r = 1; r < order.length; r++) if (values[order[r - 1]] > values[order[r]]) return false;
  return true;
}

describe('argsortAscending', () => {
  it('sorts large inputs (radix path) with negatives, ±0, ties and a subset of indices', () => {
    const random = rng(17);
    const n = 20000;
    const values = Float64Array.from({ length: n }, (_, i) =>
      i % 7 === 0
        ? i % 2
          ? -0
          : 0
        : i % 5 === 0
          ? 1e300 * (random() - 0.5)
          : Math.round((random() - 0.5) * 1000) / 10,
    );
    const all = Uint32Array.from({ length: n }, (_, i) => i);
    const order = argsortAscending(values, all);
    expect(order.length).toBe(n);
    expect(new Set(order).size).toBe(n);
    expect(isSorted(values, order)).toBe(true);
    const subset = all.filter((i) => i % 3 !== 0);
    const sub = argsortAscending(values, subset);
    expect([...sub].sort((a, b) => a - b)).toEqual([...subset]);
    expect(isSorted(values, sub)).toBe(true);
  });

  it('gives the same AUC on both paths', () => {
    const random = rng(8);
    const n = 5000;
    const y = Array.from({ length: n }, () => (random() < 0.3 ? 1 : 0));
    const s = y.map((v) => Math.round((v * 0.2 + random()) * 50) / 50 - 0.5);
    expect(rocAuc(y, s)).toBeCloseTo(pairwiseAuc(y, s), 12);
  });
});
