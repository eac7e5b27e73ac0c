// The loop shapes of the element-wise codegen against a naive broadcast, and dtype details.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tl from '@tensile/core';
import '../../src/index.js';

/** NumPy broadcasting by explicit index arithmetic (the reference for every loop shape). */
function naiveBroadcast(
  a: ArrayLike<number>,
  aShape: number[],
  b: ArrayLike<number>,
  bShape: number[],
  op: (x: number, y: number) => number,
): number[] {
  const rank = Math.max(aShape.length, bShape.length);
  const pa = [...Array(rank - aShape.length).fill(1), ...aShape];
  const pb = [...Array(rank - bShape.length).fill(1), ...bShape];
  const out = pa.map((d, i) => Math.max(d, pb[i]));
  const size = out.reduce((p, d) => p * d, 1);
  const index = (shape: number[], coords: number[]) =>
    coords.reduce((s, c, i) => s * shape[i] + (shape[i] === 1 ? 0 : c), 0);
  const result: number[] = [];
  for (let flat = 0; flat < size; flat++) {
    const coords: number[] = [];
    let rest = flat;
    for (let i = rank - 1; i >= 0; i--) {
      coords[i] = rest % out[i];
      rest = Math.floor(rest / out[i]);
    }
    result.push(op(a[index(pa, coords)], b[index(pb, coords)]));
  }
  return result;
}

const SHAPES: Array<[number[], number[], string]> = [
  [[2, 3], [2, 3], 'same'],
  [[2, 3], [], 'scalar b'],
  [[], [4, 2], 'scalar a'],
  [[3, 4], [4], 'tiled b (row vector)'],
  [[4], [2, 3, 4], 'tiled a'],
  [[3, 4], [3, 1], 'spread b (column)'],
  [[2, 1, 1], [2, 3, 4], 'spread a'],
  [[3, 1], [1, 4], 'outer (general)'],
  [[2, 1, 4], [1, 3, 1], 'general rank 3'],
];

beforeAll(async () => {
  await tl.setBackend('cpu');
});

describe('binary loop shapes', () => {
  it.each(SHAPES)('%j with %j (%s)', (aShape, bShape) => {
    const size = (s: number[]) => s.reduce((p, d) => p * d, 1);
    const a = Float32Array.from({ length: size(aShape) }, (_, i) => i * 0.5 - 1);
    const b = Float32Array.from({ length: size(bShape) }, (_, i) => 2 - i * 0.25);
    tl.tidy(() => {
      const ta = tl.tensor(a, aShape);
      const tb = tl.tensor(b, bShape);
      expect(Array.from(tl.sub(ta, tb).dataSync())).toEqual(
        naiveBroadcast(a, aShape, b, bShape, (x, y) => Math.fround(x - y)),
      );
      expect(Array.from(tl.less(ta, tb).dataSync())).toEqual(
        naiveBroadcast(a, aShape, b, bShape, (x, y) => (x < y ? 1 : 0)),
      );
    });
  });
});

describe('dtype details', () => {
  it('keeps int32 arithmetic in int32 and compares to bool', () => {
    tl.tidy(() => {
      const a = tl.tensor([7, -7, 5], [3], 'int32');
      expect(tl.add(a, 1).dtype).toBe('int32');
      expect(Array.from(tl.mod(a, 3).dataSync())).toEqual([1, 2, 2]);
      expect(tl.equal(a, 5).dtype).toBe('bool');
      expect(Array.from(tl.sum(tl.greater(a, 0)).dataSync())).toEqual([2]);
    });
  });

  it('rounds half to even, truncates on cast, propagates NaN through maximum', () => {
    tl.tidy(() => {
      expect(Array.from(tl.round(tl.tensor([0.5, 1.5, 2.5, -0.5, -1.5])).dataSync())).toEqual([
        0, 2, 2, -0, -2,
      ]);
      expect(Array.from(tl.cast(tl.tensor([1.7, -1.7]), 'int32').dataSync())).toEqual([1, -1]);
      expect(Array.from(tl.cast(tl.tensor([0, 2]), 'bool').dataSync())).toEqual([0, 1]);
      expect(Number.isNaN(tl.maximum(tl.tensor([NaN]), tl.tensor([1])).dataSync()[0])).toBe(true);
    });
  });

  it('computes in float64 when asked', () => {
    tl.tidy(() => {
      const x = tl.tensor([1e-10], [1], 'float64');
      expect(tl.add(x, 1).dataSync()[0]).toBe(1 + 1e-10);
      expect(tl.erf(tl.tensor([0.5], [1], 'float64')).dataSync()[0]).toBeCloseTo(
        0.5204998778130465,
        15,
      );
    });
  });
});
