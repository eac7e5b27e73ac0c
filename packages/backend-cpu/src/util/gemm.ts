// C = op(A)·op(B) (+ C), blocked as in Goto & van de Geijn, "Anatomy of High-Performance Matrix
// Multiplication" (2008): a kc×nc block of B and an mc×kc block of A are packed, then a 2×3
// register tile of C runs down kc. What V8 (TurboFan) rewards, measured on Node 20:
// - Packed panels are module-level Float64Arrays of fixed size, read through locals. TurboFan then
//   embeds their data pointer and length, so a load is one instruction and loads sharing an index
//   share one bounds check; Float64 also saves a float→double conversion per load.
// - Packing is lane-split: lane r of A (row r of every 2-row panel) and lane j of B (column j of
//   every 3-column panel) each get their own array, so all loads of a step use the same index.
// - The tile is 2×3: TurboFan computes all products of a step before the adds, so a tile needs
//   2·MR·NR registers; 2×3 is the largest that stays in x64's 16 registers. Larger tiles (4×4,
//   4×8, 3×4) spill accumulators to the stack and ran 20–40% slower; unrolling k spilled as well.
// - Index arithmetic is `| 0` so it compiles to plain int32 adds without overflow checks.
import type { FloatArray } from '@tensile/core';

export type { FloatArray };

/** Register tile: rows of A × columns of B. */
const MR = 2;
const NR = 3;
/** k-block: a B panel (NR·KC doubles, 6 KiB) stays in L1 while the A block streams past it. */
const KC = 256;
/** Rows of A per block: MC·KC doubles (256 KiB) stay in L2. */
const MC = 128;
/** Columns of B per block (a multiple of NR): NC·KC doubles, 768 KiB. */
const NC = 384;

// Lane r of A: PACK_Ar[panel·kc + p] = op(A)[i0 + panel·MR + r, p0 + p]; likewise B by columns.
const PACK_A0 = new Float64Array((MC / MR) * KC);
const PACK_A1 = new Float64Array((MC / MR) * KC);
const PACK_B0 = new Float64Array((NC / NR) * KC);
const PACK_B1 = new Float64Array((NC / NR) * KC);
const PACK_B2 = new Float64Array((NC / NR) * KC);
/** An edge tile on its way to the valid part of C. */
const EDGE = new Float64Array(MR * NR);

/**
 * c[m×n] (row-major, leading dimension n, starting at cOffset) = op(a)·op(b), plus c's previous
 * values when `accumulate`. op(a) is a[m×k] row-major, or a stored [k×m] when transposeA; op(b) is
 * b[k×n], or stored [n×k] when transposeB. a and b start at aOffset and bOffset, so a batched
 * matMul calls it per batch without copying. Products are summed in float64.
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
  if (m <= 0 || n <= 0) return;
  if (k <= 0) {
    if (!accumulate) c.fill(0, cOffset, cOffset + m * n);
    return;
  }
  // Equal blocks (rounded up to whole panels) instead of full blocks plus a thin remainder.
  const kStep = Math.ceil(k / Math.ceil(k / KC));
  const nStep = roundUp(Math.ceil(n / Math.ceil(n / NC)), NR);
  const mStep = roundUp(Math.ceil(m / Math.ceil(m / MC)), MR);
  for (let j0 = 0; j0 < n; j0 += nStep) {
    const nc = Math.min(nStep, n - j0);
    for (let p0 = 0; p0 < k; p0 += kStep) {
      const kc = Math.min(kStep, k - p0);
      const add = accumulate || p0 > 0;
      if (transposeB) packBColumns(b, bOffset, k, p0, kc, j0, nc);
      else packBRows(b, bOffset, n, p0, kc, j0, nc);
      for (let i0 = 0; i0 < m; i0 += mStep) {
        const mc = Math.min(mStep, m - i0);
        if (transposeA) packAColumns(a, aOffset, m, i0, mc, p0, kc);
        else packARows(a, aOffset, k, i0, mc, p0, kc);
        const cBlock = cOffset + i0 * n + j0;
        for (let j = 0; j < nc; j += NR) {
          blockKernel((j / NR) * kc, kc, c, cBlock + j, n, mc, Math.min(NR, nc - j), add);
        }
      }
    }
  }
}

function roundUp(x: number, multiple: number): number {
  return Math.ceil(x / multiple) * multiple;
}

/**
 * C[0:mc, 0:nr] (+)= packed A block · B panel starting at bBase: one 2×3 tile per A panel.
 * nr < NR and an odd last row go through EDGE (packing zero-filled the missing lanes).
 */
