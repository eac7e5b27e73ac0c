// Element-wise unary kernels. Each operation is one vector expression in applyUnary; mapF32 is
// inlined once per operation with a constant op code, so the optimizer folds the switch away and
// every operation gets its own tight loop (no per-element dispatch, no loop code repeated by hand).
//
// Buffers are 16-byte aligned and padded to a multiple of 16 bytes by the allocator, so a loop may
// read and write the whole vector holding the last element; chunk boundaries given to threads are
// multiples of 16 elements, so no two threads touch the same vector.
import { Unary } from './opcodes';
import {
  erf4,
  erfcNonNegative4,
  exp4,
  expm1_4,
  log1p4,
  log4,
  sigmoid4,
  sinCos4,
  tanh4,
} from './math';

const SELU_SCALE: f32 = 1.0507009873554805;
const SELU_ALPHA_SCALE: f32 = 1.7580993408473766; // α·λ of SELU
const SQRT1_2: f32 = 0.7071067811865476;
const SQRT_2_OVER_PI: f32 = 0.7978845608028654;

/** Helpers inlined into their callers (AssemblyScript's @inline, on static members). */
export class UnaryOps {
  /** softplus with PyTorch's threshold: x itself above 20. */
  @inline
  static softplus4(v: v128): v128 {
    return v128.bitselect(v, log1p4(exp4(v)), f32x4.gt(v, f32x4.splat(20.0)));
  }
  /** Φ-based GELU, 0.5·v·erfc(−v/√2), through erfc so the negative tail keeps its digits. */
  @inline
  static geluErf4(v: v128): v128 {
    const e = erfcNonNegative4(f32x4.mul(f32x4.abs(v), f32x4.splat(SQRT1_2)));
    const h = f32x4.mul(f32x4.mul(v, f32x4.splat(0.5)), e);
    return v128.bitselect(f32x4.sub(v, h), h, f32x4.gt(v, f32x4.splat(0.0)));
  }
  /** tanh-approximated GELU: ½v(1 + tanh u) = v·σ(2u), u = √(2/π)(v + 0.044715v³). */
  @inline
  static geluTanh4(v: v128): v128 {
    const v3 = f32x4.mul(f32x4.mul(v, v), v);
    const u = f32x4.mul(
      f32x4.add(v, f32x4.mul(v3, f32x4.splat(0.044715))),
      f32x4.splat(SQRT_2_OVER_PI),
    );
    return f32x4.mul(v, sigmoid4(f32x4.add(u, u)));
  }
  /** relu6(v + 3)/6; NaN stays NaN (pmax/pmin keep their first operand when unordered). */
  @inline
  static hardSigmoid4(v: v128): v128 {
    const clipped = f32x4.pmin(
      f32x4.pmax(f32x4.add(v, f32x4.splat(3.0)), f32x4.splat(0.0)),
      f32x4.splat(6.0),
    );
    return f32x4.div(clipped, f32x4.splat(6.0));
  }
  /** One unary operation on four lanes; p0/p1 carry the op's attributes (alpha, min/max). */
  @inline
  static applyUnary(op: i32, v: v128, p0: v128, p1: v128): v128 {
    switch (op) {
      case Unary.Linear:
        return v;
      case Unary.Neg:
        return f32x4.neg(v);
      case Unary.Abs:
        return f32x4.abs(v);
      case Unary.Sign:
        return v128.bitselect(
          f32x4.splat(1.0),
          v128.bitselect(f32x4.splat(-1.0), f32x4.splat(0.0), f32x4.lt(v, f32x4.splat(0.0))),
          f32x4.gt(v, f32x4.splat(0.0)),
        );
      case Unary.Exp:
        return exp4(v);
      case Unary.Log:
        return log4(v);
      case Unary.Log1p:
        return log1p4(v);
      case Unary.Expm1:
        return expm1_4(v);
      case Unary.Sqrt:
        return f32x4.sqrt(v);
      case Unary.Rsqrt:
        return f32x4.div(f32x4.splat(1.0), f32x4.sqrt(v));
      case Unary.Square:
        return f32x4.mul(v, v);
      case Unary.Reciprocal:
        return f32x4.div(f32x4.splat(1.0), v);
      case Unary.Erf:
        return erf4(v);
      case Unary.Floor:
        return f32x4.floor(v);
      case Unary.Ceil:
        return f32x4.ceil(v);
      case Unary.Round:
        // wasm's nearest rounds half to even, as NumPy and PyTorch
        return f32x4.nearest(v);
      case Unary.Sin:
        return sinCos4(v, false);
      case Unary.Cos:
        return sinCos4(v, true);
      case Unary.ClipByValue:
        return f32x4.pmin(f32x4.pmax(v, p0), p1);
      case Unary.Sigmoid:
        return sigmoid4(v);
      case Unary.Tanh:
        return tanh4(v);
      case Unary.Relu:
        return f32x4.pmax(v, f32x4.splat(0.0));
      case Unary.Relu6:
        return f32x4.pmin(f32x4.pmax(v, f32x4.splat(0.0)), f32x4.splat(6.0));
      case Unary.LeakyRelu:
        return v128.bitselect(v, f32x4.mul(v, p0), f32x4.gt(v, f32x4.splat(0.0)));
      case Unary.Elu:
        return v128.bitselect(v, f32x4.mul(expm1_4(v), p0), f32x4.gt(v, f32x4.splat(0.0)));
      case Unary.Selu:
        return v128.bitselect(
          f32x4.mul(v, f32x4.splat(SELU_SCALE)),
          f32x4.mul(expm1_4(v), f32x4.splat(SELU_ALPHA_SCALE)),
          f32x4.gt(v, f32x4.splat(0.0)),
        );
      case Unary.GeluErf:
        return UnaryOps.geluErf4(v);
      case Unary.GeluTanh:
        return UnaryOps.geluTanh4(v);
      case Unary.Silu:
        return f32x4.mul(v, sigmoid4(v));
      case Unary.Mish:
        return f32x4.mul(v, tanh4(UnaryOps.softplus4(v)));
      case Unary.Softplus:
        return UnaryOps.softplus4(v);
      case Unary.Softsign:
        return f32x4.div(v, f32x4.add(f32x4.abs(v), f32x4.splat(1.0)));
      case Unary.HardSigmoid:
        return UnaryOps.hardSigmoid4(v);
      case Unary.HardSwish:
        return f32x4.mul(v, UnaryOps.hardSigmoid4(v));
      case Unary.Step:
        // Heaviside with 1 at 0; NaN stays NaN
        return v128.bitselect(
          f32x4.splat(1.0),
          v128.bitselect(f32x4.splat(0.0), v, f32x4.lt(v, f32x4.splat(0.0))),
          f32x4.ge(v, f32x4.splat(0.0)),
        );
      default:
        return v;
    }
  }
  @inline
  static mapF32(op: i32, x: usize, out: usize, p0: f32, p1: f32, begin: i32, end: i32): void {
    const a = f32x4.splat(p0);
    const b = f32x4.splat(p1);
    for (let i = begin; i < end; i += 4) {
      const offset = (<usize>i) << 2;
      v128.store(out + offset, UnaryOps.applyUnary(op, v128.load(x + offset), a, b));
    }
  }
  /** JavaScript's ToInt32 of a double: truncate, then wrap modulo 2³² (∞ and NaN give 0). */
  @inline
  static toInt32(x: f64): i32 {
    if (!isFinite<f64>(x)) return 0;
    const t = Math.trunc(x);
    return <i32>(<u32>(t - Math.floor(t / 4294967296.0) * 4294967296.0));
  }
  @inline
  static mapI32(op: i32, x: usize, out: usize, p0: f64, p1: f64, begin: i32, end: i32): void {
    for (let i = begin; i < end; i += 4) {
      const offset = (<usize>i) << 2;
      const v = v128.load(x + offset);
      let r: v128;
      switch (op) {
        case Unary.Neg:
          r = i32x4.neg(v);
          break;
        case Unary.Abs:
          r = i32x4.abs(v);
          break;
        case Unary.Sign:
          r = i32x4.sub(
            v128.and(i32x4.gt_s(v, i32x4.splat(0)), i32x4.splat(1)),
            v128.and(i32x4.lt_s(v, i32x4.splat(0)), i32x4.splat(1)),
          );
          break;
        case Unary.Square:
          r = i32x4.mul(v, v);
          break;
        default: {
          // ClipByValue with the bounds as doubles, then ToInt32, exactly as a float64 round trip
          r = i32x4.replace_lane(v, 0, UnaryOps.clipInt(i32x4.extract_lane(v, 0), p0, p1));
          r = i32x4.replace_lane(r, 1, UnaryOps.clipInt(i32x4.extract_lane(v, 1), p0, p1));
          r = i32x4.replace_lane(r, 2, UnaryOps.clipInt(i32x4.extract_lane(v, 2), p0, p1));
          r = i32x4.replace_lane(r, 3, UnaryOps.clipInt(i32x4.extract_lane(v, 3), p0, p1));
        }
      }
      v128.store(out + offset, r);
    }
  }
  @inline
  static clipInt(v: i32, lo: f64, hi: f64): i32 {
    const d = <f64>v;
    return d < lo ? UnaryOps.toInt32(lo) : d > hi ? UnaryOps.toInt32(hi) : v;
  }
}

