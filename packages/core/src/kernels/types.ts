// One input/attribute type per kernel. `registerKernel` is typed by this map, so a backend's
// kernel function gets exactly these inputs and attributes without casts. Packages may add
// kernels by augmenting `KernelMap` (declaration merging), as @tensile/optimizers does.
import type { DType } from '../tensor/dtypes.js';
import type { Conv2DInfo } from './conv-geometry.js';

/** Opaque handle of a buffer owned by a backend. */
export type DataId = object;

/** What a kernel sees of a tensor: where its data is, its shape and dtype. */
export interface TensorInfo {
  readonly dataId: DataId;
  readonly shape: readonly number[];
  readonly dtype: DType;
}

type NoAttrs = Record<string, never>;
interface Unary<A = NoAttrs> {
  inputs: { x: TensorInfo };
  attrs: A;
}
interface Binary {
  inputs: { a: TensorInfo; b: TensorInfo };
  attrs: NoAttrs;
}
/** Reductions over one contiguous run of sorted axes (core transposes other cases first). */
interface Reduction {
  inputs: { x: TensorInfo };
  attrs: { axes: number[]; keepDims: boolean };
}
interface ArgReduction {
  inputs: { x: TensorInfo };
  attrs: { axis: number };
}

export type GeluApproximation = 'none' | 'tanh';
/** Activations that `FusedMatMul` applies in the same pass. */
export type FusedActivation =
  'linear' | 'relu' | 'relu6' | 'sigmoid' | 'tanh' | 'elu' | 'leakyRelu' | 'gelu' | 'silu';

