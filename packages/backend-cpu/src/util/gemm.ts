// C = op(A)·op(B) (+ C): panels of A (4 rows) and B (4 columns) are packed per k-block so the
// 4×4 micro-kernel streams contiguous memory and keeps its 16 accumulators in registers.
// Transposed operands cost nothing extra: packing reads them with the other stride.
import type { FloatArray } from '@tensile/core';

export type { FloatArray };

const MR = 4;
const NR = 4;
/** k-block: a packed A panel (4·KC) and B panel (4·KC) stay in L1 while a row panel runs. */
const KC = 256;

let packedA = new Float64Array(MR * KC);
let packedB = new Float64Array(NR * KC * 64);

/**
 * c[m×n] (row-major, starting at cOffset) = op(a)·op(b), plus c's previous values when
 * `accumulate`. op(a) is a[m×k] row-major, or a stored [k×m] when transposeA; op(b) is b[k×n], or
 * stored [n×k] when transposeB. a and b start at aOffset and bOffset (batched calls need no copy).
 */
export function gemm(
  a: FloatArray,
  aOffset: number,
  b: FloatArray,
  bOffset: number,
  c: FloatArray,
  cOffset: number,
  m: number,
  n: number,
  k: number,
  transposeA: boolean,
  transposeB: boolean,
  accumulate = false,
): void {
  if (!accumulate) c.fill(0, cOffset, cOffset + m * n);
  if (m === 0 || n === 0 || k === 0) return;
  // Element (i, p) of op(A) is a[aOffset + i·aRow + p·aCol]; (p, j) of op(B) is b[… p·bRow + j·bCol].
  const aRow = transposeA ? 1 : k;
  const aCol = transposeA ? m : 1;
  const bRow = transposeB ? 1 : n;
  const bCol = transposeB ? k : 1;
  const panels = Math.ceil(n / NR);
  if (packedB.length < panels * NR * KC) packedB = new Float64Array(panels * NR * KC);
  if (packedA.length < MR * KC) packedA = new Float64Array(MR * KC);
  const pa = packedA;
  const pb = packedB;

  for (let p0 = 0; p0 < k; p0 += KC) {
    const kc = Math.min(KC, k - p0);
    // Pack B[p0:p0+kc, :] as panels of NR columns, each p-major and zero-padded at the edge.
    for (let jp = 0; jp < panels; jp++) {
      const j0 = jp * NR;
      const nr = Math.min(NR, n - j0);
      const base = jp * NR * kc;
      for (let p = 0; p < kc; p++) {
        const src = bOffset + (p0 + p) * bRow + j0 * bCol;
        const dst = base + p * NR;
        for (let j = 0; j < nr; j++) pb[dst + j] = b[src + j * bCol];
        for (let j = nr; j < NR; j++) pb[dst + j] = 0;
      }
    }
    for (let i0 = 0; i0 < m; i0 += MR) {
      const mr = Math.min(MR, m - i0);
      for (let p = 0; p < kc; p++) {
        const src = aOffset + i0 * aRow + (p0 + p) * aCol;
        const dst = p * MR;
        for (let i = 0; i < mr; i++) pa[dst + i] = a[src + i * aRow];
        for (let i = mr; i < MR; i++) pa[dst + i] = 0;
      }
      for (let jp = 0; jp < panels; jp++) {
        const j0 = jp * NR;
        microKernel(
          pa,
          pb,
          jp * NR * kc,
          kc,
          c,
          cOffset + i0 * n + j0,
          n,
          mr,
          Math.min(NR, n - j0),
        );
      }
    }
  }
}

/** c[4×4 tile] += Ap(4×kc) · Bp(kc×4), stored clipped to mr × nr. */
function microKernel(
  pa: Float64Array,
  pb: Float64Array,
  bBase: number,
  kc: number,
  c: FloatArray,
  cIndex: number,
  ldc: number,
  mr: number,
  nr: number,
): void {
  let c00 = 0,
    c01 = 0,
    c02 = 0,
    c03 = 0;
  let c10 = 0,
    c11 = 0,
    c12 = 0,
    c13 = 0;
  let c20 = 0,
    c21 = 0,
    c22 = 0,
    c23 = 0;
  let c30 = 0,
    c31 = 0,
    c32 = 0,
    c33 = 0;
  for (let p = 0, ai = 0, bi = bBase; p < kc; p++, ai += 4, bi += 4) {
    const a0 = pa[ai],
      a1 = pa[ai + 1],
      a2 = pa[ai + 2],
      a3 = pa[ai + 3];
    const b0 = pb[bi],
      b1 = pb[bi + 1],
      b2 = pb[bi + 2],
      b3 = pb[bi + 3];
    c00 += a0 * b0;
    c01 += a0 * b1;
    c02 += a0 * b2;
    c03 += a0 * b3;
    c10 += a1 * b0;
    c11 += a1 * b1;
    c12 += a1 * b2;
    c13 += a1 * b3;
    c20 += a2 * b0;
    c21 += a2 * b1;
    c22 += a2 * b2;
    c23 += a2 * b3;
    c30 += a3 * b0;
    c31 += a3 * b1;
    c32 += a3 * b2;
    c33 += a3 * b3;
  }
  if (mr === 4 && nr === 4) {
    c[cIndex] += c00;
    c[cIndex + 1] += c01;
    c[cIndex + 2] += c02;
    c[cIndex + 3] += c03;
    cIndex += ldc;
    c[cIndex] += c10;
    c[cIndex + 1] += c11;
    c[cIndex + 2] += c12;
    c[cIndex + 3] += c13;
    cIndex += ldc;
    c[cIndex] += c20;
    c[cIndex + 1] += c21;
    c[cIndex + 2] += c22;
    c[cIndex + 3] += c23;
    cIndex += ldc;
    c[cIndex] += c30;
    c[cIndex + 1] += c31;
    c[cIndex + 2] += c32;
    c[cIndex + 3] += c33;
    return;
  }
  const tile = [c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33];
  for (let i = 0; i < mr; i++)
    for (let j = 0; j < nr; j++) c[cIndex + i * ldc + j] += tile[i * 4 + j];
}