/** The activation of a FusedMatMul epilogue (not inlined: called once per output vector). */
export function activate(op: i32, v: v128, alpha: v128): v128 {
  switch (op) {
    case Unary.Linear:
      return v;
    case Unary.Relu:
      return UnaryOps.applyUnary(Unary.Relu, v, alpha, alpha);
    case Unary.Relu6:
      return UnaryOps.applyUnary(Unary.Relu6, v, alpha, alpha);
    case Unary.Sigmoid:
      return UnaryOps.applyUnary(Unary.Sigmoid, v, alpha, alpha);
    case Unary.Tanh:
      return UnaryOps.applyUnary(Unary.Tanh, v, alpha, alpha);
    case Unary.Elu:
      return UnaryOps.applyUnary(Unary.Elu, v, alpha, alpha);
    case Unary.LeakyRelu:
      return UnaryOps.applyUnary(Unary.LeakyRelu, v, alpha, alpha);
    case Unary.GeluErf:
      return UnaryOps.applyUnary(Unary.GeluErf, v, alpha, alpha);
    case Unary.Silu:
      return UnaryOps.applyUnary(Unary.Silu, v, alpha, alpha);
    default:
      return UnaryOps.applyUnary(op, v, alpha, alpha);
  }
}

// One function per operation: each is its own small specialization of mapF32.
function mapLinear(x: usize, out: usize, p0: f32, p1: f32, begin: i32, end: i32): void {
  UnaryOps.mapF32(Unary.Linear, x, out, p0, p1, begin, end);
}
function mapNeg(x: usize, out: usize, p0: f32, p1: f32, begin: i32, end: i32): void {
  UnaryOps.mapF32(Unary.Neg, x, out, p0, p1, begin, end);
}
function mapAbs(x: usize, out: usize, p0: f32, p1: f32, begin: i32, end: i32): void {
  UnaryOps.mapF32(Unary.Abs, x, out, p0, p1, begin, end);
}
function mapSign(x: usize, out: usize, p0: f32, p1: f32, begin: i32, end: i32): void {
  UnaryOps.mapF32(Unary.Sign, x, out, p0, p1, begin, end);
}
function mapExp(x: usize, out: usize, p0: f32, p1: f32, begin: i32, end: i32): void {
  UnaryOps.mapF32(Unary.Exp, x, out, p0, p1, begin, end);
}
function mapLog(x: usize, out: usize, p0: f32, p1: f32, begin: i32, end: i32): void {
  UnaryOps.mapF32(Unary.Log, x, out, p0, p1, begin, end);
}
function mapLog1p(x: usize, out: usize, p0: f32, p1: f32, begin: i32, end: i32): void {
  UnaryOps.mapF32(Unary.Log1p, x, out, p0, p1, begin, end);
}
function mapExpm1(x: usize, out: usize, p0: f32, p1: f32, begin: i32, end: i32): void {
  UnaryOps.mapF32(Unary.Expm1, x, out, p0, p1, begin, end);
}
function mapSqrt(x: usize, out: usize, p0: f32, p1: f32, begin: i32, end: i32): void {
  UnaryOps.mapF32(Unary.Sqrt, x, out, p0, p1, begin, end);
}
function mapRsqrt(x: usize, out: usize, p0: f32, p1: f32, begin: i32, end: i32): void {
  UnaryOps.mapF32(Unary.Rsqrt, x, out, p0, p1, begin, end);
}
function mapSquare(x: usize, out: usize, p0: f32, p1: f32, begin: i32, end: i32): void {
  UnaryOps.mapF32(Unary.Square, x, out, p0, p1, begin, end);
}
function mapReciprocal(x: usize, out: usize, p0: f32, p1: f32, begin: i32, end: i32): void {
  UnaryOps.mapF32(Unary.Reciprocal, x, out, p0, p1, begin, end);
}
function mapErf(x: usize, out: usize, p0: f32, p1: f32, begin: i32, end: i32): void {
  UnaryOps.mapF32(Unary.Erf, x, out, p0, p1, begin, end);
}
function mapFloor(x: usize, out: usize, p0: f32, p1: f32, begin: i32, end: i32): void {
  UnaryOps.mapF32(Unary.Floor, x, out, p0, p1, begin, end);
}
function mapCeil(x: usize, out: usize, p0: f32, p1: f32, begin: i32, end: i32): void {
  UnaryOps.mapF32(Unary.Ceil, x, out, p0, p1, begin, end);
}
function mapRound(x: usize, out: usize, p0: f32, p1: f32, begin: i32, end: i32): void {
  UnaryOps.mapF32(Unary.Round, x, out, p0, p1, begin, end);
}
function mapSin(x: usize, out: usize, p0: f32, p1: f32, begin: i32, end: i32): void {
  UnaryOps.mapF32(Unary.Sin, x, out, p0, p1, begin, end);
}
function mapCos(x: usize, out: usize, p0: f32, p1: f32, begin: i32, end: i32): void {
  UnaryOps.mapF32(Unary.Cos, x, out, p0, p1, begin, end);
}
function mapClipByValue(x: usize, out: usize, p0: f32, p1: f32, begin: i32, end: i32): void {
  UnaryOps.mapF32(Unary.ClipByValue, x, out, p0, p1, begin, end);
}
function mapSigmoid(x: usize, out: usize, p0: f32, p1: f32, begin: i32, end: i32): void {
  UnaryOps.mapF32(Unary.Sigmoid, x, out, p0, p1, begin, end);
}
function mapTanh(x: usize, out: usize, p0: f32, p1: f32, begin: i32, end: i32): void {
  UnaryOps.mapF32(Unary.Tanh, x, out, p0, p1, begin, end);
}
function mapRelu(x: usize, out: usize, p0: f32, p1: f32, begin: i32, end: i32): void {
  UnaryOps.mapF32(Unary.Relu, x, out, p0, p1, begin, end);
}
function mapRelu6(x: usize, out: usize, p0: f32, p1: f32, begin: i32, end: i32): void {
  UnaryOps.mapF32(Unary.Relu6, x, out, p0, p1, begin, end);
}
function mapLeakyRelu(x: usize, out: usize, p0: f32, p1: f32, begin: i32, end: i32): void {
  UnaryOps.mapF32(Unary.LeakyRelu, x, out, p0, p1, begin, end);
}
function mapElu(x: usize, out: usize, p0: f32, p1: f32, begin: i32, end: i32): void {
  UnaryOps.mapF32(Unary.Elu, x, out, p0, p1, begin, end);
}
function mapSelu(x: usize, out: usize, p0: f32, p1: f32, begin: i32, end: i32): void {
  UnaryOps.mapF32(Unary.Selu, x, out, p0, p1, begin, end);
}
function mapGeluErf(x: usize, out: usize, p0: f32, p1: f32, begin: i32, end: i32): void {
  UnaryOps.mapF32(Unary.GeluErf, x, out, p0, p1, begin, end);
}
function mapGeluTanh(x: usize, out: usize, p0: f32, p1: f32, begin: i32, end: i32): void {
  UnaryOps.mapF32(Unary.GeluTanh, x, out, p0, p1, begin, end);
}
function mapSilu(x: usize, out: usize, p0: f32, p1: f32, begin: i32, end: i32): void {
  UnaryOps.mapF32(Unary.Silu, x, out, p0, p1, begin, end);
}
function mapMish(x: usize, out: usize, p0: f32, p1: f32, begin: i32, end: i32): void {
  UnaryOps.mapF32(Unary.Mish, x, out, p0, p1, begin, end);
}
function mapSoftplus(x: usize, out: usize, p0: f32, p1: f32, begin: i32, end: i32): void {
  UnaryOps.mapF32(Unary.Softplus, x, out, p0, p1, begin, end);
}
function mapSoftsign(x: usize, out: usize, p0: f32, p1: f32, begin: i32, end: i32): void {
  UnaryOps.mapF32(Unary.Softsign, x, out, p0, p1, begin, end);
}
function mapHardSigmoid(x: usize, out: usize, p0: f32, p1: f32, begin: i32, end: i32): void {
  UnaryOps.mapF32(Unary.HardSigmoid, x, out, p0, p1, begin, end);
}
function mapHardSwish(x: usize, out: usize, p0: f32, p1: f32, begin: i32, end: i32): void {
  UnaryOps.mapF32(Unary.HardSwish, x, out, p0, p1, begin, end);
}
function mapStep(x: usize, out: usize, p0: f32, p1: f32, begin: i32, end: i32): void {
  UnaryOps.mapF32(Unary.Step, x, out, p0, p1, begin, end);
}

