// Element-wise binary kernels with NumPy broadcasting. The TypeScript side collapses the broadcast
// into at most four axes (d0 outermost … d3 innermost) with element strides per operand (0 along
// broadcast axes) and an innermost stride of 0 or 1, so one walker covers same-shape, scalar,
// row-vector, column-vector and outer-product patterns: the innermost run is a vector loop over
// contiguous or splatted operands. The output is contiguous. Each (op, dtype) pair is a separate
// inlined instance of the walker (constant op codes fold the switches away).
import { UnaryOps } from './unary';
import { Binary, DType } from './opcodes';
import { Simd } from './simd';

/** Helpers inlined into their callers (AssemblyScript's @inline, on static members). */
export class BinaryOps {
  @inline
  static isComparison(op: i32): bool {
    return op >= Binary.Equal;
  }
  @inline
  static lanesF32(op: i32, a: v128, b: v128): v128 {
    let r = a;
    r = f32x4.replace_lane(r, 0, powF32(f32x4.extract_lane(a, 0), f32x4.extract_lane(b, 0)));
    r = f32x4.replace_lane(r, 1, powF32(f32x4.extract_lane(a, 1), f32x4.extract_lane(b, 1)));
    r = f32x4.replace_lane(r, 2, powF32(f32x4.extract_lane(a, 2), f32x4.extract_lane(b, 2)));
    r = f32x4.replace_lane(r, 3, powF32(f32x4.extract_lane(a, 3), f32x4.extract_lane(b, 3)));
    return r;
  }
  @inline
  static scalarI32(op: i32, a: i32, b: i32): i32 {
    switch (op) {
      case Binary.Div:
        return divI32(a, b);
      case Binary.Mod:
        return modI32(a, b);
      default:
        return powI32(a, b);
    }
  }
  @inline
  static lanesI32(op: i32, a: v128, b: v128): v128 {
    let r = a;
    r = i32x4.replace_lane(
      r,
      0,
      BinaryOps.scalarI32(op, i32x4.extract_lane(a, 0), i32x4.extract_lane(b, 0)),
    );
    r = i32x4.replace_lane(
      r,
      1,
      BinaryOps.scalarI32(op, i32x4.extract_lane(a, 1), i32x4.extract_lane(b, 1)),
    );
    r = i32x4.replace_lane(
      r,
      2,
      BinaryOps.scalarI32(op, i32x4.extract_lane(a, 2), i32x4.extract_lane(b, 2)),
    );
    r = i32x4.replace_lane(
      r,
      3,
      BinaryOps.scalarI32(op, i32x4.extract_lane(a, 3), i32x4.extract_lane(b, 3)),
    );
    return r;
  }
  /** op on one vector of each operand: values for arithmetic, lane masks for comparisons. */
  @inline
  static applyBinary(op: i32, dtype: i32, a: v128, b: v128): v128 {
    if (dtype == DType.F32) {
      switch (op) {
        case Binary.Add:
          return f32x4.add(a, b);
        case Binary.Sub:
          return f32x4.sub(a, b);
        case Binary.Mul:
          return f32x4.mul(a, b);
        case Binary.Div:
          return f32x4.div(a, b);
        case Binary.Pow:
          return BinaryOps.lanesF32(op, a, b);
        case Binary.Maximum:
          return f32x4.max(a, b); // NaN propagates, as torch.maximum
        case Binary.Minimum:
          return f32x4.min(a, b);
        case Binary.Mod:
          return f32x4.sub(a, f32x4.mul(b, f32x4.floor(f32x4.div(a, b))));
        case Binary.SquaredDifference: {
          const d = f32x4.sub(a, b);
          return f32x4.mul(d, d);
        }
        case Binary.Prelu:
          return v128.bitselect(a, f32x4.mul(a, b), f32x4.gt(a, f32x4.splat(0)));
        case Binary.Equal:
          return f32x4.eq(a, b);
        case Binary.NotEqual:
          return f32x4.ne(a, b);
        case Binary.Less:
          return f32x4.lt(a, b);
        case Binary.LessEqual:
          return f32x4.le(a, b);
        case Binary.Greater:
          return f32x4.gt(a, b);
        case Binary.GreaterEqual:
          return f32x4.ge(a, b);
        default:
          return a;
      }
    }
    if (dtype == DType.I32) {
      switch (op) {
        case Binary.Add:
          return i32x4.add(a, b);
        case Binary.Sub:
          return i32x4.sub(a, b);
        case Binary.Mul:
          return i32x4.mul(a, b);
        case Binary.Maximum:
          return i32x4.max_s(a, b);
        case Binary.Minimum:
          return i32x4.min_s(a, b);
        case Binary.SquaredDifference: {
          const d = i32x4.sub(a, b);
          return i32x4.mul(d, d);
        }
        case Binary.Equal:
          return i32x4.eq(a, b);
        case Binary.NotEqual:
          return i32x4.ne(a, b);
        case Binary.Less:
          return i32x4.lt_s(a, b);
        case Binary.LessEqual:
          return i32x4.le_s(a, b);
        case Binary.Greater:
          return i32x4.gt_s(a, b);
        case Binary.GreaterEqual:
          return i32x4.ge_s(a, b);
        default:
          return BinaryOps.lanesI32(op, a, b); // Div, Mod, Pow
      }
    }
    // bool bytes, 16 lanes; results are byte masks
    const zero = i8x16.splat(0);
    switch (op) {
      case Binary.Equal:
        return i8x16.eq(a, b);
      case Binary.NotEqual:
        return i8x16.ne(a, b);
      case Binary.Less:
        return i8x16.lt_u(a, b);
      case Binary.LessEqual:
        return i8x16.le_u(a, b);
      case Binary.Greater:
        return i8x16.gt_u(a, b);
      case Binary.GreaterEqual:
        return i8x16.ge_u(a, b);
      case Binary.LogicalAnd:
        return v128.and(i8x16.ne(a, zero), i8x16.ne(b, zero));
      case Binary.LogicalOr:
        return v128.or(i8x16.ne(a, zero), i8x16.ne(b, zero));
      default:
        return a;
    }
  }
  @inline
  static lanes(dtype: i32): i32 {
    return dtype == DType.U8 ? 16 : 4;
  }
  @inline
  static loadVector(dtype: i32, p: usize, contiguous: bool): v128 {
    if (contiguous) return v128.load(p);
    return dtype == DType.U8 ? v128.load8_splat(p) : v128.load32_splat(p);
  }
  /** Stores a full vector of results at element `o` of the output. */
  @inline
  static storeVector(op: i32, dtype: i32, out: usize, o: usize, r: v128): void {
    if (!BinaryOps.isComparison(op)) {
      v128.store(out + (o << 2), r);
    } else if (dtype == DType.U8) {
      v128.store(out + o, v128.and(r, i8x16.splat(1)));
    } else {
      v128.store32_lane(out + o, Simd.maskToBytes(r), 0);
    }
  }
  /** Stores lane 0 only (the scalar tail). */
  @inline
  static storeScalar(op: i32, dtype: i32, out: usize, o: usize, r: v128): void {
    if (!BinaryOps.isComparison(op)) {
      v128.store32_lane(out + (o << 2), r, 0);
    } else if (dtype == DType.U8) {
      v128.store8_lane(out + o, v128.and(r, i8x16.splat(1)), 0);
    } else {
      v128.store8_lane(out + o, Simd.maskToBytes(r), 0);
    }
  }
  /** One innermost run of `len` outputs; ca/cb: operand contiguous (stride 1) or splatted (0). */
  @inline
  static run(
    op: i32,
    dtype: i32,
    pa: usize,
    pb: usize,
    out: usize,
    o: usize,
    len: i32,
    ca: bool,
    cb: bool,
  ): void {
    const w = BinaryOps.lanes(dtype);
    const shift: usize = dtype == DType.U8 ? 0 : 2;
    let i = 0;
    if (!ca && !cb) {
      // both operands fixed along the run: one result, repeated
      const r = BinaryOps.applyBinary(
        op,
        dtype,
        BinaryOps.loadVector(dtype, pa, false),
        BinaryOps.loadVector(dtype, pb, false),
      );
      for (; i + w <= len; i += w) BinaryOps.storeVector(op, dtype, out, o + <usize>i, r);
      for (; i < len; i++) BinaryOps.storeScalar(op, dtype, out, o + <usize>i, r);
      return;
    }
    for (; i + w <= len; i += w) {
      const va = BinaryOps.loadVector(dtype, ca ? pa + ((<usize>i) << shift) : pa, ca);
      const vb = BinaryOps.loadVector(dtype, cb ? pb + ((<usize>i) << shift) : pb, cb);
      BinaryOps.storeVector(op, dtype, out, o + <usize>i, BinaryOps.applyBinary(op, dtype, va, vb));
    }
    for (; i < len; i++) {
      const va = BinaryOps.loadVector(dtype, ca ? pa + ((<usize>i) << shift) : pa, false);
      const vb = BinaryOps.loadVector(dtype, cb ? pb + ((<usize>i) << shift) : pb, false);
      BinaryOps.storeScalar(op, dtype, out, o + <usize>i, BinaryOps.applyBinary(op, dtype, va, vb));
    }
  }
  @inline
  static runKinds(
    op: i32,
    dtype: i32,
    pa: usize,
    pb: usize,
    out: usize,
    o: usize,
    len: i32,
    ca: bool,
    cb: bool,
  ): void {
    if (ca && cb) BinaryOps.run(op, dtype, pa, pb, out, o, len, true, true);
    else if (ca) BinaryOps.run(op, dtype, pa, pb, out, o, len, true, false);
    else if (cb) BinaryOps.run(op, dtype, pa, pb, out, o, len, false, true);
    else BinaryOps.run(op, dtype, pa, pb, out, o, len, false, false);
  }
}

