// The op methods of Tensor (`a.matMul(b).add(c).relu()`), bound from one table so a method and
// its free function can never drift apart.
import { Tensor } from '../tensor/tensor.js';
import * as activations from './activations.js';
import * as binary from './binary.js';
import * as compare from './compare.js';
import { conv2d, maxPool2d, avgPool2d } from './conv.js';
import { matMul } from './matmul.js';
import * as reduce from './reduce.js';
import * as shape from './shape.js';
import { logSoftmax, softmax } from './softmax.js';
import * as unary from './unary.js';

const OPS = {
  ...binary,
  ...unary,
  sigmoid: activations.sigmoid,
  tanh: activations.tanh,
  relu: activations.relu,
  relu6: activations.relu6,
  leakyRelu: activations.leakyRelu,
  elu: activations.elu,
  selu: activations.selu,
  gelu: activations.gelu,
  silu: activations.silu,
  mish: activations.mish,
  softplus: activations.softplus,
  softsign: activations.softsign,
  hardSigmoid: activations.hardSigmoid,
  hardSwish: activations.hardSwish,
  step: activations.step,
  prelu: activations.prelu,
  equal: compare.equal,
  notEqual: compare.notEqual,
  less: compare.less,
  lessEqual: compare.lessEqual,
  greater: compare.greater,
  greaterEqual: compare.greaterEqual,
  logicalAnd: compare.logicalAnd,
  logicalOr: compare.logicalOr,
  sum: reduce.sum,
  mean: reduce.mean,
  max: reduce.max,
  min: reduce.min,
  prod: reduce.prod,
  argMax: reduce.argMax,
  argMin: reduce.argMin,
  logSumExp: reduce.logSumExp,
  variance: reduce.variance,
  norm: reduce.norm,
  matMul,
  reshape: shape.reshape,
  transpose: shape.transpose,
  expandDims: shape.expandDims,
  squeeze: shape.squeeze,
  slice: shape.slice,
  split: shape.split,
  tile: shape.tile,
  pad: shape.pad,
  gather: shape.gather,
  broadcastTo: shape.broadcastTo,
  softmax,
  logSoftmax,
  conv2d,
  maxPool2d,
  avgPool2d,
};

type Bound<F> = F extends (x: Tensor, ...rest: infer R) => infer O ? (...rest: R) => O : never;
type TensorMethods = { [K in keyof typeof OPS]: Bound<(typeof OPS)[K]> };

declare module '../tensor/tensor.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Tensor extends TensorMethods {}
}

for (const [name, fn] of Object.entries(OPS) as Array<
  [string, (x: Tensor, ...rest: unknown[]) => unknown]
>) {
  Object.defineProperty(Tensor.prototype, name, {
    value: function (this: Tensor, ...rest: unknown[]) {
      return fn(this, ...rest);
    },
    writable: true,
    configurable: true,
  });
}
