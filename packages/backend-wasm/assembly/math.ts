// Vectorized float32 math, four lanes at a time. Range reduction plus the minimax polynomials of
// Cephes' single-precision library (S. Moshier), each accurate to a few ulp over the whole range;
// special values (±0, ±∞, NaN, denormals) follow IEEE/JavaScript. Comments name the formula.
import { Simd } from './simd';

const LOG2E: f32 = 1.44269504088896341;
// ln 2 split so that n·LN2_HI is exact for |n| < 2^9 (Cody–Waite reduction).
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.1219444e-4;

/** eˣ: x = n·ln2 + r with |r| ≤ ln2/2, eʳ by Cephes expf's degree-6 polynomial, then ·2ⁿ. */
export function exp4(x: v128): v128 {
  // pmax/pmin keep NaN (pmax(x, lo) = x < lo ? lo : x). Below −104 the result is 0, above 89 ∞.
  const xc = f32x4.pmin(f32x4.pmax(x, f32x4.splat(-104.0)), f32x4.splat(89.0));
  const fx = f32x4.nearest(f32x4.mul(xc, f32x4.splat(LOG2E)));
  let r = f32x4.sub(xc, f32x4.mul(fx, f32x4.splat(LN2_HI)));
  r = f32x4.sub(r, f32x4.mul(fx, f32x4.splat(LN2_LO)));
  const z = f32x4.mul(r, r);
  let y = f32x4.splat(1.98756915e-4);
  y = Simd.madd(y, r, f32x4.splat(1.3981999507e-3));
  y = Simd.madd(y, r, f32x4.splat(8.3334519073e-3));
  y = Simd.madd(y, r, f32x4.splat(4.1665795894e-2));
  y = Simd.madd(y, r, f32x4.splat(1.6666665459e-1));
  y = Simd.madd(y, r, f32x4.splat(5.0000001201e-1));
  y = Simd.madd(y, z, f32x4.add(r, f32x4.splat(1.0)));
  // 2ⁿ as two factors 2^⌊n/2⌋·2^⌈n/2⌉, so n from −150 to 128 needs no special case (denormals
  // and overflow to ∞ come out of the multiplications).
  const n = i32x4.trunc_sat_f32x4_s(fx);
  const n1 = i32x4.shr_s(n, 1);
  const n2 = i32x4.sub(n, n1);
  const bias = i32x4.splat(127);
  const s1 = i32x4.shl(i32x4.add(n1, bias), 23);
  const s2 = i32x4.shl(i32x4.add(n2, bias), 23);
  return f32x4.mul(f32x4.mul(y, s1), s2);
}

/** ln x: x = 2ᵉ·m with m ∈ [√½, √2), ln m by Cephes logf's degree-9 polynomial in m − 1. */
export function log4(x: v128): v128 {
  // Denormals are scaled by 2²³ first (and 23 taken off the exponent).
  const denormal = f32x4.lt(x, f32x4.splat(1.17549435e-38));
  const xs = v128.bitselect(f32x4.mul(x, f32x4.splat(8388608.0)), x, denormal);
  const e0 = i32x4.sub(
    i32x4.shr_u(v128.and(xs, i32x4.splat(0x7f800000)), 23),
    i32x4.add(i32x4.splat(126), v128.and(denormal, i32x4.splat(23))),
  );
  // m ∈ [0.5, 1)
  const m = v128.or(v128.and(xs, i32x4.splat(0x007fffff)), i32x4.splat(0x3f000000));
  const small = f32x4.lt(m, f32x4.splat(0.707106781186547524));
  // small: m ← 2m − 1, e ← e − 1 (mask lanes are −1); else m ← m − 1
  const t = f32x4.sub(f32x4.add(m, v128.and(small, m)), f32x4.splat(1.0));
  const e = f32x4.convert_i32x4_s(i32x4.add(e0, small));
  const z = f32x4.mul(t, t);
  let y = f32x4.splat(7.0376836292e-2);
  y = Simd.madd(y, t, f32x4.splat(-1.151461031e-1));
  y = Simd.madd(y, t, f32x4.splat(1.167699874e-1));
  y = Simd.madd(y, t, f32x4.splat(-1.2420140846e-1));
  y = Simd.madd(y, t, f32x4.splat(1.4249322787e-1));
  y = Simd.madd(y, t, f32x4.splat(-1.6668057665e-1));
  y = Simd.madd(y, t, f32x4.splat(2.0000714765e-1));
  y = Simd.madd(y, t, f32x4.splat(-2.4999993993e-1));
  y = Simd.madd(y, t, f32x4.splat(3.3333331174e-1));
  y = f32x4.mul(f32x4.mul(y, t), z);
  y = Simd.madd(e, f32x4.splat(LN2_LO), y);
  y = Simd.madd(z, f32x4.splat(-0.5), y);
  let result = Simd.madd(e, f32x4.splat(LN2_HI), f32x4.add(t, y));
  // ln 0 = −∞, ln(x < 0) = NaN, ln ∞ = ∞, ln NaN = NaN
  result = v128.bitselect(f32x4.splat(-Infinity), result, f32x4.eq(x, f32x4.splat(0.0)));
  result = v128.bitselect(f32x4.splat(NaN), result, f32x4.lt(x, f32x4.splat(0.0)));
  return v128.bitselect(x, result, v128.or(f32x4.ne(x, x), f32x4.eq(x, f32x4.splat(Infinity))));
}