/** out[i] = op(x[i]) for float32 i in [begin, end). */
export function unaryF32(
  op: i32,
  x: usize,
  out: usize,
  p0: f32,
  p1: f32,
  begin: i32,
  end: i32,
): void {
  switch (op) {
    case Unary.Linear:
      mapLinear(x, out, p0, p1, begin, end);
      break;
    case Unary.Neg:
      mapNeg(x, out, p0, p1, begin, end);
      break;
    case Unary.Abs:
      mapAbs(x, out, p0, p1, begin, end);
      break;
    case Unary.Sign:
      mapSign(x, out, p0, p1, begin, end);
      break;
    case Unary.Exp:
      mapExp(x, out, p0, p1, begin, end);
      break;
    case Unary.Log:
      mapLog(x, out, p0, p1, begin, end);
      break;
    case Unary.Log1p:
      mapLog1p(x, out, p0, p1, begin, end);
      break;
    case Unary.Expm1:
      mapExpm1(x, out, p0, p1, begin, end);
      break;
    case Unary.Sqrt:
      mapSqrt(x, out, p0, p1, begin, end);
      break;
    case Unary.Rsqrt:
      mapRsqrt(x, out, p0, p1, begin, end);
      break;
    case Unary.Square:
      mapSquare(x, out, p0, p1, begin, end);
      break;
    case Unary.Reciprocal:
      mapReciprocal(x, out, p0, p1, begin, end);
      break;
    case Unary.Erf:
      mapErf(x, out, p0, p1, begin, end);
      break;
    case Unary.Floor:
      mapFloor(x, out, p0, p1, begin, end);
      break;
    case Unary.Ceil:
      mapCeil(x, out, p0, p1, begin, end);
      break;
    case Unary.Round:
      mapRound(x, out, p0, p1, begin, end);
      break;
    case Unary.Sin:
      mapSin(x, out, p0, p1, begin, end);
      break;
    case Unary.Cos:
      mapCos(x, out, p0, p1, begin, end);
      break;
    case Unary.ClipByValue:
      mapClipByValue(x, out, p0, p1, begin, end);
      break;
    case Unary.Sigmoid:
      mapSigmoid(x, out, p0, p1, begin, end);
      break;
    case Unary.Tanh:
      mapTanh(x, out, p0, p1, begin, end);
      break;
    case Unary.Relu:
      mapRelu(x, out, p0, p1, begin, end);
      break;
    case Unary.Relu6:
      mapRelu6(x, out, p0, p1, begin, end);
      break;
    case Unary.LeakyRelu:
      mapLeakyRelu(x, out, p0, p1, begin, end);
      break;
    case Unary.Elu:
      mapElu(x, out, p0, p1, begin, end);
      break;
    case Unary.Selu:
      mapSelu(x, out, p0, p1, begin, end);
      break;
    case Unary.GeluErf:
      mapGeluErf(x, out, p0, p1, begin, end);
      break;
    case Unary.GeluTanh:
      mapGeluTanh(x, out, p0, p1, begin, end);
      break;
    case Unary.Silu:
      mapSilu(x, out, p0, p1, begin, end);
      break;
    case Unary.Mish:
      mapMish(x, out, p0, p1, begin, end);
      break;
    case Unary.Softplus:
      mapSoftplus(x, out, p0, p1, begin, end);
      break;
    case Unary.Softsign:
      mapSoftsign(x, out, p0, p1, begin, end);
      break;
    case Unary.HardSigmoid:
      mapHardSigmoid(x, out, p0, p1, begin, end);
      break;
    case Unary.HardSwish:
      mapHardSwish(x, out, p0, p1, begin, end);
      break;
    case Unary.Step:
      mapStep(x, out, p0, p1, begin, end);
      break;
    default:
      unreachable();
  }
}

