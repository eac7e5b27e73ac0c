// Operation codes shared by the module and the TypeScript side. This file is valid both as
// AssemblyScript and as TypeScript: scripts/build-wasm.mjs copies it to src/generated/opcodes.ts, so
// the two sides cannot drift. Add at the end; the numbers are the ABI.

/** Storage type of a buffer. */
export enum DType {
  F32 = 0,
  I32 = 1,
  U8 = 2,
}

/** Element-wise unary operations (and the activations FusedMatMul applies in its epilogue). */
export enum Unary {
  Linear = 0,
  Neg = 1,
  Abs = 2,
  Sign = 3,
  Exp = 4,
  Log = 5,
  Log1p = 6,
  Expm1 = 7,
  Sqrt = 8,
  Rsqrt = 9,
  Square = 10,
  Reciprocal = 11,
  Erf = 12,
  Floor = 13,
  Ceil = 14,
  Round = 15,
  Sin = 16,
  Cos = 17,
  ClipByValue = 18,
  Sigmoid = 19,
  Tanh = 20,
  Relu = 21,
  Relu6 = 22,
  LeakyRelu = 23,
  Elu = 24,
  Selu = 25,
  GeluErf = 26,
  GeluTanh = 27,
  Silu = 28,
  Mish = 29,
  Softplus = 30,
  Softsign = 31,
  HardSigmoid = 32,
  HardSwish = 33,
  Step = 34,
  LogicalNot = 35,
}

/** Element-wise binary operations; comparisons and logic produce bool (u8). */
export enum Binary {
  Add = 0,
  Sub = 1,
  Mul = 2,
  Div = 3,
  Pow = 4,
  Maximum = 5,
  Minimum = 6,
  Mod = 7,
  SquaredDifference = 8,
  Prelu = 9,
  Equal = 10,
  NotEqual = 11,
  Less = 12,
  LessEqual = 13,
  Greater = 14,
  GreaterEqual = 15,
  LogicalAnd = 16,
  LogicalOr = 17,
}

/** Reductions over the middle axis of [outer, reduce, inner]. */
export enum Reduce {
  Sum = 0,
  Prod = 1,
  Max = 2,
  Min = 3,
  LogSumExp = 4,
  ArgMax = 5,
  ArgMin = 6,
}