function blockKernel(
  bBase: number,
  kc: number,
  c: FloatArray,
  cBase: number,
  ldc: number,
  mc: number,
  nr: number,
  add: boolean,
): void {
  // Locals, so TurboFan sees constant arrays (see the header).
  const a0 = PACK_A0;
  const a1 = PACK_A1;
  const b0 = PACK_B0;
  const b1 = PACK_B1;
  const b2 = PACK_B2;
  for (let i = 0; i < mc; i += MR) {
    let p = ((i / MR) * kc) | 0;
    const end = (p + kc) | 0;
    const toB = (bBase - p) | 0;
    let c00 = 0;
    let c01 = 0;
    let c02 = 0;
    let c10 = 0;
    let c11 = 0;
    let c12 = 0;
    for (; p < end; p = (p + 1) | 0) {
      const q = (p + toB) | 0;
      const x0 = a0[p];
      const x1 = a1[p];
      const y0 = b0[q];
      const y1 = b1[q];
      const y2 = b2[q];
      c00 += x0 * y0;
      c01 += x0 * y1;
      c02 += x0 * y2;
      c10 += x1 * y0;
      c11 += x1 * y1;
      c12 += x1 * y2;
    }
    const o = cBase + i * ldc;
    if (nr === NR && i + 1 < mc) {
      const o1 = o + ldc;
      if (add) {
        c[o] += c00;
        c[o + 1] += c01;
        c[o + 2] += c02;
        c[o1] += c10;
        c[o1 + 1] += c11;
        c[o1 + 2] += c12;
      } else {
        c[o] = c00;
        c[o + 1] = c01;
        c[o + 2] = c02;
        c[o1] = c10;
        c[o1 + 1] = c11;
        c[o1 + 2] = c12;
      }
    } else {
      const t = EDGE;
      t[0] = c00;
      t[1] = c01;
      t[2] = c02;
      t[3] = c10;
      t[4] = c11;
      t[5] = c12;
      const mr = Math.min(MR, mc - i);
      for (let r = 0; r < mr; r++) {
        const row = o + r * ldc;
        for (let j = 0; j < nr; j++) c[row + j] = add ? c[row + j] + t[r * NR + j] : t[r * NR + j];
      }
    }
  }
}

/** A row-major [m×k] (lda = k): each lane copies a contiguous run of its row. */
function packARows(
  a: FloatArray,
  aOffset: number,
  lda: number,
  i0: number,
  mc: number,
  p0: number,
  kc: number,
): void {
  const l0 = PACK_A0;
  const l1 = PACK_A1;
  for (let i = 0; i < mc; i += MR) {
    const dst = (i / MR) * kc;
    const s0 = aOffset + (i0 + i) * lda + p0;
    if (i + 1 < mc) {
      const s1 = s0 + lda;
      for (let p = 0; p < kc; p++) {
        l0[dst + p] = a[s0 + p];
        l1[dst + p] = a[s1 + p];
      }
    } else {
      for (let p = 0; p < kc; p++) l0[dst + p] = a[s0 + p];
      l1.fill(0, dst, dst + kc);
    }
  }
}

/** A stored [k×m] (lda = m): read each row of storage contiguously, scatter across panels. */
function packAColumns(
  a: FloatArray,
  aOffset: number,
  lda: number,
  i0: number,
  mc: number,
  p0: number,
  kc: number,
): void {
  const l0 = PACK_A0;
  const l1 = PACK_A1;
  const pairs = mc >> 1;
  for (let p = 0; p < kc; p++) {
    const src = aOffset + (p0 + p) * lda + i0;
    let dst = p;
    for (let q = 0; q < pairs; q++, dst += kc) {
      l0[dst] = a[src + 2 * q];
      l1[dst] = a[src + 2 * q + 1];
    }
    if (mc & 1) {
      l0[dst] = a[src + mc - 1];
      l1[dst] = 0;
    }
  }
}

/** B row-major [k×n] (ldb = n): read each row contiguously, scatter across panels. */
function packBRows(
  b: FloatArray,
  bOffset: number,
  ldb: number,
  p0: number,
  kc: number,
  j0: number,
  nc: number,
): void {
  const l0 = PACK_B0;
  const l1 = PACK_B1;
  const l2 = PACK_B2;
  const full = (nc / NR) | 0;
  const rest = nc - full * NR;
  for (let p = 0; p < kc; p++) {
    let src = bOffset + (p0 + p) * ldb + j0;
    let dst = p;
    for (let q = 0; q < full; q++, src += NR, dst += kc) {
      l0[dst] = b[src];
      l1[dst] = b[src + 1];
      l2[dst] = b[src + 2];
    }
    if (rest > 0) {
      l0[dst] = b[src];
      l1[dst] = rest > 1 ? b[src + 1] : 0;
      l2[dst] = 0;
    }
  }
}

/** B stored [n×k] (ldb = k): each lane copies a contiguous run of its storage row. */
function packBColumns(
  b: FloatArray,
  bOffset: number,
  ldb: number,
  p0: number,
  kc: number,
  j0: number,
  nc: number,
): void {
  const l0 = PACK_B0;
  const l1 = PACK_B1;
  const l2 = PACK_B2;
  for (let j = 0; j < nc; j += NR) {
    const dst = (j / NR) * kc;
    const s0 = bOffset + (j0 + j) * ldb + p0;
    const s1 = s0 + ldb;
    const s2 = s1 + ldb;
    if (j + 2 < nc) {
      for (let p = 0; p < kc; p++) {
        l0[dst + p] = b[s0 + p];
        l1[dst + p] = b[s1 + p];
        l2[dst + p] = b[s2 + p];
      }
    } else {
      for (let p = 0; p < kc; p++) l0[dst + p] = b[s0 + p];
      if (j + 1 < nc) for (let p = 0; p < kc; p++) l1[dst + p] = b[s1 + p];
      else l1.fill(0, dst, dst + kc);
      l2.fill(0, dst, dst + kc);
    }
  }
}
