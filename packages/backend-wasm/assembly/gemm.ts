// Packed SGEMM: C[M, N] (+)= op(A)[M, K] · op(B)[K, N], then bias and activation in the same pass.
//
// op(B) is packed once into ⌈N/8⌉ panels of K × 8 floats (zero-padded columns), so the micro-kernel
// reads B contiguously whatever its layout; A is read in place, four rows at a time (row-major A:
// four row pointers; transposed A: the four values of one k are adjacent). The micro-kernel keeps
// a 4 × 8 block of C in eight f32x4 accumulators: with two B vectors and one broadcast A value that
// is 11 of the 15 SIMD registers V8 gives wasm on x64, so nothing spills (5 × 8 or k-unrolling do
// spill and run at half speed).
//
// K is blocked by KC so that a B panel slice (KC × 8 floats = 8 KiB) and four A rows (4 KiB) stay
// in L1 while the strip loop sweeps the rows of a tile; the A tile (rows × KC) stays in L2. Work is
// split into tiles of rows × panels. Every element of C is summed in the same order (k ascending,
// KC blocks ascending) whatever the tiling, so results never depend on the thread count.
import { activate } from './unary';
import { Unary } from './opcodes';
import { Simd } from './simd';

const NR: i32 = 8;
const KC: i32 = 256;

/** Packs panels [begin, end) of op(B), B being [K, N] row-major or, when transB, [N, K]. */
export function gemmPackB(
  b: usize,
  packed: usize,
  K: i32,
  N: i32,
  transB: bool,
  begin: i32,
  end: i32,
): void {
  for (let p = begin; p < end; p++) {
    const col0 = p * NR;
    const cols = min(NR, N - col0);
    let dst = packed + ((<usize>p * <usize>K) << 5);
    if (!transB) {
      let src = b + ((<usize>col0) << 2);
      const stride = (<usize>N) << 2;
      if (cols == NR) {
        for (let k = 0; k < K; k++) {
          v128.store(dst, v128.load(src));
          v128.store(dst, v128.load(src, 16), 16);
          src += stride;
          dst += 32;
        }
      } else {
        for (let k = 0; k < K; k++) {
          for (let j = 0; j < NR; j++) {
            store<f32>(dst + ((<usize>j) << 2), j < cols ? load<f32>(src + ((<usize>j) << 2)) : 0);
          }
          src += stride;
          dst += 32;
        }
      }
      continue;
    }
    // op(B)[k, col0 + j] = B[(col0 + j)·K + k]: eight source rows, 4 × 4 transposes per k quad
    const rowStride = (<usize>K) << 2;
    const r0 = b + ((<usize>col0 * <usize>K) << 2);
    let k = 0;
    if (cols == NR) {
      for (; k + 4 <= K; k += 4) {
        const q = r0 + ((<usize>k) << 2);
        Gemm.transpose4x4Into(dst, q, rowStride);
        Gemm.transpose4x4Into(dst + 16, q + 4 * rowStride, rowStride);
        dst += 128;
      }
    }
    for (; k < K; k++) {
      for (let j = 0; j < NR; j++) {
        const v: f32 = j < cols ? load<f32>(r0 + <usize>j * rowStride + ((<usize>k) << 2)) : 0;
        store<f32>(dst + ((<usize>j) << 2), v);
      }
      dst += 32;
    }
  }
}

