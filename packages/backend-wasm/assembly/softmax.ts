// Softmax and log-softmax over the last axis, one row per thread task, max-shifted so exp never
// overflows: y = e^{x−m}/Σe^{x−m}, log y = (x − m) − ln Σe^{x−m}. Rows are contiguous and need not be
// a multiple of 4 long, so the last vector of a row is masked (never written past the row).
import { exp4, log4 } from './math';
import { Simd } from './simd';

/** Lane mask with the first `count` (0…4) lanes set. */
function firstLanes(count: i32): v128 {
  const lane = i32x4(0, 1, 2, 3);
  return i32x4.lt_s(lane, i32x4.splat(count));
}

function storeFirstLanes(p: usize, v: v128, count: i32): void {
  if (count > 0) v128.store32_lane(p, v, 0);
  if (count > 1) v128.store32_lane(p, v, 1, 4);
  if (count > 2) v128.store32_lane(p, v, 2, 8);
}

/** Softmax (log = false) or log-softmax (log = true) of rows [begin, end), each n long. */
export function softmaxF32(log: bool, x: usize, out: usize, n: i32, begin: i32, end: i32): void {
  const full = n & ~3;
  const rest = n - full;
  const restMask = firstLanes(rest);
  for (let row = begin; row < end; row++) {
    const px = x + ((<usize>row * <usize>n) << 2);
    const po = out + ((<usize>row * <usize>n) << 2);
    // m = max over the row (NaN propagates)
    let mv = f32x4.splat(-Infinity);
    for (let i = 0; i < full; i += 4) mv = f32x4.max(mv, v128.load(px + ((<usize>i) << 2)));
    if (rest > 0) {
      mv = f32x4.max(
        mv,
        v128.bitselect(v128.load(px + ((<usize>full) << 2)), f32x4.splat(-Infinity), restMask),
      );
    }
    const m = Simd.hmax(mv);
    const shift = f32x4.splat(m);
    // Σ e^{x−m}; softmax stores the exponentials on the way
    let sv = f32x4.splat(0);
    for (let i = 0; i < full; i += 4) {
      const e = exp4(f32x4.sub(v128.load(px + ((<usize>i) << 2)), shift));
      if (!log) v128.store(po + ((<usize>i) << 2), e);
      sv = f32x4.add(sv, e);
    }
    let tail = f32x4.splat(0);
    if (rest > 0) {
      tail = exp4(f32x4.sub(v128.load(px + ((<usize>full) << 2)), shift));
      sv = f32x4.add(sv, v128.and(tail, restMask));
    }
    const s = Simd.hsum(sv);
    if (log) {
      // (x − m) − ln s, not x − (m + ln s): x − m is exact near the maximum, so results close to 0
      // keep their digits
      const logSum = f32x4.splat(f32x4.extract_lane(log4(f32x4.splat(s)), 0));
      for (let i = 0; i < full; i += 4) {
        const p = (<usize>i) << 2;
        v128.store(po + p, f32x4.sub(f32x4.sub(v128.load(px + p), shift), logSum));
      }
      if (rest > 0) {
        const p = (<usize>full) << 2;
        storeFirstLanes(po + p, f32x4.sub(f32x4.sub(v128.load(px + p), shift), logSum), rest);
      }
    } else {
      const inv = f32x4.splat(<f32>1 / s);
      for (let i = 0; i < full; i += 4) {
        const p = (<usize>i) << 2;
        v128.store(po + p, f32x4.mul(v128.load(po + p), inv));
      }
      if (rest > 0) storeFirstLanes(po + ((<usize>full) << 2), f32x4.mul(tail, inv), rest);
    }
  }
}
