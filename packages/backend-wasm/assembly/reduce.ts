// Reductions over the middle axis of [outer, reduce, inner] (core hands every reduction over as one
// contiguous run of axes). Threads split the outer·inner outputs, so each output is computed by one
// thread in one fixed order: results never depend on the thread count.
//
// inner = 1 (rows): float32 sums accumulate in float64 lanes, as the cpu backend does, so long rows
// keep their digits; inner > 1 (columns): the output row accumulates row after row of x, vectorized
// along inner.
import { exp4, log4 } from './math';
import { Reduce } from './opcodes';
import { Simd } from './simd';

/** Helpers inlined into their callers (AssemblyScript's @inline, on static members). */
export class ReduceOps {
  @inline
  static combineF32(op: i32, acc: v128, v: v128): v128 {
    switch (op) {
      case Reduce.Sum:
        return f32x4.add(acc, v);
      case Reduce.Prod:
        return f32x4.mul(acc, v);
      case Reduce.Max:
        return f32x4.max(acc, v); // NaN wins
      default:
        return f32x4.min(acc, v);
    }
  }
  @inline
  static identityF32(op: i32): f32 {
    switch (op) {
      case Reduce.Sum:
        return 0;
      case Reduce.Prod:
        return 1;
      case Reduce.Max:
        return -Infinity;
      default:
        return Infinity;
    }
  }
  /** prod, max or min of n contiguous float32. */
  @inline
  static foldRowF32(op: i32, p: usize, n: i32): f32 {
    let acc = f32x4.splat(ReduceOps.identityF32(op));
    let i = 0;
    for (; i + 4 <= n; i += 4)
      acc = ReduceOps.combineF32(op, acc, v128.load(p + ((<usize>i) << 2)));
    let r: f32;
    if (op == Reduce.Prod) {
      r = f32x4.extract_lane(acc, 0) * f32x4.extract_lane(acc, 1);
      r *= f32x4.extract_lane(acc, 2) * f32x4.extract_lane(acc, 3);
    } else {
      r = op == Reduce.Max ? Simd.hmax(acc) : Simd.hmin(acc);
    }
    for (; i < n; i++) {
      const v = load<f32>(p + ((<usize>i) << 2));
      if (op == Reduce.Prod) r *= v;
      else if (op == Reduce.Max) r = v > r || isNaN(v) ? v : r;
      else r = v < r || isNaN(v) ? v : r;
    }
    return r;
  }
  /** out[o·inner + j] for j in [j0, j1) of one outer index, accumulated over the reduce rows. */
  @inline
  static columnsF32(
    op: i32,
    x: usize,
    out: usize,
    o: i32,
    reduce: i32,
    inner: i32,
    j0: i32,
    j1: i32,
  ): void {
    const base = x + ((<usize>o * <usize>reduce * <usize>inner) << 2);
    const dst = out + ((<usize>(o * inner)) << 2);
    let j = j0;
    for (; j + 4 <= j1; j += 4) {
      const offset = (<usize>j) << 2;
      let acc = v128.load(base + offset);
      for (let r = 1; r < reduce; r++) {
        acc = ReduceOps.combineF32(op, acc, v128.load(base + ((<usize>(r * inner)) << 2) + offset));
      }
      v128.store(dst + offset, acc);
    }
    for (; j < j1; j++) {
      const offset = (<usize>j) << 2;
      let acc = f32x4.splat(load<f32>(base + offset));
      for (let r = 1; r < reduce; r++) {
        acc = ReduceOps.combineF32(
          op,
          acc,
          f32x4.splat(load<f32>(base + ((<usize>(r * inner)) << 2) + offset)),
        );
      }
      store<f32>(dst + offset, f32x4.extract_lane(acc, 0));
    }
  }
  @inline
  static reduceF32With(
    op: i32,
    x: usize,
    out: usize,
    reduce: i32,
    inner: i32,
    begin: i32,
    end: i32,
  ): void {
    if (reduce == 0) {
      for (let i = begin; i < end; i++)
        store<f32>(out + ((<usize>i) << 2), ReduceOps.identityF32(op));
      return;
    }
    if (inner == 1) {
      for (let o = begin; o < end; o++) {
        const row = x + ((<usize>o * <usize>reduce) << 2);
        const r =
          op == Reduce.Sum
            ? sumRowF32(row, reduce)
            : op == Reduce.LogSumExp
              ? logSumExpRow(row, reduce)
              : ReduceOps.foldRowF32(op, row, reduce);
        store<f32>(out + ((<usize>o) << 2), r);
      }
      return;
    }
    // outputs [begin, end) of the [outer, inner] result, row segment by row segment
    let i = begin;
    while (i < end) {
      const o = i / inner;
      const j0 = i - o * inner;
      const j1 = min(inner, j0 + (end - i));
      if (op == Reduce.LogSumExp) {
        for (let j = j0; j < j1; j++) {
          store<f32>(
            out + ((<usize>(o * inner + j)) << 2),
            logSumExpColumn(x, o, reduce, inner, j),
          );
        }
      } else {
        ReduceOps.columnsF32(op, x, out, o, reduce, inner, j0, j1);
      }
      i += j1 - j0;
    }
  }
  @inline
  static wrapInt32(x: f64): i32 {
    if (!isFinite<f64>(x)) return 0;
    const t = Math.trunc(x);
    return <i32>(<u32>(t - Math.floor(t / 4294967296.0) * 4294967296.0));
  }
}