/** Helpers inlined into their callers (AssemblyScript's @inline, on static members). */
export class Gemm {
  /** Reads four rows (4 floats each, `stride` bytes apart) and writes their transpose, 32 bytes apart. */
  @inline
  static transpose4x4Into(dst: usize, src: usize, stride: usize): void {
    const a = v128.load(src);
    const b = v128.load(src + stride);
    const c = v128.load(src + 2 * stride);
    const d = v128.load(src + 3 * stride);
    const ab0 = i32x4.shuffle(a, b, 0, 4, 1, 5);
    const cd0 = i32x4.shuffle(c, d, 0, 4, 1, 5);
    const ab1 = i32x4.shuffle(a, b, 2, 6, 3, 7);
    const cd1 = i32x4.shuffle(c, d, 2, 6, 3, 7);
    v128.store(dst, i32x4.shuffle(ab0, cd0, 0, 1, 4, 5));
    v128.store(dst, i32x4.shuffle(ab0, cd0, 2, 3, 6, 7), 32);
    v128.store(dst, i32x4.shuffle(ab1, cd1, 0, 1, 4, 5), 64);
    v128.store(dst, i32x4.shuffle(ab1, cd1, 2, 3, 6, 7), 96);
  }
  /** Loads the valid columns of one half (high: columns 4…7) of a partial panel row, zeros beyond. */
  @inline
  static loadPartial(p: usize, cols: i32, high: bool): v128 {
    const first = high ? 4 : 0;
    const q = p + ((<usize>first) << 2);
    let v = f32x4.splat(0);
    if (cols > first) v = f32x4.replace_lane(v, 0, load<f32>(q));
    if (cols > first + 1) v = f32x4.replace_lane(v, 1, load<f32>(q, 4));
    if (cols > first + 2) v = f32x4.replace_lane(v, 2, load<f32>(q, 8));
    if (cols > first + 3) v = f32x4.replace_lane(v, 3, load<f32>(q, 12));
    return v;
  }
  @inline
  static storePartial(p: usize, v: v128, cols: i32, high: bool): void {
    const first = high ? 4 : 0;
    const q = p + ((<usize>first) << 2);
    if (cols > first) store<f32>(q, f32x4.extract_lane(v, 0));
    if (cols > first + 1) store<f32>(q, f32x4.extract_lane(v, 1), 4);
    if (cols > first + 2) store<f32>(q, f32x4.extract_lane(v, 2), 8);
    if (cols > first + 3) store<f32>(q, f32x4.extract_lane(v, 3), 12);
  }
  /** Epilogue of one row of the tile: + C (later K blocks), + bias and activation (last block). */
  @inline
  static finishRow(
    cp: usize,
    v0: v128,
    v1: v128,
    cols: i32,
    first: bool,
    last: bool,
    bias0: v128,
    bias1: v128,
    act: i32,
    alpha: v128,
  ): void {
    if (cols == NR) {
      if (!first) {
        v0 = f32x4.add(v128.load(cp), v0);
        v1 = f32x4.add(v128.load(cp, 16), v1);
      }
      if (last) {
        v0 = f32x4.add(v0, bias0);
        v1 = f32x4.add(v1, bias1);
        if (act == Unary.Relu) {
          v0 = f32x4.pmax(v0, f32x4.splat(0));
          v1 = f32x4.pmax(v1, f32x4.splat(0));
        } else if (act != Unary.Linear) {
          v0 = activate(act, v0, alpha);
          v1 = activate(act, v1, alpha);
        }
      }
      v128.store(cp, v0);
      v128.store(cp, v1, 16);
      return;
    }
    if (!first) {
      v0 = f32x4.add(Gemm.loadPartial(cp, cols, false), v0);
      v1 = f32x4.add(Gemm.loadPartial(cp, cols, true), v1);
    }
    if (last) {
      v0 = activate(act, f32x4.add(v0, bias0), alpha);
      v1 = activate(act, f32x4.add(v1, bias1), alpha);
    }
    Gemm.storePartial(cp, v0, cols, false);
    Gemm.storePartial(cp, v1, cols, true);
  }
  /**
   * rows (1…4) × 8 block of C over k ∈ [k0, k0 + kc). `ap` points at op(A)[i, k0]; for row-major A
   * rows are `aRowStride` bytes apart and k advances 4 bytes, for transposed A rows are adjacent and k
   * advances `aRowStride` (= M·4) bytes.
   */
  @inline
  static microKernel(
    rows: i32,
    transA: bool,
    ap: usize,
    aStride: usize,
    bp: usize,
    kc: i32,
    cp: usize,
    ldc: usize,
    cols: i32,
    first: bool,
    last: bool,
    bias0: v128,
    bias1: v128,
    act: i32,
    alpha: v128,
  ): void {
    let c00 = f32x4.splat(0),
      c01 = f32x4.splat(0);
    let c10 = f32x4.splat(0),
      c11 = f32x4.splat(0);
    let c20 = f32x4.splat(0),
      c21 = f32x4.splat(0);
    let c30 = f32x4.splat(0),
      c31 = f32x4.splat(0);
    if (transA) {
      let q = ap;
      for (let k = 0; k < kc; k++) {
        const b0 = v128.load(bp);
        const b1 = v128.load(bp, 16);
        let av = v128.load32_splat(q);
        c00 = Simd.madd(av, b0, c00);
        c01 = Simd.madd(av, b1, c01);
        if (rows > 1) {
          av = v128.load32_splat(q, 4);
          c10 = Simd.madd(av, b0, c10);
          c11 = Simd.madd(av, b1, c11);
        }
        if (rows > 2) {
          av = v128.load32_splat(q, 8);
          c20 = Simd.madd(av, b0, c20);
          c21 = Simd.madd(av, b1, c21);
        }
        if (rows > 3) {
          av = v128.load32_splat(q, 12);
          c30 = Simd.madd(av, b0, c30);
          c31 = Simd.madd(av, b1, c31);
        }
        q += aStride;
        bp += 32;
      }
    } else {
      let a0 = ap;
      let a1 = a0 + aStride;
      let a2 = a1 + aStride;
      let a3 = a2 + aStride;
      for (let k = 0; k < kc; k++) {
        const b0 = v128.load(bp);
        const b1 = v128.load(bp, 16);
        let av = v128.load32_splat(a0);
        c00 = Simd.madd(av, b0, c00);
        c01 = Simd.madd(av, b1, c01);
        if (rows > 1) {
          av = v128.load32_splat(a1);
          c10 = Simd.madd(av, b0, c10);
          c11 = Simd.madd(av, b1, c11);
        }
        if (rows > 2) {
          av = v128.load32_splat(a2);
          c20 = Simd.madd(av, b0, c20);
          c21 = Simd.madd(av, b1, c21);
        }
        if (rows > 3) {
          av = v128.load32_splat(a3);
          c30 = Simd.madd(av, b0, c30);
          c31 = Simd.madd(av, b1, c31);
        }
        a0 += 4;
        a1 += 4;
        a2 += 4;
        a3 += 4;
        bp += 32;
      }
    }
    Gemm.finishRow(cp, c00, c01, cols, first, last, bias0, bias1, act, alpha);
    if (rows > 1) Gemm.finishRow(cp + ldc, c10, c11, cols, first, last, bias0, bias1, act, alpha);
    if (rows > 2)
      Gemm.finishRow(cp + 2 * ldc, c20, c21, cols, first, last, bias0, bias1, act, alpha);
    if (rows > 3)
      Gemm.finishRow(cp + 3 * ldc, c30, c31, cols, first, last, bias0, bias1, act, alpha);
  }
}

