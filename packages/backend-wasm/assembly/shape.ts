// Data movement: strided copies (transpose, slice, broadcastTo, tile, pad), 2-D block copies
// (concat), gather/scatter, one-hot, casts and fills. Element size `esize` is 4 (float32, int32) or
// 1 (bool); strides are in elements.
import { UnaryOps } from './unary';
import { DType } from './opcodes';

function copyRun(esize: usize, src: usize, dst: usize, len: i32, stride: i32): void {
  if (stride == 1) {
    memory.copy(dst, src, <usize>len * esize);
  } else if (esize == 4) {
    if (stride == 0) {
      const v = v128.load32_splat(src);
      let i = 0;
      for (; i + 4 <= len; i += 4) v128.store(dst + ((<usize>i) << 2), v);
      for (; i < len; i++) store<u32>(dst + ((<usize>i) << 2), i32x4.extract_lane(v, 0));
    } else {
      const step = (<usize>stride) << 2;
      let p = src;
      for (let i = 0; i < len; i++) {
        store<u32>(dst + ((<usize>i) << 2), load<u32>(p));
        p += step;
      }
    }
  } else if (stride == 0) {
    memory.fill(dst, load<u8>(src), <usize>len);
  } else {
    let p = src;
    for (let i = 0; i < len; i++) {
      store<u8>(dst + <usize>i, load<u8>(p));
      p += <usize>stride;
    }
  }
}

/**
 * dst[o] = src[Σ iₖ·sₖ] for output elements [begin, end) of the box (d0, d1, d2, d3) walked in
 * row-major order (d0 implied): one kernel for transpose, slice, broadcastTo and tile.
 */
export function copyStrided(
  esize: usize,
  src: usize,
  dst: usize,
  d1: i32,
  d2: i32,
  d3: i32,
  s0: i32,
  s1: i32,
  s2: i32,
  s3: i32,
  begin: i32,
  end: i32,
): void {
  let i3 = begin % d3;
  let rest = begin / d3;
  let i2 = rest % d2;
  rest /= d2;
  let i1 = rest % d1;
  let i0 = rest / d1;
  let o = begin;
  while (o < end) {
    const len = min(d3 - i3, end - o);
    const at = i0 * s0 + i1 * s1 + i2 * s2 + i3 * s3;
    copyRun(esize, src + <usize>at * esize, dst + <usize>o * esize, len, s3);
    o += len;
    i3 = 0;
    if (++i2 == d2) {
      i2 = 0;
      if (++i1 == d1) {
        i1 = 0;
        i0++;
      }
    }
  }
}

/**
 * The mirror of copyStrided: src contiguous over the box, dst[Σ iₖ·tₖ] written (pad places x inside
 * its padded output this way).
 */
export function copyStridedTo(
  esize: usize,
  src: usize,
  dst: usize,
  d1: i32,
  d2: i32,
  d3: i32,
  t0: i32,
  t1: i32,
  t2: i32,
  t3: i32,
  begin: i32,
  end: i32,
): void {
  let i3 = begin % d3;
  let rest = begin / d3;
  let i2 = rest % d2;
  rest /= d2;
  let i1 = rest % d1;
  let i0 = rest / d1;
  let o = begin;
  while (o < end) {
    const len = min(d3 - i3, end - o);
    const at = i0 * t0 + i1 * t1 + i2 * t2 + i3 * t3;
    const from = src + <usize>o * esize;
    const to = dst + <usize>at * esize;
    if (t3 == 1) {
      memory.copy(to, from, <usize>len * esize);
    } else if (esize == 4) {
      for (let i = 0; i < len; i++)
        store<u32>(to + <usize>(i * t3) * 4, load<u32>(from + ((<usize>i) << 2)));
    } else {
      for (let i = 0; i < len; i++) store<u8>(to + <usize>(i * t3), load<u8>(from + <usize>i));
    }
    o += len;
    i3 = 0;
    if (++i2 == d2) {
      i2 = 0;
      if (++i1 == d1) {
        i1 = 0;
        i0++;
      }
    }
  }
}

/** Cache-blocked 2-D transpose of a [rows, cols] matrix of 4-byte elements, output rows [begin, end). */
export function transpose2d(
  src: usize,
  dst: usize,
  rows: i32,
  cols: i32,
  begin: i32,
  end: i32,
): void {
  const B = 32;
  for (let c0 = begin; c0 < end; c0 += B) {
    const c1 = min(end, c0 + B);
    for (let r0 = 0; r0 < rows; r0 += B) {
      const r1 = min(rows, r0 + B);
      for (let c = c0; c < c1; c++) {
        const out = dst + ((<usize>c * <usize>rows) << 2);
        let p = src + ((<usize>r0 * <usize>cols + <usize>c) << 2);
        const step = (<usize>cols) << 2;
        for (let r = r0; r < r1; r++) {
          store<u32>(out + ((<usize>r) << 2), load<u32>(p));
          p += step;
        }
      }
    }
  }
}

/** rows × cols elements from src (row stride srcStride) to dst (row stride dstStride), rows [begin, end). */
export function copy2d(
  esize: usize,
  src: usize,
  dst: usize,
  cols: i32,
  srcStride: i32,
  dstStride: i32,
  begin: i32,
  end: i32,
): void {
  const bytes = <usize>cols * esize;
  for (let r = begin; r < end; r++) {
    memory.copy(
      dst + <usize>r * <usize>dstStride * esize,
      src + <usize>r * <usize>srcStride * esize,
      bytes,
    );
  }
}