/** Σ of n contiguous float32 in float64 (two f64x2 accumulators per f32x4). */
function sumRowF32(p: usize, n: i32): f32 {
  let lo = f64x2.splat(0);
  let hi = f64x2.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const v = v128.load(p + ((<usize>i) << 2));
    lo = f64x2.add(lo, f64x2.promote_low_f32x4(v));
    hi = f64x2.add(hi, f64x2.promote_low_f32x4(i32x4.shuffle(v, v, 2, 3, 0, 1)));
  }
  const s = f64x2.add(lo, hi);
  let total = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
  for (; i < n; i++) total += <f64>load<f32>(p + ((<usize>i) << 2));
  return <f32>total;
}

/** log Σ exp over n contiguous float32, shifted by the maximum so exp never overflows. */
function logSumExpRow(p: usize, n: i32): f32 {
  const top = ReduceOps.foldRowF32(Reduce.Max, p, n);
  if (!isFinite<f32>(top)) return top;
  const shift = f32x4.splat(top);
  let acc = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    acc = f32x4.add(acc, exp4(f32x4.sub(v128.load(p + ((<usize>i) << 2)), shift)));
  }
  let s = <f64>f32x4.extract_lane(acc, 0) + <f64>f32x4.extract_lane(acc, 1);
  s += <f64>f32x4.extract_lane(acc, 2) + <f64>f32x4.extract_lane(acc, 3);
  for (; i < n; i++) {
    s += <f64>f32x4.extract_lane(exp4(f32x4.splat(load<f32>(p + ((<usize>i) << 2)) - top)), 0);
  }
  return top + f32x4.extract_lane(log4(f32x4.splat(<f32>s)), 0);
}

function logSumExpColumn(x: usize, o: i32, reduce: i32, inner: i32, j: i32): f32 {
  const base = x + ((<usize>(o * reduce * inner + j)) << 2);
  const stride = (<usize>inner) << 2;
  let top: f32 = -Infinity;
  for (let r = 0; r < reduce; r++) {
    const v = load<f32>(base + <usize>r * stride);
    if (v > top || isNaN(v)) top = v;
  }
  if (!isFinite<f32>(top)) return top;
  let s: f64 = 0;
  for (let r = 0; r < reduce; r++) {
    s += <f64>f32x4.extract_lane(exp4(f32x4.splat(load<f32>(base + <usize>r * stride) - top)), 0);
  }
  return top + f32x4.extract_lane(log4(f32x4.splat(<f32>s)), 0);
}