export interface KernelMap {
  // element-wise unary
  Neg: Unary;
  Abs: Unary;
  Sign: Unary;
  Exp: Unary;
  Log: Unary;
  Log1p: Unary;
  Expm1: Unary;
  Sqrt: Unary;
  Rsqrt: Unary;
  Square: Unary;
  Reciprocal: Unary;
  Erf: Unary;
  Floor: Unary;
  Ceil: Unary;
  /** Round half to even, as NumPy and PyTorch. */
  Round: Unary;
  Sin: Unary;
  Cos: Unary;
  LogicalNot: Unary;
  Cast: Unary<{ dtype: DType }>;
  ClipByValue: Unary<{ min: number; max: number }>;
  // activations
  Sigmoid: Unary;
  Tanh: Unary;
  Relu: Unary;
  Relu6: Unary;
  LeakyRelu: Unary<{ alpha: number }>;
  Elu: Unary<{ alpha: number }>;
  Selu: Unary;
  Gelu: Unary<{ approximate: GeluApproximation }>;
  Silu: Unary;
  Mish: Unary;
  /** PyTorch's softplus with beta = 1, threshold = 20: x itself for x > 20. */
  Softplus: Unary;
  Softsign: Unary;
  /** relu6(x + 3) / 6 (PyTorch's definition). */
  HardSigmoid: Unary;
  HardSwish: Unary;
  /** Heaviside with value 1 at 0. */
  Step: Unary;
  Prelu: { inputs: { x: TensorInfo; alpha: TensorInfo }; attrs: NoAttrs };
  // binary, NumPy broadcasting (core has checked the shapes)
  Add: Binary;
  Sub: Binary;
  Mul: Binary;
  Div: Binary;
  Pow: Binary;
  Maximum: Binary;
  Minimum: Binary;
  /** Result has the sign of the divisor, as Python's % and torch.remainder. */
  Mod: Binary;
  SquaredDifference: Binary;
  Equal: Binary;
  NotEqual: Binary;
  Less: Binary;
  LessEqual: Binary;
  Greater: Binary;
  GreaterEqual: Binary;
  LogicalAnd: Binary;
  LogicalOr: Binary;
  Where: { inputs: { condition: TensorInfo; a: TensorInfo; b: TensorInfo }; attrs: NoAttrs };
  // reductions
  Sum: Reduction;
  Prod: Reduction;
  Max: Reduction;
  Min: Reduction;
  LogSumExp: Reduction;
  ArgMax: ArgReduction;
  ArgMin: ArgReduction;
  // linear algebra: a [batch, m, k] (or [batch, k, m] when transposeA), b likewise; batch 1 broadcasts
  BatchMatMul: {
    inputs: { a: TensorInfo; b: TensorInfo };
    attrs: { transposeA: boolean; transposeB: boolean };
  };
  /** activation(a·b + bias) for 2-D a and b; bias [n] is optional. */
  FusedMatMul: {
    inputs: { a: TensorInfo; b: TensorInfo; bias?: TensorInfo };
    attrs: { transposeA: boolean; transposeB: boolean; activation: FusedActivation; alpha: number };
  };
  // over the last axis
  Softmax: Unary;
  LogSoftmax: Unary;
  // shape and data movement
  Reshape: Unary<{ shape: number[] }>;
  Identity: Unary;
  Transpose: Unary<{ perm: number[] }>;
  Slice: Unary<{ begin: number[]; size: number[] }>;
  Concat: { inputs: { tensors: TensorInfo[] }; attrs: { axis: number } };
  Pad: Unary<{ paddings: Array<[number, number]>; constantValue: number }>;
  Tile: Unary<{ reps: number[] }>;
  BroadcastTo: Unary<{ shape: number[] }>;
  /** out = x.shape[:axis] + indices.shape + x.shape[axis+1:] */
  Gather: { inputs: { x: TensorInfo; indices: TensorInfo }; attrs: { axis: number } };
  /** The gradient of Gather: sums `updates` into a zero tensor whose `axis` has length dimSize. */
  ScatterAdd: {
    inputs: { updates: TensorInfo; indices: TensorInfo };
    attrs: { axis: number; dimSize: number };
  };
  OneHot: {
    inputs: { indices: TensorInfo };
    attrs: { depth: number; onValue: number; offValue: number; dtype: DType };
  };
  // convolution and pooling, NHWC / HWIO, geometry computed by core
  Conv2D: { inputs: { x: TensorInfo; filter: TensorInfo }; attrs: { info: Conv2DInfo } };
  Conv2DBackpropInput: {
    inputs: { dy: TensorInfo; filter: TensorInfo };
    attrs: { info: Conv2DInfo };
  };
  Conv2DBackpropFilter: {
    inputs: { x: TensorInfo; dy: TensorInfo };
    attrs: { info: Conv2DInfo };
  };
  MaxPool: { inputs: { x: TensorInfo }; attrs: { info: Conv2DInfo } };
  MaxPoolGrad: { inputs: { dy: TensorInfo; x: TensorInfo }; attrs: { info: Conv2DInfo } };
  AvgPool: { inputs: { x: TensorInfo }; attrs: { info: Conv2DInfo } };
  AvgPoolGrad: { inputs: { dy: TensorInfo }; attrs: { info: Conv2DInfo } };
  // normalization
  /** (x − mean)/√(variance + eps)·scale + offset, with mean … scale broadcast against x. */
  BatchNorm: {
    inputs: {
      x: TensorInfo;
      mean: TensorInfo;
      variance: TensorInfo;
      offset?: TensorInfo;
      scale?: TensorInfo;
    };
    attrs: { eps: number };
  };
  /** Normalizes over the last axis with the biased variance; gamma/beta [lastDim] optional. */
  LayerNorm: {
    inputs: { x: TensorInfo; gamma?: TensorInfo; beta?: TensorInfo };
    attrs: { eps: number };
  };
  /** x·mask/(1 − rate): inverted dropout with a mask of zeros and ones made by core's RNG. */
  Dropout: { inputs: { x: TensorInfo; mask: TensorInfo }; attrs: { rate: number } };
}

export type KernelName = keyof KernelMap;
export type KernelInputs<K extends KernelName> = KernelMap[K]['inputs'];
export type KernelAttrs<K extends KernelName> = KernelMap[K]['attrs'];