/** ln(1 + x) = ln u − ((u − 1) − x)/u with u = 1 + x: the correction restores what rounding u lost. */
export function log1p4(x: v128): v128 {
  const u = f32x4.add(x, f32x4.splat(1.0));
  const lu = log4(u);
  const corrected = f32x4.sub(lu, f32x4.div(f32x4.sub(f32x4.sub(u, f32x4.splat(1.0)), x), u));
  const regular = v128.and(f32x4.gt(u, f32x4.splat(0.0)), f32x4.lt(u, f32x4.splat(Infinity)));
  return v128.bitselect(corrected, lu, regular);
}

/** eˣ − 1: Taylor series to x⁸/8! for |x| < ½ (error < 1e-8), eˣ − 1 beyond. */
export function expm1_4(x: v128): v128 {
  let p = f32x4.splat(2.4801587301587302e-5); // 1/8!
  p = Simd.madd(p, x, f32x4.splat(1.9841269841269841e-4)); // 1/7!
  p = Simd.madd(p, x, f32x4.splat(1.3888888888888889e-3)); // 1/6!
  p = Simd.madd(p, x, f32x4.splat(8.3333333333333333e-3)); // 1/5!
  p = Simd.madd(p, x, f32x4.splat(4.1666666666666667e-2)); // 1/4!
  p = Simd.madd(p, x, f32x4.splat(1.6666666666666667e-1)); // 1/3!
  p = Simd.madd(p, x, f32x4.splat(0.5));
  p = Simd.madd(p, x, f32x4.splat(1.0));
  const series = f32x4.mul(p, x);
  const big = f32x4.sub(exp4(x), f32x4.splat(1.0));
  return v128.bitselect(series, big, f32x4.lt(f32x4.abs(x), f32x4.splat(0.5)));
}

/** tanh: Cephes tanhf's odd polynomial for |x| < 0.625, else sign(x)·(1 − 2/(e^{2|x|} + 1)). */
export function tanh4(x: v128): v128 {
  const ax = f32x4.abs(x);
  const z = f32x4.mul(x, x);
  let p = f32x4.splat(-5.70498872745e-3);
  p = Simd.madd(p, z, f32x4.splat(2.06390887954e-2));
  p = Simd.madd(p, z, f32x4.splat(-5.37397155531e-2));
  p = Simd.madd(p, z, f32x4.splat(1.33314422036e-1));
  p = Simd.madd(p, z, f32x4.splat(-3.33332819422e-1));
  const small = Simd.madd(f32x4.mul(p, z), x, x);
  const e = exp4(f32x4.add(ax, ax));
  const big = f32x4.sub(
    f32x4.splat(1.0),
    f32x4.div(f32x4.splat(2.0), f32x4.add(e, f32x4.splat(1.0))),
  );
  // copy x's sign onto the large-|x| branch
  const signed = v128.or(big, v128.and(x, i32x4.splat(0x80000000)));
  return v128.bitselect(small, signed, f32x4.lt(ax, f32x4.splat(0.625)));
}

/** σ(x) = 1/(1 + e^{−x}); for very negative x, e^{−x} → ∞ and σ → 0 without NaN. */
export function sigmoid4(x: v128): v128 {
  return f32x4.div(f32x4.splat(1.0), f32x4.add(f32x4.splat(1.0), exp4(f32x4.neg(x))));
}

/**
 * erfc(a) for a ≥ 0: t·exp(−a² − 1.26551223 + t·P(t)) with t = 1/(1 + a/2), the Chebyshev fit of
 * Numerical Recipes §6.2 (relative error < 1.2e-7 for every a ≥ 0, so far tails keep their digits).
 */
export function erfcNonNegative4(a: v128): v128 {
  const t = f32x4.div(f32x4.splat(1.0), Simd.madd(a, f32x4.splat(0.5), f32x4.splat(1.0)));
  let p = f32x4.splat(0.17087277);
  p = Simd.madd(p, t, f32x4.splat(-0.82215223));
  p = Simd.madd(p, t, f32x4.splat(1.48851587));
  p = Simd.madd(p, t, f32x4.splat(-1.13520398));
  p = Simd.madd(p, t, f32x4.splat(0.27886807));
  p = Simd.madd(p, t, f32x4.splat(-0.18628806));
  p = Simd.madd(p, t, f32x4.splat(0.09678418));
  p = Simd.madd(p, t, f32x4.splat(0.37409196));
  p = Simd.madd(p, t, f32x4.splat(1.00002368));
  p = Simd.madd(p, t, f32x4.splat(-1.26551223));
  return f32x4.mul(t, exp4(f32x4.sub(p, f32x4.mul(a, a))));
}

