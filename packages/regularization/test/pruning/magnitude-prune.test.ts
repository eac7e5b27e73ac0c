import '../helpers/backend.js';
import { describe, expect, it } from 'vitest';
import * as tl from '@tensile/core';
import { magnitudePrune, measureSparsity } from '../../src/index.js';
import { expectTensorDelta } from '../helpers/memory.js';
import { rng, uniformArray } from '../helpers/random.js';

/** The indices a correct pruner zeroes: k smallest |w|, ties by position (independent oracle). */
function oracle(values: ArrayLike<number>, sparsity: number): Set<number> {
  const k = Math.round(sparsity * values.length);
  const order = Array.from(values, (v, i) => [Math.abs(v), i] as const).sort(
    (a, b) => a[0] - b[0] || a[1] - b[1],
  );
  return new Set(order.slice(0, k).map(([, i]) => i));
}

function zeroIndices(mask: tl.Tensor): Set<number> {
  const out = new Set<number>();
  mask.dataSync().forEach((v, i) => {
    if (v === 0) out.add(i);
    else expect(v).toBe(1);
  });
  return out;
}

describe('magnitudePrune zeroes exactly the smallest-magnitude weights', () => {
  for (const sparsity of [0.5, 0.9]) {
    for (const shape of [[10], [64, 32], [3, 3, 8, 16]]) {
      it(`${sparsity * 100}% of [${shape}]`, () => {
        const size = shape.reduce((a, b) => a * b, 1);
        const data = uniformArray(size, size, -1, 1);
        const w = tl.tensor(data, shape);
        const mask = expectTensorDelta(1, () => magnitudePrune(w, { sparsity }));
        expect(mask.shape).toEqual(shape);
        expect(mask.dtype).toBe('float32');
        const zeros = zeroIndices(mask);
        expect(zeros.size).toBe(Math.round(sparsity * size));
        expect(zeros).toEqual(oracle(data, sparsity));
        // Every pruned weight is no larger than every kept one.
        const pruned = [...zeros].map((i) => Math.abs(data[i]));
        const kept = Array.from(data, Math.abs).filter((_, i) => !zeros.has(i));
        expect(Math.max(...pruned)).toBeLessThanOrEqual(Math.min(...kept));
        const masked = tl.mul(w, mask);
        expect(measureSparsity(masked)).toBeCloseTo(Math.round(sparsity * size) / size, 12);
        tl.dispose([w, mask, masked]);
      });
    }
  }

  it('breaks ties by position: the earlier of equal magnitudes goes first', () => {
    const w = tl.tensor([1, -1, 1, 0.5, -1, 2]);
    const mask = magnitudePrune(w, { sparsity: 0.5 });
    expect(Array.from(mask.dataSync())).toEqual([0, 0, 1, 0, 1, 1]);
    const all = tl.fill([8], 0.3);
    const m2 = magnitudePrune(all, { sparsity: 0.25 });
    expect(Array.from(m2.dataSync())).toEqual([0, 0, 1, 1, 1, 1, 1, 1]);
    tl.dispose([w, mask, all, m2]);
  });

  it('stays exact on heavily tied magnitudes (few distinct values, many zeros)', () => {
    const next = rng(12);
    const data = Float32Array.from({ length: 20_000 }, () => {
      const u = next();
      return u < 0.4 ? 0 : (Math.floor(u * 8) / 8) * (u < 0.7 ? -1 : 1);
    });
    const w = tl.tensor(data);
    for (const sparsity of [0.1, 0.4, 0.55, 0.8, 0.99]) {
      const mask = magnitudePrune(w, { sparsity });
      expect(zeroIndices(mask)).toEqual(oracle(data, sparsity));
      mask.dispose();
    }
    w.dispose();
  });

  it('rounds sparsity·n half up, and handles 0 and 1', () => {
    const w = tl.tensor([5, 4, 3, 2, 1]);
    const count = (s: number) => {
      const m = magnitudePrune(w, { sparsity: s });
      const zeros = zeroIndices(m).size;
      m.dispose();
      return zeros;
    };
    expect([0, 0.1, 0.3, 0.5, 0.9, 1].map(count)).toEqual([0, 1, 2, 3, 5, 5]);
    w.dispose();
  });

  it('counts already-zero weights among the smallest (re-pruning is stable)', () => {
    const w = tl.tensor([0, 0, 0.1, -3, 2, 0.2]);
    const m = magnitudePrune(w, { sparsity: 0.5 });
    expect(Array.from(m.dataSync())).toEqual([0, 0, 0, 1, 1, 1]);
    tl.dispose([w, m]);
  });
});