/** Fills n elements with a 32-bit pattern (esize 4) or a byte (esize 1). */
export function fill(esize: usize, dst: usize, bits: u32, n: i32): void {
  if (esize == 1 || bits == 0) {
    memory.fill(dst, <u8>bits, <usize>n * esize);
    return;
  }
  const v = i32x4.splat(bits);
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(dst + ((<usize>i) << 2), v);
  for (; i < n; i++) store<u32>(dst + ((<usize>i) << 2), bits);
}

/** Position of the first index outside [0, limit), or −1. */
export function findInvalidIndex(indices: usize, n: i32, limit: i32): i32 {
  for (let j = 0; j < n; j++) {
    const v = load<i32>(indices + ((<usize>j) << 2));
    if (<u32>v >= <u32>limit) return j;
  }
  return -1;
}

/** out[o, j, :] = x[o, indices[j], :] for blocks [begin, end) of outer × n (indices checked). */
export function gather(
  esize: usize,
  x: usize,
  indices: usize,
  out: usize,
  axisLength: i32,
  inner: i32,
  n: i32,
  begin: i32,
  end: i32,
): void {
  const bytes = <usize>inner * esize;
  for (let block = begin; block < end; block++) {
    const o = block / n;
    const j = block - o * n;
    const index = load<i32>(indices + ((<usize>j) << 2));
    memory.copy(
      out + <usize>block * bytes,
      x + (<usize>o * <usize>axisLength + <usize>index) * bytes,
      bytes,
    );
  }
}

/**
 * out[b, indices[j], :] += updates[b, j, :] over zeroed out [outer, dimSize, inner], in index order
 * (repeated indices add up in a fixed order). Float32 or int32.
 */
export function scatterAdd(
  isInt: bool,
  updates: usize,
  indices: usize,
  out: usize,
  outer: i32,
  dimSize: i32,
  n: i32,
  inner: i32,
): void {
  memory.fill(out, 0, (<usize>outer * <usize>dimSize * <usize>inner) << 2);
  for (let b = 0; b < outer; b++) {
    for (let j = 0; j < n; j++) {
      const index = load<i32>(indices + ((<usize>j) << 2));
      const to = out + (((<usize>b * <usize>dimSize + <usize>index) * <usize>inner) << 2);
      const from = updates + (((<usize>b * <usize>n + <usize>j) * <usize>inner) << 2);
      let i = 0;
      if (isInt) {
        for (; i + 4 <= inner; i += 4) {
          const q = (<usize>i) << 2;
          v128.store(to + q, i32x4.add(v128.load(to + q), v128.load(from + q)));
        }
        for (; i < inner; i++) {
          const q = (<usize>i) << 2;
          store<i32>(to + q, load<i32>(to + q) + load<i32>(from + q));
        }
      } else {
        for (; i + 4 <= inner; i += 4) {
          const q = (<usize>i) << 2;
          v128.store(to + q, f32x4.add(v128.load(to + q), v128.load(from + q)));
        }
        for (; i < inner; i++) {
          const q = (<usize>i) << 2;
          store<f32>(to + q, load<f32>(to + q) + load<f32>(from + q));
        }
      }
    }
  }
}

/** [n, depth] one-hot rows: onBits where indices[i] = column, offBits elsewhere; out-of-range rows stay off. */
export function oneHot(
  esize: usize,
  indices: usize,
  out: usize,
  n: i32,
  depth: i32,
  onBits: u32,
  offBits: u32,
): void {
  fill(esize, out, offBits, n * depth);
  for (let i = 0; i < n; i++) {
    const index = load<i32>(indices + ((<usize>i) << 2));
    if (<u32>index >= <u32>depth) continue;
    const p = out + (<usize>i * <usize>depth + <usize>index) * esize;
    if (esize == 4) store<u32>(p, onBits);
    else store<u8>(p, <u8>onBits);
  }
}

/** Dtype conversion of elements [begin, end): float → int32 truncates (ToInt32), anything → bool is ≠ 0. */
export function cast(from: i32, to: i32, x: usize, out: usize, begin: i32, end: i32): void {
  if (from == DType.F32 && to == DType.I32) {
    for (let i = begin; i < end; i += 4) {
      const o = (<usize>i) << 2;
      const v = v128.load(x + o);
      // |v| < 2³¹ truncates exactly; other lanes (huge, ∞, NaN) take ToInt32's wrap-around
      if (v128.all_true<i32>(f32x4.lt(f32x4.abs(v), f32x4.splat(2147483648.0)))) {
        v128.store(out + o, i32x4.trunc_sat_f32x4_s(v));
      } else {
        for (let lane = 0; lane < 4; lane++) {
          store<i32>(
            out + o + ((<usize>lane) << 2),
            UnaryOps.toInt32(<f64>load<f32>(x + o + ((<usize>lane) << 2))),
          );
        }
      }
    }
  } else if (from == DType.I32 && to == DType.F32) {
    for (let i = begin; i < end; i += 4) {
      const o = (<usize>i) << 2;
      v128.store(out + o, f32x4.convert_i32x4_s(v128.load(x + o)));
    }
  } else if (to == DType.U8) {
    // NaN ≠ 0, so NaN casts to true (as `v !== 0`)
    const esize: usize = from == DType.U8 ? 1 : 4;
    for (let i = begin; i < end; i++) {
      const p = x + <usize>i * esize;
      const nonZero =
        from == DType.F32
          ? load<f32>(p) != 0
          : from == DType.I32
            ? load<i32>(p) != 0
            : load<u8>(p) != 0;
      store<u8>(out + <usize>i, nonZero ? 1 : 0);
    }
  } else {
    // bool → float32 or int32
    for (let i = begin; i < end; i++) {
      const v = load<u8>(x + <usize>i) != 0 ? 1 : 0;
      if (to == DType.F32) store<f32>(out + ((<usize>i) << 2), <f32>v);
      else store<i32>(out + ((<usize>i) << 2), v);
    }
  }
}
