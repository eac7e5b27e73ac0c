// Packed SGEMM: C[M, N] (+)= op(A)[M, K] · op(B)[K, N], then bias and activation in the same pass.
//
// op(B) is packed once into ⌈N/8⌉ panels of K × 8 floats (zero-padded columns), so the micro-kernel
// reads B contiguously whatever its layout; A is read in place, four rows at a time (row-major A:
// four row pointers; transposed A: the four values of one k are adjacent). The micro-kernel keeps
// a 4 × 8 block of C in eight f32x4 accumulators: with two B vectors and one broadcast A value that
// is 11 of the 15 SIMD registers V8 gives wasm on x64, so nothing spills (5 × 8 or k-unrolling do
// spill and run at half speed).
//
// Loop order per tile: panels outer, 4-row strips inner, so one B panel (K × 8 floats) is reused
// from L1/L2 by every strip while A streams by. Measured on Zen 3, blocking K into L1-sized slices
// loses (each block reloads and stores C): K is only cut past KC = 4096, where a panel slice would
// leave L2. Work is split into tiles of rows × panels. Every element of C is summed in the same
// order (k ascending) whatever the tiling, so results never depend on the thread count.
import { activate } from './unary';
import { Unary } from './opcodes';
import { Simd } from './simd';

const NR: i32 = 8;
/** Longest K run before C is stored and reloaded (a 128 KiB panel slice). */
const KC: i32 = 4096;

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
  /** Stores one row of accumulators (added to C for the K blocks after the first). */
  @inline
  static storeRow(cp: usize, v0: v128, v1: v128, cols: i32, first: bool): void {
    if (cols == NR) {
      if (!first) {
        v0 = f32x4.add(v128.load(cp), v0);
        v1 = f32x4.add(v128.load(cp, 16), v1);
      }
      v128.store(cp, v0);
      v128.store(cp, v1, 16);
      return;
    }
    if (!first) {
      v0 = f32x4.add(Gemm.loadPartial(cp, cols, false), v0);
      v1 = f32x4.add(Gemm.loadPartial(cp, cols, true), v1);
    }
    Gemm.storePartial(cp, v0, cols, false);
    Gemm.storePartial(cp, v1, cols, true);
  }

  /**
   * rows (1…4) × 8 block of C over k ∈ [k0, k0 + kc). a + aOffset is op(A)[i, k0]; for row-major A
   * rows are `aStride` bytes apart and k advances 4 bytes, for transposed A rows are adjacent and k
   * advances `aStride` (= M·4) bytes. Only integer arguments: every SIMD register is free for the
   * accumulators, the two B vectors and the broadcast A value.
   */
  @inline
  static microKernel(
    rows: i32,
    transA: bool,
    a: usize,
    aOffset: usize,
    aStride: usize,
    packed: usize,
    bOffset: usize,
    kc: i32,
    cp: usize,
    ldc: usize,
    cols: i32,
    first: bool,
  ): void {
    // Pointers are formed here, from a base and an offset: V8 then knows their upper 32 bits are
    // zero and addresses memory with them directly (a pointer passed in as such costs a movl per
    // use in the loop).
    const ap = a + aOffset;
    let bp = packed + bOffset;
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
    Gemm.storeRow(cp, c00, c01, cols, first);
    if (rows > 1) Gemm.storeRow(cp + ldc, c10, c11, cols, first);
    if (rows > 2) Gemm.storeRow(cp + 2 * ldc, c20, c21, cols, first);
    if (rows > 3) Gemm.storeRow(cp + 3 * ldc, c30, c31, cols, first);
  }

  /**
   * Rows [r0, r1) × panels [p0, p1) of C, K block by K block. The full 4-row strips run the
   * micro-kernel inlined here, three loops deep: V8 unrolls a wasm loop by min((depth + 1)·50/size,
   * 5), so at this depth the k-loop is unrolled twice (one loop-back check per two steps, which the
   * front end, the bottleneck of this kernel, notices); alone in a function it would not be.
   */
  @inline
  static tile(
    transA: bool,
    a: usize,
    packed: usize,
    c: usize,
    M: i32,
    N: i32,
    K: i32,
    r0: i32,
    r1: i32,
    p0: i32,
    p1: i32,
    accumulate: bool,
  ): void {
    const ldc = (<usize>N) << 2;
    const aStride: usize = transA ? (<usize>M) << 2 : (<usize>K) << 2;
    const full = r0 + ((r1 - r0) & ~3);
    let k0 = 0;
    do {
      const kc = min(KC, K - k0);
      const first = k0 == 0 && !accumulate;
      for (let p = p0; p < p1; p++) {
        const cols = min(NR, N - p * NR);
        const bo = (<usize>p * <usize>K + <usize>k0) << 5;
        const cp = c + ((<usize>(p * NR)) << 2);
        for (let i = r0; i < full; i += 4) {
          const ao = transA
            ? (<usize>k0 * <usize>M + <usize>i) << 2
            : (<usize>i * <usize>K + <usize>k0) << 2;
          Gemm.microKernel(
            4,
            transA,
            a,
            ao,
            aStride,
            packed,
            bo,
            kc,
            cp + <usize>i * ldc,
            ldc,
            cols,
            first,
          );
        }
        const rest = r1 - full;
        if (rest > 0) {
          const ao = transA
            ? (<usize>k0 * <usize>M + <usize>full) << 2
            : (<usize>full * <usize>K + <usize>k0) << 2;
          const cr = cp + <usize>full * ldc;
          if (transA) {
            if (rest == 3) micro3T(a, ao, aStride, packed, bo, kc, cr, ldc, cols, first);
            else if (rest == 2) micro2T(a, ao, aStride, packed, bo, kc, cr, ldc, cols, first);
            else micro1T(a, ao, aStride, packed, bo, kc, cr, ldc, cols, first);
          } else {
            if (rest == 3) micro3N(a, ao, aStride, packed, bo, kc, cr, ldc, cols, first);
            else if (rest == 2) micro2N(a, ao, aStride, packed, bo, kc, cr, ldc, cols, first);
            else micro1N(a, ao, aStride, packed, bo, kc, cr, ldc, cols, first);
          }
        }
      }
      k0 += kc;
    } while (k0 < K);
  }
}

