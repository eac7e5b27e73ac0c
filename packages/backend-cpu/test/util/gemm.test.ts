// The packed GEMM against a float64 triple loop: every transpose combination, edge tiles, several
// blocks along m (> 128), n (> 384) and k (> 256), offsets, accumulation, and both float types.
import { describe, expect, it } from 'vitest';
import type { FloatArray } from '@tensile/core';
import { gemm } from '../../src/util/gemm.js';
import { randomArray, seededRandom } from './random.js';

type FloatType = { new (size: number): FloatArray };

/** op(A)·op(B) in float64, and Σ|a||b| per element as the scale of rounding error. */
function reference(
  a: FloatArray,
  b: FloatArray,
  m: number,
  n: number,
  k: number,
  transposeA: boolean,
  transposeB: boolean,
): { value: Float64Array; scale: Float64Array } {
  const value = new Float64Array(m * n);
  const scale = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      let abs = 0;
      for (let p = 0; p < k; p++) {
        const x = transposeA ? a[p * m + i] : a[i * k + p];
        const y = transposeB ? b[j * k + p] : b[p * n + j];
        sum += x * y;
        abs += Math.abs(x * y);
      }
      value[i * n + j] = sum;
      scale[i * n + j] = abs;
    }
  }
  return { value, scale };
}

const SHAPES: [number, number, number][] = [
  [1, 1, 1],
  [7, 13, 5],
  [2, 3, 4],
  [1, 300, 17],
  [33, 1, 40],
  [40, 70, 1],
  [64, 64, 64],
  [65, 129, 67],
  [3, 600, 5],
  [131, 260, 20],
  [20, 30, 800],
];
const COMBOS: [boolean, boolean][] = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
];

function check(
  Type: FloatType,
  [m, k, n]: [number, number, number],
  transposeA: boolean,
  transposeB: boolean,
  accumulate: boolean,
  seed: number,
): void {
  const random = seededRandom(seed);
  const aOffset = 3;
  const bOffset = 5;
  const cOffset = 7;
  const a = randomArray(Type, aOffset + m * k + 2, random);
  const b = randomArray(Type, bOffset + k * n + 2, random);
  const c = randomArray(Type, cOffset + m * n + 4, random);
  const before = c.slice();
  const op = reference(
    a.subarray(aOffset, aOffset + m * k),
    b.subarray(bOffset, bOffset + k * n),
    m,
    n,
    k,
    transposeA,
    transposeB,
  );
  gemm(a, aOffset, b, bOffset, c, cOffset, m, n, k, transposeA, transposeB, accumulate);
  const relative = Type === Float32Array ? 1e-5 : 1e-14;
  let worst = 0;
  for (let i = 0; i < m * n; i++) {
    const expected = op.value[i] + (accumulate ? before[cOffset + i] : 0);
    const tolerance = relative * (Math.abs(expected) + op.scale[i]) + 1e-30;
    worst = Math.max(worst, Math.abs(c[cOffset + i] - expected) / tolerance);
  }
  expect(worst).toBeLessThanOrEqual(1);
  // Nothing outside the output window moves.
  for (let i = 0; i < cOffset; i++) expect(c[i]).toBe(before[i]);
  for (let i = cOffset + m * n; i < c.length; i++) expect(c[i]).toBe(before[i]);
}

describe('gemm', () => {
  for (const Type of [Float32Array, Float64Array] as FloatType[]) {
    for (const [transposeA, transposeB] of COMBOS) {
      const label = `${Type.name} ${transposeA ? 'Aᵀ' : 'A'}·${transposeB ? 'Bᵀ' : 'B'}`;
      it(`${label} matches a float64 triple loop`, () => {
        SHAPES.forEach((shape, s) => check(Type, shape, transposeA, transposeB, false, s + 1));
      });
      it(`${label} accumulates into c`, () => {
        SHAPES.forEach((shape, s) => check(Type, shape, transposeA, transposeB, true, s + 100));
      });
    }
  }

  it('gives each type its own precision when calls alternate', () => {
    for (let round = 0; round < 3; round++) {
      check(Float32Array, [67, 300, 70], false, false, false, round);
      check(Float64Array, [67, 300, 70], false, false, false, round);
    }
  });

  it('writes zeros for k = 0 and leaves c alone when accumulating', () => {
    const c = new Float32Array([1, 2, 3, 4, 5, 6]);
    gemm(new Float32Array(0), 0, new Float32Array(0), 0, c, 0, 2, 3, 0, false, false, true);
    expect(Array.from(c)).toEqual([1, 2, 3, 4, 5, 6]);
    gemm(new Float32Array(0), 0, new Float32Array(0), 0, c, 0, 2, 3, 0, false, false);
    expect(Array.from(c)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('does nothing for an empty output', () => {
    const c = new Float64Array([9]);
    gemm(new Float64Array(4), 0, new Float64Array(4), 0, c, 0, 0, 1, 4, false, false);
    gemm(new Float64Array(4), 0, new Float64Array(4), 0, c, 0, 1, 0, 4, false, false);
    expect(c[0]).toBe(9);
  });

  it('propagates NaN and infinities as the sum of products does', () => {
    const a = new Float32Array(64 * 64).fill(1);
    const b = new Float32Array(64 * 64).fill(1);
    a[5] = NaN; // row 0
    b[64 * 3 + 2] = Infinity; // column 2
    const c = new Float32Array(64 * 64);
    gemm(a, 0, b, 0, c, 0, 64, 64, 64, false, false);
    expect(c[0]).toBeNaN();
    expect(c[64 + 2]).toBe(Infinity);
    expect(c[64 + 1]).toBe(64);
  });
});