function powF32(a: f32, b: f32): f32 {
  // JavaScript's Math.pow: NaN exponents and (±1)^±∞ are NaN (C's pow says 1).
  if (isNaN<f32>(b) || (Mathf.abs(a) == 1 && !isFinite<f32>(b))) return NaN;
  return <f32>Math.pow(<f64>a, <f64>b);
}

function powI32(a: i32, b: i32): i32 {
  return UnaryOps.toInt32(Math.pow(<f64>a, <f64>b));
}

/** Truncating division as a float64 quotient stored into an Int32Array: x/0 gives 0. */
function divI32(a: i32, b: i32): i32 {
  if (b == 0) return 0;
  if (b == -1) return -a; // wraps for −2³¹ like ToInt32(2³¹)
  return a / b;
}

/** a − b·⌊a/b⌋ (sign of the divisor, as Python's %); x mod 0 gives 0. */
function modI32(a: i32, b: i32): i32 {
  if (b == 0) return 0;
  const r = a % b;
  return r != 0 && (r ^ b) < 0 ? r + b : r;
}

// One function per (op, dtype): each is its own small specialization of runKinds.
function runAddF32(pa: usize, pb: usize, out: usize, o: usize, len: i32, ca: bool, cb: bool): void {
  BinaryOps.runKinds(Binary.Add, DType.F32, pa, pb, out, o, len, ca, cb);
}
function runSubF32(pa: usize, pb: usize, out: usize, o: usize, len: i32, ca: bool, cb: bool): void {
  BinaryOps.runKinds(Binary.Sub, DType.F32, pa, pb, out, o, len, ca, cb);
}
function runMulF32(pa: usize, pb: usize, out: usize, o: usize, len: i32, ca: bool, cb: bool): void {
  BinaryOps.runKinds(Binary.Mul, DType.F32, pa, pb, out, o, len, ca, cb);
}
function runDivF32(pa: usize, pb: usize, out: usize, o: usize, len: i32, ca: bool, cb: bool): void {
  BinaryOps.runKinds(Binary.Div, DType.F32, pa, pb, out, o, len, ca, cb);
}
function runPowF32(pa: usize, pb: usize, out: usize, o: usize, len: i32, ca: bool, cb: bool): void {
  BinaryOps.runKinds(Binary.Pow, DType.F32, pa, pb, out, o, len, ca, cb);
}
function runMaximumF32(
  pa: usize,
  pb: usize,
  out: usize,
  o: usize,
  len: i32,
  ca: bool,
  cb: bool,
): void {
  BinaryOps.runKinds(Binary.Maximum, DType.F32, pa, pb, out, o, len, ca, cb);
}
function runMinimumF32(
  pa: usize,
  pb: usize,
  out: usize,
  o: usize,
  len: i32,
  ca: bool,
  cb: bool,
): void {
  BinaryOps.runKinds(Binary.Minimum, DType.F32, pa, pb, out, o, len, ca, cb);
}
function runModF32(pa: usize, pb: usize, out: usize, o: usize, len: i32, ca: bool, cb: bool): void {
  BinaryOps.runKinds(Binary.Mod, DType.F32, pa, pb, out, o, len, ca, cb);
}
function runSquaredDifferenceF32(
  pa: usize,
  pb: usize,
  out: usize,
  o: usize,
  len: i32,
  ca: bool,
  cb: bool,
): void {
  BinaryOps.runKinds(Binary.SquaredDifference, DType.F32, pa, pb, out, o, len, ca, cb);
}
function runPreluF32(
  pa: usize,
  pb: usize,
  out: usize,
  o: usize,
  len: i32,
  ca: bool,
  cb: bool,
): void {
  BinaryOps.runKinds(Binary.Prelu, DType.F32, pa, pb, out, o, len, ca, cb);
}
function runEqualF32(
  pa: usize,
  pb: usize,
  out: usize,
  o: usize,
  len: i32,
  ca: bool,
  cb: bool,
): void {
  BinaryOps.runKinds(Binary.Equal, DType.F32, pa, pb, out, o, len, ca, cb);
}
function runNotEqualF32(
  pa: usize,
  pb: usize,
  out: usize,
  o: usize,
  len: i32,
  ca: bool,
  cb: bool,
): void {
  BinaryOps.runKinds(Binary.NotEqual, DType.F32, pa, pb, out, o, len, ca, cb);
}
function runLessF32(
  pa: usize,
  pb: usize,
  out: usize,
  o: usize,
  len: i32,
  ca: bool,
  cb: bool,
): void {
  BinaryOps.runKinds(Binary.Less, DType.F32, pa, pb, out, o, len, ca, cb);
}
function runLessEqualF32(
  pa: usize,
  pb: usize,
  out: usize,
  o: usize,
  len: i32,
  ca: bool,
  cb: bool,
): void {
  BinaryOps.runKinds(Binary.LessEqual, DType.F32, pa, pb, out, o, len, ca, cb);
}
function runGreaterF32(
  pa: usize,
  pb: usize,
  out: usize,
  o: usize,
  len: i32,
  ca: bool,
  cb: bool,
): void {
  BinaryOps.runKinds(Binary.Greater, DType.F32, pa, pb, out, o, len, ca, cb);
}
function runGreaterEqualF32(
  pa: usize,
  pb: usize,
  out: usize,
  o: usize,
  len: i32,
  ca: bool,
  cb: bool,
): void {
  BinaryOps.runKinds(Binary.GreaterEqual, DType.F32, pa, pb, out, o, len, ca, cb);
}
function runAddI32(pa: usize, pb: usize, out: usize, o: usize, len: i32, ca: bool, cb: bool): void {
  BinaryOps.runKinds(Binary.Add, DType.I32, pa, pb, out, o, len, ca, cb);
}
function runSubI32(pa: usize, pb: usize, out: usize, o: usize, len: i32, ca: bool, cb: bool): void {
  BinaryOps.runKinds(Binary.Sub, DType.I32, pa, pb, out, o, len, ca, cb);
}
function runMulI32(pa: usize, pb: usize, out: usize, o: usize, len: i32, ca: bool, cb: bool): void {
  BinaryOps.runKinds(Binary.Mul, DType.I32, pa, pb, out, o, len, ca, cb);
}
function runDivI32(pa: usize, pb: usize, out: usize, o: usize, len: i32, ca: bool, cb: bool): void {
  BinaryOps.runKinds(Binary.Div, DType.I32, pa, pb, out, o, len, ca, cb);
}
function runPowI32(pa: usize, pb: usize, out: usize, o: usize, len: i32, ca: bool, cb: bool): void {
  BinaryOps.runKinds(Binary.Pow, DType.I32, pa, pb, out, o, len, ca, cb);
}
function runMaximumI32(
  pa: usize,
  pb: usize,
  out: usize,
  o: usize,
  len: i32,
  ca: bool,
  cb: bool,
): void {
  BinaryOps.runKinds(Binary.Maximum, DType.I32, pa, pb, out, o, len, ca, cb);
}
function runMinimumI32(
  pa: usize,
  pb: usize,
  out: usize,
  o: usize,
  len: i32,
  ca: bool,
  cb: bool,
): void {
  BinaryOps.runKinds(Binary.Minimum, DType.I32, pa, pb, out, o, len, ca, cb);
}
function runModI32(pa: usize, pb: usize, out: usize, o: usize, len: i32, ca: bool, cb: bool): void {
  BinaryOps.runKinds(Binary.Mod, DType.I32, pa, pb, out, o, len, ca, cb);
}
function runSquaredDifferenceI32(
  pa: usize,
  pb: usize,
  out: usize,
  o: usize,
  len: i32,
  ca: bool,
  cb: bool,
): void {
  BinaryOps.runKinds(Binary.SquaredDifference, DType.I32, pa, pb, out, o, len, ca, cb);
}
function runEqualI32(
  pa: usize,
  pb: usize,
  out: usize,
  o: usize,
  len: i32,
  ca: bool,
  cb: bool,
): void {
  BinaryOps.runKinds(Binary.Equal, DType.I32, pa, pb, out, o, len, ca, cb);
}
function runNotEqualI32(
  pa: usize,
  pb: usize,
  out: usize,
  o: usize,
  len: i32,
  ca: bool,
  cb: bool,
): void {
  BinaryOps.runKinds(Binary.NotEqual, DType.I32, pa, pb, out, o, len, ca, cb);
}
function runLessI32(
  pa: usize,
  pb: usize,
  out: usize,
  o: usize,
  len: i32,
  ca: bool,
  cb: bool,
): void {
  BinaryOps.runKinds(Binary.Less, DType.I32, pa, pb, out, o, len, ca, cb);
}
function runLessEqualI32(
  pa: usize,
  pb: usize,
  out: usize,
  o: usize,
  len: i32,
  ca: bool,
  cb: bool,
): void {
  BinaryOps.runKinds(Binary.LessEqual, DType.I32, pa, pb, out, o, len, ca, cb);
}
function runGreaterI32(
  pa: usize,
  pb: usize,
  out: usize,
  o: usize,
  len: i32,
  ca: bool,
  cb: bool,
): void {
  BinaryOps.runKinds(Binary.Greater, DType.I32, pa, pb, out, o, len, ca, cb);
}
function runGreaterEqualI32(
  pa: usize,
  pb: usize,
  out: usize,
  o: usize,
  len: i32,
  ca: bool,
  cb: bool,
): void {
  BinaryOps.runKinds(Binary.GreaterEqual, DType.I32, pa, pb, out, o, len, ca, cb);
}
function runEqualU8(
  pa: usize,
  pb: usize,
  out: usize,
  o: usize,
  len: i32,
  ca: bool,
  cb: bool,
): void {
  BinaryOps.runKinds(Binary.Equal, DType.U8, pa, pb, out, o, len, ca, cb);
}
function runNotEqualU8(
  pa: usize,
  pb: usize,
  out: usize,
  o: usize,
  len: i32,
  ca: bool,
  cb: bool,
): void {
  BinaryOps.runKinds(Binary.NotEqual, DType.U8, pa, pb, out, o, len, ca, cb);
}
function runLessU8(pa: usize, pb: usize, out: usize, o: usize, len: i32, ca: bool, cb: bool): void {
  BinaryOps.runKinds(Binary.Less, DType.U8, pa, pb, out, o, len, ca, cb);
}
function runLessEqualU8(
  pa: usize,
  pb: usize,
  out: usize,
  o: usize,
  len: i32,
  ca: bool,
  cb: bool,
): void {
  BinaryOps.runKinds(Binary.LessEqual, DType.U8, pa, pb, out, o, len, ca, cb);
}
function runGreaterU8(
  pa: usize,
  pb: usize,
  out: usize,
  o: usize,
  len: i32,
  ca: bool,
  cb: bool,
): void {
  BinaryOps.runKinds(Binary.Greater, DType.U8, pa, pb, out, o, len, ca, cb);
}
function runGreaterEqualU8(
  pa: usize,
  pb: usize,
  out: usize,
  o: usize,
  len: i32,
  ca: bool,
  cb: bool,
): void {
  BinaryOps.runKinds(Binary.GreaterEqual, DType.U8, pa, pb, out, o, len, ca, cb);
}
function runLogicalAndU8(
  pa: usize,
  pb: usize,
  out: usize,
  o: usize,
  len: i32,
  ca: bool,
  cb: bool,
): void {
  BinaryOps.runKinds(Binary.LogicalAnd, DType.U8, pa, pb, out, o, len, ca, cb);
}
function runLogicalOrU8(
  pa: usize,
  pb: usize,
  out: usize,
  o: usize,
  len: i32,
  ca: bool,
  cb: bool,
): void {
  BinaryOps.runKinds(Binary.LogicalOr, DType.U8, pa, pb, out, o, len, ca, cb);
}