// One function per (rows, layout of A): each is a separate specialization of microKernel.
function micro4N(
  ap: usize,
  s: usize,
  bp: usize,
  kc: i32,
  cp: usize,
  ldc: usize,
  cols: i32,
  first: bool,
  last: bool,
  b0: v128,
  b1: v128,
  act: i32,
  alpha: v128,
): void {
  Gemm.microKernel(4, false, ap, s, bp, kc, cp, ldc, cols, first, last, b0, b1, act, alpha);
}
function micro3N(
  ap: usize,
  s: usize,
  bp: usize,
  kc: i32,
  cp: usize,
  ldc: usize,
  cols: i32,
  first: bool,
  last: bool,
  b0: v128,
  b1: v128,
  act: i32,
  alpha: v128,
): void {
  Gemm.microKernel(3, false, ap, s, bp, kc, cp, ldc, cols, first, last, b0, b1, act, alpha);
}
function micro2N(
  ap: usize,
  s: usize,
  bp: usize,
  kc: i32,
  cp: usize,
  ldc: usize,
  cols: i32,
  first: bool,
  last: bool,
  b0: v128,
  b1: v128,
  act: i32,
  alpha: v128,
): void {
  Gemm.microKernel(2, false, ap, s, bp, kc, cp, ldc, cols, first, last, b0, b1, act, alpha);
}
function micro1N(
  ap: usize,
  s: usize,
  bp: usize,
  kc: i32,
  cp: usize,
  ldc: usize,
  cols: i32,
  first: bool,
  last: bool,
  b0: v128,
  b1: v128,
  act: i32,
  alpha: v128,
): void {
  Gemm.microKernel(1, false, ap, s, bp, kc, cp, ldc, cols, first, last, b0, b1, act, alpha);
}
function micro4T(
  ap: usize,
  s: usize,
  bp: usize,
  kc: i32,
  cp: usize,
  ldc: usize,
  cols: i32,
  first: bool,
  last: bool,
  b0: v128,
  b1: v128,
  act: i32,
  alpha: v128,
): void {
  Gemm.microKernel(4, true, ap, s, bp, kc, cp, ldc, cols, first, last, b0, b1, act, alpha);
}
function micro3T(
  ap: usize,
  s: usize,
  bp: usize,
  kc: i32,
  cp: usize,
  ldc: usize,
  cols: i32,
  first: bool,
  last: bool,
  b0: v128,
  b1: v128,
  act: i32,
  alpha: v128,
): void {
  Gemm.microKernel(3, true, ap, s, bp, kc, cp, ldc, cols, first, last, b0, b1, act, alpha);
}
function micro2T(
  ap: usize,
  s: usize,
  bp: usize,
  kc: i32,
  cp: usize,
  ldc: usize,
  cols: i32,
  first: bool,
  last: bool,
  b0: v128,
  b1: v128,
  act: i32,
  alpha: v128,
): void {
  Gemm.microKernel(2, true, ap, s, bp, kc, cp, ldc, cols, first, last, b0, b1, act, alpha);
}
function micro1T(
  ap: usize,
  s: usize,
  bp: usize,
  kc: i32,
  cp: usize,
  ldc: usize,
  cols: i32,
  first: bool,
  last: bool,
  b0: v128,
  b1: v128,
  act: i32,
  alpha: v128,
): void {
  Gemm.microKernel(1, true, ap, s, bp, kc, cp, ldc, cols, first, last, b0, b1, act, alpha);
}

