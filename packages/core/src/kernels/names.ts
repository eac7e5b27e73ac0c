// Every kernel of the contract, at run time (coverage reports iterate it). The type below fails to
// compile if this list and KernelMap ever disagree.
import type { KernelName } from './types.js';

export const KERNEL_NAMES = [
  'Neg',
  'Abs',
  'Sign',
  'Exp',
  'Log',
  'Log1p',
  'Expm1',
  'Sqrt',
  'Rsqrt',
  'Square',
  'Reciprocal',
  'Erf',
  'Floor',
  'Ceil',
  'Round',
  'Sin',
  'Cos',
  'LogicalNot',
  'Cast',
  'ClipByValue',
  'Sigmoid',
  'Tanh',
  'Relu',
  'Relu6',
  'LeakyRelu',
  'Elu',
  'Selu',
  'Gelu',
  'Silu',
  'Mish',
  'Softplus',
  'Softsign',
  'HardSigmoid',
  'HardSwish',
  'Step',
  'Prelu',
  'Add',
  'Sub',
  'Mul',
  'Div',
  'Pow',
  'Maximum',
  'Minimum',
  'Mod',
  'SquaredDifference',
  'Equal',
  'NotEqual',
  'Less',
  'LessEqual',
  'Greater',
  'GreaterEqual',
  'LogicalAnd',
  'LogicalOr',
  'Where',
  'Sum',
  'Prod',
  'Max',
  'Min',
  'LogSumExp',
  'ArgMax',
  'ArgMin',
  'BatchMatMul',
  'FusedMatMul',
  'Softmax',
  'LogSoftmax',
  'Reshape',
  'Identity',
  'Transpose',
  'Slice',
  'Concat',
  'Pad',
  'Tile',
  'BroadcastTo',
  'Gather',
  'ScatterAdd',
  'OneHot',
  'Conv2D',
  'Conv2DBackpropInput',
  'Conv2DBackpropFilter',
  'MaxPool',
  'MaxPoolGrad',
  'AvgPool',
  'AvgPoolGrad',
  'BatchNorm',
  'LayerNorm',
  'Dropout',
] as const satisfies readonly KernelName[];

type Listed = (typeof KERNEL_NAMES)[number];
// Compile-time check: every built-in kernel is listed (plugins' kernels are not built-in).
type BuiltIn = Exclude<KernelName, PluginKernelName>;
type Missing = Exclude<BuiltIn, Listed>;
const everyKernelListed: [Missing] extends [never] ? true : Missing = true;
void everyKernelListed;

/**
 * Kernels added to KernelMap by other packages (declaration merging) declare their names here
 * too, so the built-in list above stays checked.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PluginKernels {}
export type PluginKernelName = keyof PluginKernels & KernelName;