/** Runs one innermost run: the switch is per run, never per element. */
function dispatchRun(
  op: i32,
  dtype: i32,
  pa: usize,
  pb: usize,
  out: usize,
  o: usize,
  len: i32,
  ca: bool,
  cb: bool,
): void {
  if (dtype == DType.F32) {
    switch (op) {
      case Binary.Add:
        runAddF32(pa, pb, out, o, len, ca, cb);
        break;
      case Binary.Sub:
        runSubF32(pa, pb, out, o, len, ca, cb);
        break;
      case Binary.Mul:
        runMulF32(pa, pb, out, o, len, ca, cb);
        break;
      case Binary.Div:
        runDivF32(pa, pb, out, o, len, ca, cb);
        break;
      case Binary.Pow:
        runPowF32(pa, pb, out, o, len, ca, cb);
        break;
      case Binary.Maximum:
        runMaximumF32(pa, pb, out, o, len, ca, cb);
        break;
      case Binary.Minimum:
        runMinimumF32(pa, pb, out, o, len, ca, cb);
        break;
      case Binary.Mod:
        runModF32(pa, pb, out, o, len, ca, cb);
        break;
      case Binary.SquaredDifference:
        runSquaredDifferenceF32(pa, pb, out, o, len, ca, cb);
        break;
      case Binary.Prelu:
        runPreluF32(pa, pb, out, o, len, ca, cb);
        break;
      case Binary.Equal:
        runEqualF32(pa, pb, out, o, len, ca, cb);
        break;
      case Binary.NotEqual:
        runNotEqualF32(pa, pb, out, o, len, ca, cb);
        break;
      case Binary.Less:
        runLessF32(pa, pb, out, o, len, ca, cb);
        break;
      case Binary.LessEqual:
        runLessEqualF32(pa, pb, out, o, len, ca, cb);
        break;
      case Binary.Greater:
        runGreaterF32(pa, pb, out, o, len, ca, cb);
        break;
      case Binary.GreaterEqual:
        runGreaterEqualF32(pa, pb, out, o, len, ca, cb);
        break;
      default:
        unreachable();
    }
  } else if (dtype == DType.I32) {
    switch (op) {
      case Binary.Add:
        runAddI32(pa, pb, out, o, len, ca, cb);
        break;
      case Binary.Sub:
        runSubI32(pa, pb, out, o, len, ca, cb);
        break;
      case Binary.Mul:
        runMulI32(pa, pb, out, o, len, ca, cb);
        break;
      case Binary.Div:
        runDivI32(pa, pb, out, o, len, ca, cb);
        break;
      case Binary.Pow:
        runPowI32(pa, pb, out, o, len, ca, cb);
        break;
      case Binary.Maximum:
        runMaximumI32(pa, pb, out, o, len, ca, cb);
        break;
      case Binary.Minimum:
        runMinimumI32(pa, pb, out, o, len, ca, cb);
        break;
      case Binary.Mod:
        runModI32(pa, pb, out, o, len, ca, cb);
        break;
      case Binary.SquaredDifference:
        runSquaredDifferenceI32(pa, pb, out, o, len, ca, cb);
        break;
      case Binary.Equal:
        runEqualI32(pa, pb, out, o, len, ca, cb);
        break;
      case Binary.NotEqual:
        runNotEqualI32(pa, pb, out, o, len, ca, cb);
        break;
      case Binary.Less:
        runLessI32(pa, pb, out, o, len, ca, cb);
        break;
      case Binary.LessEqual:
        runLessEqualI32(pa, pb, out, o, len, ca, cb);
        break;
      case Binary.Greater:
        runGreaterI32(pa, pb, out, o, len, ca, cb);
        break;
      case Binary.GreaterEqual:
        runGreaterEqualI32(pa, pb, out, o, len, ca, cb);
        break;
      default:
        unreachable();
    }
  } else {
    switch (op) {
      case Binary.Equal:
        runEqualU8(pa, pb, out, o, len, ca, cb);
        break;
      case Binary.NotEqual:
        runNotEqualU8(pa, pb, out, o, len, ca, cb);
        break;
      case Binary.Less:
        runLessU8(pa, pb, out, o, len, ca, cb);
        break;
      case Binary.LessEqual:
        runLessEqualU8(pa, pb, out, o, len, ca, cb);
        break;
      case Binary.Greater:
        runGreaterU8(pa, pb, out, o, len, ca, cb);
        break;
      case Binary.GreaterEqual:
        runGreaterEqualU8(pa, pb, out, o, len, ca, cb);
        break;
      case Binary.LogicalAnd:
        runLogicalAndU8(pa, pb, out, o, len, ca, cb);
        break;
      case Binary.LogicalOr:
        runLogicalOrU8(pa, pb, out, o, len, ca, cb);
        break;
      default:
        unreachable();
    }
  }
}