/**
 * Tiles [begin, end) of C = act(op(A)·op(B) + bias) (+ C when accumulate). Tiles are `tileRows`
 * rows × `tilePanels` panels of 8 columns, numbered row-major; `packed` comes from gemmPackB; A is
 * [M, K] or, when transA, [K, M]; bias (0 for none) has N floats; act is a Unary code.
 */
export function gemm(
  a: usize,
  transA: bool,
  packed: usize,
  c: usize,
  M: i32,
  N: i32,
  K: i32,
  bias: usize,
  act: i32,
  alpha: f32,
  accumulate: bool,
  tileRows: i32,
  tilePanels: i32,
  begin: i32,
  end: i32,
): void {
  const panels = (N + NR - 1) / NR;
  const tilesAcross = (panels + tilePanels - 1) / tilePanels;
  const ldc = (<usize>N) << 2;
  const alphaV = f32x4.splat(alpha);
  const aStride: usize = transA ? (<usize>M) << 2 : (<usize>K) << 2;
  for (let t = begin; t < end; t++) {
    const r0 = (t / tilesAcross) * tileRows;
    const r1 = min(M, r0 + tileRows);
    const p0 = (t % tilesAcross) * tilePanels;
    const p1 = min(panels, p0 + tilePanels);
    let k0 = 0;
    do {
      const kc = min(KC, K - k0);
      const first = k0 == 0 && !accumulate;
      const last = k0 + kc >= K;
      for (let p = p0; p < p1; p++) {
        const cols = min(NR, N - p * NR);
        const bp = packed + ((<usize>p * <usize>K + <usize>k0) << 5);
        let bias0 = f32x4.splat(0);
        let bias1 = f32x4.splat(0);
        if (last && bias != 0) {
          const pb = bias + ((<usize>(p * NR)) << 2);
          if (cols == NR) {
            bias0 = v128.load(pb);
            bias1 = v128.load(pb, 16);
          } else {
            bias0 = Gemm.loadPartial(pb, cols, false);
            bias1 = Gemm.loadPartial(pb, cols, true);
          }
        }
        let i = r0;
        for (; i + 4 <= r1; i += 4) {
          const cp = c + <usize>i * ldc + ((<usize>(p * NR)) << 2);
          if (transA) {
            const ap = a + ((<usize>k0 * <usize>M + <usize>i) << 2);
            micro4T(ap, aStride, bp, kc, cp, ldc, cols, first, last, bias0, bias1, act, alphaV);
          } else {
            const ap = a + ((<usize>i * <usize>K + <usize>k0) << 2);
            micro4N(ap, aStride, bp, kc, cp, ldc, cols, first, last, bias0, bias1, act, alphaV);
          }
        }
        const rest = r1 - i;
        if (rest > 0) {
          const cp = c + <usize>i * ldc + ((<usize>(p * NR)) << 2);
          const ap = transA
            ? a + ((<usize>k0 * <usize>M + <usize>i) << 2)
            : a + ((<usize>i * <usize>K + <usize>k0) << 2);
          if (transA) {
            if (rest == 3)
              micro3T(ap, aStride, bp, kc, cp, ldc, cols, first, last, bias0, bias1, act, alphaV);
            else if (rest == 2)
              micro2T(ap, aStride, bp, kc, cp, ldc, cols, first, last, bias0, bias1, act, alphaV);
            else
              micro1T(ap, aStride, bp, kc, cp, ldc, cols, first, last, bias0, bias1, act, alphaV);
          } else {
            if (rest == 3)
              micro3N(ap, aStride, bp, kc, cp, ldc, cols, first, last, bias0, bias1, act, alphaV);
            else if (rest == 2)
              micro2N(ap, aStride, bp, kc, cp, ldc, cols, first, last, bias0, bias1, act, alphaV);
            else
              micro1N(ap, aStride, bp, kc, cp, ldc, cols, first, last, bias0, bias1, act, alphaV);
          }
        }
      }
      k0 += kc;
    } while (k0 < K);
  }
}