function reduceSumF32(x: usize, out: usize, reduce: i32, inner: i32, begin: i32, end: i32): void {
  ReduceOps.reduceF32With(Reduce.Sum, x, out, reduce, inner, begin, end);
}
function reduceProdF32(x: usize, out: usize, reduce: i32, inner: i32, begin: i32, end: i32): void {
  ReduceOps.reduceF32With(Reduce.Prod, x, out, reduce, inner, begin, end);
}
function reduceMaxF32(x: usize, out: usize, reduce: i32, inner: i32, begin: i32, end: i32): void {
  ReduceOps.reduceF32With(Reduce.Max, x, out, reduce, inner, begin, end);
}
function reduceMinF32(x: usize, out: usize, reduce: i32, inner: i32, begin: i32, end: i32): void {
  ReduceOps.reduceF32With(Reduce.Min, x, out, reduce, inner, begin, end);
}
function reduceLogSumExpF32(
  x: usize,
  out: usize,
  reduce: i32,
  inner: i32,
  begin: i32,
  end: i32,
): void {
  ReduceOps.reduceF32With(Reduce.LogSumExp, x, out, reduce, inner, begin, end);
}

/** Float32 reduction of x [outer, reduce, inner] into out [outer, inner], outputs [begin, end). */
export function reduceF32(
  op: i32,
  x: usize,
  out: usize,
  reduce: i32,
  inner: i32,
  begin: i32,
  end: i32,
): void {
  switch (op) {
    case Reduce.Sum:
      reduceSumF32(x, out, reduce, inner, begin, end);
      break;
    case Reduce.Prod:
      reduceProdF32(x, out, reduce, inner, begin, end);
      break;
    case Reduce.Max:
      reduceMaxF32(x, out, reduce, inner, begin, end);
      break;
    case Reduce.Min:
      reduceMinF32(x, out, reduce, inner, begin, end);
      break;
    case Reduce.LogSumExp:
      reduceLogSumExpF32(x, out, reduce, inner, begin, end);
      break;
    default:
      unreachable();
  }
}

/**
 * Int32 (or bool, dtype 2, summed to int32) reduction. Sums and products are taken as the cpu
 * backend does, in float64 and wrapped to int32 at the end; max and min are exact.
 */
export function reduceInt(
  op: i32,
  bool: bool,
  x: usize,
  out: usize,
  reduce: i32,
  inner: i32,
  begin: i32,
  end: i32,
): void {
  const shift: usize = bool ? 0 : 2;
  for (let i = begin; i < end; i++) {
    const o = i / inner;
    const j = i - o * inner;
    const base = x + ((<usize>(o * reduce * inner + j)) << shift);
    const stride = (<usize>inner) << shift;
    let acc: f64 =
      op == Reduce.Sum ? 0 : op == Reduce.Prod ? 1 : op == Reduce.Max ? -Infinity : Infinity;
    for (let r = 0; r < reduce; r++) {
      const p = base + <usize>r * stride;
      const v: f64 = bool ? <f64>load<u8>(p) : <f64>load<i32>(p);
      if (op == Reduce.Sum) acc += v;
      else if (op == Reduce.Prod) acc *= v;
      else if (op == Reduce.Max) acc = v > acc ? v : acc;
      else acc = v < acc ? v : acc;
    }
    store<i32>(out + ((<usize>i) << 2), ReduceOps.wrapInt32(acc));
  }
}

/**
 * Index of the first maximum (sign 1) or minimum (sign −1) along the reduce axis, as int32; a NaN
 * is never chosen unless it comes first (the comparison `v > best` is false for NaN).
 */
export function argReduce(
  sign: f32,
  isInt: bool,
  x: usize,
  out: usize,
  reduce: i32,
  inner: i32,
  begin: i32,
  end: i32,
): void {
  for (let i = begin; i < end; i++) {
    const o = i / inner;
    const j = i - o * inner;
    const base = x + ((<usize>(o * reduce * inner + j)) << 2);
    const stride = (<usize>inner) << 2;
    let best = 0;
    if (isInt) {
      let bestValue = <f64>load<i32>(base) * <f64>sign;
      for (let r = 1; r < reduce; r++) {
        const v = <f64>load<i32>(base + <usize>r * stride) * <f64>sign;
        if (v > bestValue) {
          bestValue = v;
          best = r;
        }
      }
    } else {
      let bestValue = load<f32>(base) * sign;
      for (let r = 1; r < reduce; r++) {
        const v = load<f32>(base + <usize>r * stride) * sign;
        if (v > bestValue) {
          bestValue = v;
          best = r;
        }
      }
    }
    store<i32>(out + ((<usize>i) << 2), best);
  }
}