/**
 * out = a op b over output elements [begin, end) of a broadcast box (d0, d1, d2, d3), d0 implied.
 * Element strides sa*, sb* are 0 along broadcast axes; the innermost ones (sa3, sb3) are 0 or 1.
 */
export function binary(
  op: i32,
  dtype: i32,
  a: usize,
  b: usize,
  out: usize,
  d1: i32,
  d2: i32,
  d3: i32,
  sa0: i32,
  sa1: i32,
  sa2: i32,
  sa3: i32,
  sb0: i32,
  sb1: i32,
  sb2: i32,
  sb3: i32,
  begin: i32,
  end: i32,
): void {
  const shift: usize = dtype == DType.U8 ? 0 : 2;
  let i3 = begin % d3;
  let rest = begin / d3;
  let i2 = rest % d2;
  rest /= d2;
  let i1 = rest % d1;
  let i0 = rest / d1;
  let o = begin;
  while (o < end) {
    const len = min(d3 - i3, end - o);
    const ia = i0 * sa0 + i1 * sa1 + i2 * sa2 + i3 * sa3;
    const ib = i0 * sb0 + i1 * sb1 + i2 * sb2 + i3 * sb3;
    dispatchRun(
      op,
      dtype,
      a + ((<usize>ia) << shift),
      b + ((<usize>ib) << shift),
      out,
      <usize>o,
      len,
      sa3 != 0,
      sb3 != 0,
    );
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