/** out[i] = op(x[i]) for int32 (neg, abs, sign, square, clipByValue). */
export function unaryI32(
  op: i32,
  x: usize,
  out: usize,
  p0: f64,
  p1: f64,
  begin: i32,
  end: i32,
): void {
  switch (op) {
    case Unary.Neg:
      UnaryOps.mapI32(Unary.Neg, x, out, p0, p1, begin, end);
      break;
    case Unary.Abs:
      UnaryOps.mapI32(Unary.Abs, x, out, p0, p1, begin, end);
      break;
    case Unary.Sign:
      UnaryOps.mapI32(Unary.Sign, x, out, p0, p1, begin, end);
      break;
    case Unary.Square:
      UnaryOps.mapI32(Unary.Square, x, out, p0, p1, begin, end);
      break;
    case Unary.ClipByValue:
      UnaryOps.mapI32(Unary.ClipByValue, x, out, p0, p1, begin, end);
      break;
    default:
      unreachable();
  }
}

/** logicalNot on bool bytes, 16 at a time. */
export function logicalNotU8(x: usize, out: usize, begin: i32, end: i32): void {
  const zero = i8x16.splat(0);
  const one = i8x16.splat(1);
  for (let i = begin; i < end; i += 16) {
    v128.store(out + <usize>i, v128.and(i8x16.eq(v128.load(x + <usize>i), zero), one));
  }
}
