// Layer normalization, batch normalization and inverted dropout, one pass each.
import { Simd } from './simd';

/**
 * Rows [begin, end) of layer normalization over the last axis (n values per row):
 * y = (x − μ)/√(σ² + eps)·γ + β with the biased variance, two passes over the row (mean, then the
 * squared deviations, which stays accurate when |μ| ≫ σ). gamma/beta are 0 when absent.
 */
export function layerNormF32(
  x: usize,
  gamma: usize,
  beta: usize,
  out: usize,
  n: i32,
  eps: f32,
  begin: i32,
  end: i32,
): void {
  const full = n & ~3;
  for (let row = begin; row < end; row++) {
    const px = x + ((<usize>row * <usize>n) << 2);
    const po = out + ((<usize>row * <usize>n) << 2);
    let sv = f32x4.splat(0);
    for (let i = 0; i < full; i += 4) sv = f32x4.add(sv, v128.load(px + ((<usize>i) << 2)));
    let s = Simd.hsum(sv);
    for (let i = full; i < n; i++) s += load<f32>(px + ((<usize>i) << 2));
    const mean = s / <f32>n;
    const mv = f32x4.splat(mean);
    let qv = f32x4.splat(0);
    for (let i = 0; i < full; i += 4) {
      const d = f32x4.sub(v128.load(px + ((<usize>i) << 2)), mv);
      qv = f32x4.add(qv, f32x4.mul(d, d));
    }
    let q = Simd.hsum(qv);
    for (let i = full; i < n; i++) {
      const d = load<f32>(px + ((<usize>i) << 2)) - mean;
      q += d * d;
    }
    const r = <f32>1 / Mathf.sqrt(q / <f32>n + eps);
    const rv = f32x4.splat(r);
    for (let i = 0; i < full; i += 4) {
      const o = (<usize>i) << 2;
      let y = f32x4.mul(f32x4.sub(v128.load(px + o), mv), rv);
      if (gamma != 0) y = f32x4.mul(y, v128.load(gamma + o));
      if (beta != 0) y = f32x4.add(y, v128.load(beta + o));
      v128.store(po + o, y);
    }
    for (let i = full; i < n; i++) {
      const o = (<usize>i) << 2;
      let y = (load<f32>(px + o) - mean) * r;
      if (gamma != 0) y *= load<f32>(gamma + o);
      if (beta != 0) y += load<f32>(beta + o);
      store<f32>(po + o, y);
    }
  }
}

/**
 * Batch-norm coefficients for count parameter positions: s = scale/√(var + eps), t = offset − mean·s
 * (scale/offset 0 when absent), so that y = x·s + t.
 */
export function batchNormCoefficients(
  mean: usize,
  variance: usize,
  offset: usize,
  scale: usize,
  s: usize,
  t: usize,
  count: i32,
  eps: f32,
): void {
  for (let i = 0; i < count; i++) {
    const o = (<usize>i) << 2;
    let k = <f32>1 / Mathf.sqrt(load<f32>(variance + o) + eps);
    if (scale != 0) k *= load<f32>(scale + o);
    const shift = offset != 0 ? load<f32>(offset + o) : <f32>0;
    store<f32>(s + o, k);
    store<f32>(t + o, shift - load<f32>(mean + o) * k);
  }
}

/**
 * out = x·s + t for output elements [begin, end) of a box (d0, d1, d2, d3): x and out contiguous,
 * s and t sharing element strides st* (0 along broadcast axes; the innermost is 0 or 1).
 */
export function scaleShiftF32(
  x: usize,
  s: usize,
  t: usize,
  out: usize,
  d1: i32,
  d2: i32,
  d3: i32,
  st0: i32,
  st1: i32,
  st2: i32,
  st3: i32,
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
    const k = (<usize>(i0 * st0 + i1 * st1 + i2 * st2 + i3 * st3)) << 2;
    const px = x + ((<usize>o) << 2);
    const po = out + ((<usize>o) << 2);
    let i = 0;
    if (st3 != 0) {
      for (; i + 4 <= len; i += 4) {
        const q = (<usize>i) << 2;
        v128.store(
          po + q,
          f32x4.add(f32x4.mul(v128.load(px + q), v128.load(s + k + q)), v128.load(t + k + q)),
        );
      }
      for (; i < len; i++) {
        const q = (<usize>i) << 2;
        store<f32>(po + q, load<f32>(px + q) * load<f32>(s + k + q) + load<f32>(t + k + q));
      }
    } else {
      const sv = v128.load32_splat(s + k);
      const tv = v128.load32_splat(t + k);
      for (; i + 4 <= len; i += 4) {
        const q = (<usize>i) << 2;
        v128.store(po + q, f32x4.add(f32x4.mul(v128.load(px + q), sv), tv));
      }
      for (; i < len; i++) {
        const q = (<usize>i) << 2;
        store<f32>(
          po + q,
          load<f32>(px + q) * f32x4.extract_lane(sv, 0) + f32x4.extract_lane(tv, 0),
        );
      }
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

/** Inverted dropout: out = mask ≠ 0 ? x·scale : 0, with a float32 mask of zeros and ones. */
export function dropoutF32(
  x: usize,
  mask: usize,
  out: usize,
  scale: f32,
  begin: i32,
  end: i32,
): void {
  const sv = f32x4.splat(scale);
  const zero = f32x4.splat(0);
  for (let i = begin; i < end; i += 4) {
    const o = (<usize>i) << 2;
    const keep = f32x4.ne(v128.load(mask + o), zero);
    v128.store(out + o, v128.and(f32x4.mul(v128.load(x + o), sv), keep));
  }
}
