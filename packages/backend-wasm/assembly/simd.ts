// Small SIMD helpers every kernel family uses.

/** Helpers inlined into their callers (AssemblyScript's @inline, on static members). */
export class Simd {
  /** a·b + c: fused in the relaxed-SIMD build (one rounding), mul then add in the baseline build. */
  @inline
  static madd(a: v128, b: v128, c: v128): v128 {
    if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
    return f32x4.add(f32x4.mul(a, b), c);
  }
  /** Sum of the four f32 lanes, pairwise. */
  @inline
  static hsum(v: v128): f32 {
    const s = f32x4.add(v, i32x4.shuffle(v, v, 2, 3, 0, 1));
    return f32x4.extract_lane(f32x4.add(s, i32x4.shuffle(s, s, 1, 0, 3, 2)), 0);
  }
  /** Largest of the four f32 lanes (NaN wins, as in the scalar loops). */
  @inline
  static hmax(v: v128): f32 {
    const s = f32x4.max(v, i32x4.shuffle(v, v, 2, 3, 0, 1));
    return f32x4.extract_lane(f32x4.max(s, i32x4.shuffle(s, s, 1, 0, 3, 2)), 0);
  }
  @inline
  static hmin(v: v128): f32 {
    const s = f32x4.min(v, i32x4.shuffle(v, v, 2, 3, 0, 1));
    return f32x4.extract_lane(f32x4.min(s, i32x4.shuffle(s, s, 1, 0, 3, 2)), 0);
  }
  /** Four lane masks (i32 all-ones/zero) as four bool bytes 0/1 in the low 32 bits. */
  @inline
  static maskToBytes(mask: v128): v128 {
    const zero = i32x4.splat(0);
    return v128.and(i8x16.narrow_i16x8_s(i16x8.narrow_i32x4_s(mask, zero), zero), i8x16.splat(1));
  }
  /** Four bool bytes at p as four i32 lane masks (≠ 0 → all ones). */
  @inline
  static bytesToMask(p: usize): v128 {
    const bytes = v128.load32_zero(p);
    const wide = i32x4.extend_low_i16x8_u(i16x8.extend_low_i8x16_u(bytes));
    return v128.not(i32x4.eq(wide, i32x4.splat(0)));
  }
  /** Byte size of one element of a storage type (f32, i32: 4; u8: 1). */
  @inline
  static elementBytes(dtype: i32): usize {
    return dtype == 2 ? 1 : 4;
  }
}