/** erf: Maclaurin series 2/√π·Σ(−1)ⁿx^{2n+1}/(n!(2n+1)) to x¹³ for |x| < ½, else sign(x)·(1 − erfc|x|). */
export function erf4(x: v128): v128 {
  const z = f32x4.mul(x, x);
  // 2/√π · (−1)ⁿ/(n!(2n+1)) for n = 6 … 0
  let p = f32x4.splat(1.2055333003157186e-4);
  p = Simd.madd(p, z, f32x4.splat(-8.5483270234508533e-4));
  p = Simd.madd(p, z, f32x4.splat(5.2239776254421878e-3));
  p = Simd.madd(p, z, f32x4.splat(-2.6866170645131253e-2));
  p = Simd.madd(p, z, f32x4.splat(1.1283791670955126e-1));
  p = Simd.madd(p, z, f32x4.splat(-3.7612638903183754e-1));
  p = Simd.madd(p, z, f32x4.splat(1.1283791670955126));
  const series = f32x4.mul(x, p);
  const ax = f32x4.abs(x);
  const tail = f32x4.sub(f32x4.splat(1.0), erfcNonNegative4(ax));
  const signedTail = v128.or(tail, v128.and(x, i32x4.splat(0x80000000)));
  return v128.bitselect(series, signedTail, f32x4.lt(ax, f32x4.splat(0.5)));
}

// sin/cos: Cephes sinf/cosf. x = j·π/4 + r with j even (DP1 + DP2 + DP3 = π/4 in three parts),
// then the sine or cosine polynomial of r by octant. Accurate to ~1 ulp for |x| < 8192; larger
// arguments take the scalar path (see sinCos4).
const FOUR_OVER_PI: f32 = 1.27323954473516;
const DP1: f32 = 0.78515625;
const DP2: f32 = 2.4187564849853515625e-4;
const DP3: f32 = 3.77489497744594108e-8;

function sinPoly(r: v128, z: v128): v128 {
  let p = f32x4.splat(-1.9515295891e-4);
  p = Simd.madd(p, z, f32x4.splat(8.3321608736e-3));
  p = Simd.madd(p, z, f32x4.splat(-1.6666654611e-1));
  return Simd.madd(f32x4.mul(p, z), r, r);
}

function cosPoly(z: v128): v128 {
  let p = f32x4.splat(2.443315711809948e-5);
  p = Simd.madd(p, z, f32x4.splat(-1.388731625493765e-3));
  p = Simd.madd(p, z, f32x4.splat(4.166664568298827e-2));
  return Simd.madd(f32x4.mul(p, z), z, Simd.madd(z, f32x4.splat(-0.5), f32x4.splat(1.0)));
}

/** sin x (cosine: false) or cos x (cosine: true). */
export function sinCos4(x: v128, cosine: bool): v128 {
  const ax = f32x4.abs(x);
  if (v128.any_true(f32x4.gt(ax, f32x4.splat(8192.0)))) {
    let out = f32x4.replace_lane(x, 0, scalarSinCos(f32x4.extract_lane(x, 0), cosine));
    out = f32x4.replace_lane(out, 1, scalarSinCos(f32x4.extract_lane(x, 1), cosine));
    out = f32x4.replace_lane(out, 2, scalarSinCos(f32x4.extract_lane(x, 2), cosine));
    out = f32x4.replace_lane(out, 3, scalarSinCos(f32x4.extract_lane(x, 3), cosine));
    return out;
  }
  let j = i32x4.trunc_sat_f32x4_s(f32x4.mul(ax, f32x4.splat(FOUR_OVER_PI)));
  j = v128.and(i32x4.add(j, i32x4.splat(1)), i32x4.splat(~1));
  const y = f32x4.convert_i32x4_s(j);
  let r = f32x4.sub(ax, f32x4.mul(y, f32x4.splat(DP1)));
  r = f32x4.sub(r, f32x4.mul(y, f32x4.splat(DP2)));
  r = f32x4.sub(r, f32x4.mul(y, f32x4.splat(DP3)));
  const z = f32x4.mul(r, r);
  const s = sinPoly(r, z);
  const c = cosPoly(z);
  let sign: v128;
  let useSin: v128;
  if (cosine) {
    // cos: shift the octant by 2; the sign flips where (j − 2) & 4 is 0
    const j2 = i32x4.sub(j, i32x4.splat(2));
    sign = i32x4.shl(v128.andnot(i32x4.splat(4), j2), 29);
    useSin = i32x4.eq(v128.and(j2, i32x4.splat(2)), i32x4.splat(0));
  } else {
    sign = v128.xor(
      v128.and(x, i32x4.splat(0x80000000)),
      i32x4.shl(v128.and(j, i32x4.splat(4)), 29),
    );
    useSin = i32x4.eq(v128.and(j, i32x4.splat(2)), i32x4.splat(0));
  }
  return v128.xor(v128.bitselect(s, c, useSin), sign);
}

function scalarSinCos(x: f32, cosine: bool): f32 {
  return cosine ? <f32>Math.cos(<f64>x) : <f32>Math.sin(<f64>x);
}