// One function per (rows, layout of A): each is a separate specialization of microKernel.
function micro3N(
  a: usize,
  ao: usize,
  s: usize,
  b: usize,
  bo: usize,
  kc: i32,
  cp: usize,
  ldc: usize,
  cols: i32,
  first: bool,
): void {
  Gemm.microKernel(3, false, a, ao, s, b, bo, kc, cp, ldc, cols, first);
}
function micro2N(
  a: usize,
  ao: usize,
  s: usize,
  b: usize,
  bo: usize,
  kc: i32,
  cp: usize,
  ldc: usize,
  cols: i32,
  first: bool,
): void {
  Gemm.microKernel(2, false, a, ao, s, b, bo, kc, cp, ldc, cols, first);
}
function micro1N(
  a: usize,
  ao: usize,
  s: usize,
  b: usize,
  bo: usize,
  kc: i32,
  cp: usize,
  ldc: usize,
  cols: i32,
  first: bool,
): void {
  Gemm.microKernel(1, false, a, ao, s, b, bo, kc, cp, ldc, cols, first);
}
function micro3T(
  a: usize,
  ao: usize,
  s: usize,
  b: usize,
  bo: usize,
  kc: i32,
  cp: usize,
  ldc: usize,
  cols: i32,
  first: bool,
): void {
  Gemm.microKernel(3, true, a, ao, s, b, bo, kc, cp, ldc, cols, first);
}
function micro2T(
  a: usize,
  ao: usize,
  s: usize,
  b: usize,
  bo: usize,
  kc: i32,
  cp: usize,
  ldc: usize,
  cols: i32,
  first: bool,
): void {
  Gemm.microKernel(2, true, a, ao, s, b, bo, kc, cp, ldc, cols, first);
}
function micro1T(
  a: usize,
  ao: usize,
  s: usize,
  b: usize,
  bo: usize,
  kc: i32,
  cp: usize,
  ldc: usize,
  cols: i32,
  first: bool,
): void {
  Gemm.microKernel(1, true, a, ao, s, b, bo, kc, cp, ldc, cols, first);
}

function tileN(
  a: usize,
  packed: usize,
  c: usize,
  M: i32,
  N: i32,
  K: i32,
  r0: i32,
  r1: i32,
  p0: i32,
  p1: i32,
  accumulate: bool,
): void {
  Gemm.tile(false, a, packed, c, M, N, K, r0, r1, p0, p1, accumulate);
}

function tileT(
  a: usize,
  packed: usize,
  c: usize,
  M: i32,
  N: i32,
  K: i32,
  r0: i32,
  r1: i32,
  p0: i32,
  p1: i32,
  accumulate: bool,
): void {
  Gemm.tile(true, a, packed, c, M, N, K, r0, r1, p0, p1, accumulate);
}

/**
 * The epilogue of FusedMatMul on rows [r0, r1) × columns [c0, c1) of C, right after the tile's
 * last K block (the tile is still in L1): + bias, then the activation.
 */
function epilogue(
  c: usize,
  N: i32,
  r0: i32,
  r1: i32,
  c0: i32,
  c1: i32,
  bias: usize,
  act: i32,
  alpha: f32,
): void {
  const alphaV = f32x4.splat(alpha);
  for (let r = r0; r < r1; r++) {
    const row = c + ((<usize>r * <usize>N) << 2);
    let j = c0;
    for (; j + 4 <= c1; j += 4) {
      const p = row + ((<usize>j) << 2);
      let v = v128.load(p);
      if (bias != 0) v = f32x4.add(v, v128.load(bias + ((<usize>j) << 2)));
      v128.store(p, act == Unary.Linear ? v : activate(act, v, alphaV));
    }
    for (; j < c1; j++) {
      const p = row + ((<usize>j) << 2);
      let v = f32x4.splat(load<f32>(p));
      if (bias != 0) v = f32x4.add(v, f32x4.splat(load<f32>(bias + ((<usize>j) << 2))));
      store<f32>(p, f32x4.extract_lane(act == Unary.Linear ? v : activate(act, v, alphaV), 0));
    }
  }
}

/**
 * Tiles [begin, end) of C = act(op(A)·op(B) + bias) (or C += op(A)·op(B) when accumulate). Tiles
 * are `tileRows` rows × `tilePanels` panels of 8 columns, numbered row-major; `packed` comes from
 * gemmPackB; A is [M, K] or, when transA, [K, M]; bias (0 for none) has N floats; act is a Unary
 * code.
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
  for (let t = begin; t < end; t++) {
    const r0 = (t / tilesAcross) * tileRows;
    const r1 = min(M, r0 + tileRows);
    const p0 = (t % tilesAcross) * tilePanels;
    const p1 = min(panels, p0 + tilePanels);
    if (transA) tileT(a, packed, c, M, N, K, r0, r1, p0, p1, accumulate);
    else tileN(a, packed, c, M, N, K, r0, r1, p0, p1, accumulate);
    if (bias != 0 || act != Unary.Linear) {
      epilogue(c, N, r0, r1, p0 * NR, min(N, p1 * NR), bias, act, alpha);
    }
  }
}