describe('layer and global scope', () => {
  const next = rng(4);
  const small = Float32Array.from({ length: 100 }, () => (next() - 0.5) * 0.2);
  const large = Float32Array.from({ length: 300 }, () => (next() - 0.5) * 4);

  it('layer: each tensor loses its own share', () => {
    const weights = { small: tl.tensor(small), large: tl.tensor(large) };
    const masks = magnitudePrune(weights, { sparsity: 0.5 });
    expect(Object.keys(masks)).toEqual(['small', 'large']);
    expect(zeroIndices(masks.small).size).toBe(50);
    expect(zeroIndices(masks.large).size).toBe(150);
    tl.dispose([weights, masks]);
  });

  it('global: all weights ranked together, so the small-scale tensor loses more', () => {
    const weights = [tl.tensor(small), tl.tensor(large)];
    const masks = magnitudePrune(weights, { sparsity: 0.5, scope: 'global' });
    expect(Array.isArray(masks)).toBe(true);
    const [zs, zl] = masks.map((m) => zeroIndices(m));
    expect(zs.size + zl.size).toBe(200);
    expect(zs.size).toBe(100);
    const together = oracle(Float32Array.from([...small, ...large]), 0.5);
    expect(new Set([...zs, ...[...zl].map((i) => i + 100)])).toEqual(together);
    tl.dispose([weights, masks]);
  });

  it('global ties follow the order the weights were given', () => {
    const weights = { a: tl.tensor([1, 1]), b: tl.tensor([1, 1]) };
    const masks = magnitudePrune(weights, { sparsity: 0.75, scope: 'global' });
    expect(Array.from(masks.a.dataSync())).toEqual([0, 0]);
    expect(Array.from(masks.b.dataSync())).toEqual([0, 1]);
    tl.dispose([weights, masks]);
  });

  it('matches the weight dtype', () => {
    const w = tl.tensor([1, -2, 3], [3], 'float64');
    const m = magnitudePrune(w, { sparsity: 0.34 });
    expect(m.dtype).toBe('float64');
    tl.dispose([w, m]);
  });
});

describe('magnitudePrune errors', () => {
  it('rejects bad sparsity, scope, weights', () => {
    const w = tl.tensor([1, 2]);
    expect(() => magnitudePrune(w, { sparsity: 1.5 })).toThrow(
      'magnitudePrune: sparsity must be a finite number in [0, 1], got 1.5',
    );
    expect(() => magnitudePrune(w, { sparsity: 0.5, scope: 'row' as never })).toThrow(
      "magnitudePrune: scope must be one of 'layer', 'global', got 'row'",
    );
    expect(() => magnitudePrune(w, {} as never)).toThrow(/sparsity must be a finite number/);
    const nan = tl.tensor([1, Number.NaN]);
    expect(() => magnitudePrune(nan, { sparsity: 0.5 })).toThrow(tl.NonFiniteError);
    expect(() => magnitudePrune(nan, { sparsity: 0.5 })).toThrow(
      'magnitudePrune: weights holds NaN at flat index 1; it cannot be ranked',
    );
    const ints = tl.tensor([1, 2], [2], 'int32');
    expect(() => magnitudePrune({ k: ints }, { sparsity: 0.5 })).toThrow(tl.DtypeError);
    expect(() => magnitudePrune({ k: ints }, { sparsity: 0.5 })).toThrow(
      'magnitudePrune: weights must be float tensors, weights.k is int32 of shape [2]',
    );
    expect(() => magnitudePrune(3 as never, { sparsity: 0.5 })).toThrow(/weights must be a tensor/);
    tl.dispose([w, nan, ints]);
  });
});
