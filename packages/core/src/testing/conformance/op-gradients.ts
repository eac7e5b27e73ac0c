// Every differentiable op on random inputs: checkGradients' verdict (float64, cpu) must be 'ok',
// the backend under test must give the same gradient in float32, and leave no tensor behind.
import { grads } from '../../autodiff/api.js';
import { tidy } from '../../engine/api.js';
import { checkGradients } from '../../gradcheck.js';
import * as ops from '../../ops/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import { assertClose } from '../golden.js';
import type { Section } from './harness.js';
import { expectNoLeak, testValues } from './harness.js';

interface Input {
  shape: number[];
  /** Values in [lo, hi); with `away`, |value| ≥ away (keeps inputs off kinks at 0). */
  lo?: number;
  hi?: number;
  away?: number;
}

interface OpCase {
  name: string;
  inputs: Input[];
  f: (...xs: Tensor[]) => Tensor;
}

const m = (shape: number[], lo = -1, hi = 1, away?: number): Input => ({ shape, lo, hi, away });
const positive = (shape: number[]): Input => m(shape, 0.2, 2);
const off0 = (shape: number[], scale = 1): Input => m(shape, -scale, scale, 0.1 * scale);

function values(input: Input, seed: number): Float64Array {
  const { shape, lo = -1, hi = 1, away } = input;
  const v = testValues(
    shape.reduce((p, d) => p * d, 1),
    seed,
    lo,
    hi,
  );
  if (away !== undefined)
    for (let i = 0; i < v.length; i++) if (Math.abs(v[i]) < away) v[i] = v[i] < 0 ? -away : away;
  return Float64Array.from(Float32Array.from(v));
}

const int = (data: number[], shape: number[]) => ops.tensor(Int32Array.from(data), shape);

const CASES: OpCase[] = [
  ...(
    [
      ['neg', ops.neg, m([3, 4])],
      ['abs', ops.abs, off0([3, 4])],
      ['exp', ops.exp, m([3, 4])],
      ['log', ops.log, positive([3, 4])],
      ['log1p', ops.log1p, m([3, 4], -0.5, 2)],
      ['expm1', ops.expm1, m([3, 4])],
      ['sqrt', ops.sqrt, positive([3, 4])],
      ['rsqrt', ops.rsqrt, positive([3, 4])],
      ['square', ops.square, m([3, 4])],
      ['reciprocal', ops.reciprocal, off0([3, 4])],
      ['erf', ops.erf, m([3, 4], -2, 2)],
      ['sin', ops.sin, m([3, 4], -3, 3)],
      ['cos', ops.cos, m([3, 4], -3, 3)],
      ['sigmoid', ops.sigmoid, m([3, 4], -4, 4)],
      ['tanh', ops.tanh, m([3, 4], -2, 2)],
      ['relu', ops.relu, off0([3, 4])],
      ['relu6', ops.relu6, off0([3, 4], 8)],
      ['selu', ops.selu, off0([3, 4], 2)],
      ['silu', ops.silu, m([3, 4], -3, 3)],
      ['mish', ops.mish, m([3, 4], -3, 3)],
      ['softplus', ops.softplus, m([3, 4], -25, 25)],
      ['softsign', ops.softsign, off0([3, 4], 2)],
      ['hardSigmoid', ops.hardSigmoid, off0([3, 4], 2.5)],
      ['hardSwish', ops.hardSwish, off0([3, 4], 2.5)],
    ] as const
  ).map(([name, f, input]) => ({ name, inputs: [input], f: (x: Tensor) => f(x) })),
  { name: 'leakyRelu', inputs: [off0([3, 4])], f: (x) => ops.leakyRelu(x, 0.2) },
  { name: 'elu', inputs: [off0([3, 4], 2)], f: (x) => ops.elu(x, 0.7) },
  { name: 'gelu', inputs: [m([3, 4], -3, 3)], f: (x) => ops.gelu(x) },
  { name: 'gelu tanh', inputs: [m([3, 4], -3, 3)], f: (x) => ops.gelu(x, { approximate: 'tanh' }) },
  { name: 'prelu', inputs: [off0([2, 3, 4]), m([4], 0.05, 0.5)], f: (x, a) => ops.prelu(x, a) },
  { name: 'clipByValue', inputs: [m([3, 4])], f: (x) => ops.clipByValue(x, -0.5, 0.5) },
  { name: 'add broadcast', inputs: [m([3, 4]), m([4])], f: (a, b) => ops.add(a, b) },
  { name: 'sub outer broadcast', inputs: [m([3, 1]), m([1, 4])], f: (a, b) => ops.sub(a, b) },
  { name: 'mul column broadcast', inputs: [m([3, 4]), m([3, 1])], f: (a, b) => ops.mul(a, b) },
  { name: 'div', inputs: [m([3, 4]), off0([4])], f: (a, b) => ops.div(a, b) },
  { name: 'pow', inputs: [positive([3, 4]), m([3, 4])], f: (a, b) => ops.pow(a, b) },
  { name: 'maximum', inputs: [m([3, 4]), m([4])], f: (a, b) => ops.maximum(a, b) },
  { name: 'minimum', inputs: [m([3, 4]), m([3, 4])], f: (a, b) => ops.minimum(a, b) },
  { name: 'mod', inputs: [m([3, 4], 0.1, 0.9), m([3, 4], 1.1, 1.5)], f: (a, b) => ops.mod(a, b) },
  {
    name: 'squaredDifference',
    inputs: [m([3, 4]), m([1, 4])],
    f: (a, b) => ops.squaredDifference(a, b),
  },
  {
    name: 'where',
    inputs: [m([3, 4]), m([4])],
    f: (a, b) => ops.where(ops.tensor([true, false, true, false]), a, b),
  },
  { name: 'sum axis', inputs: [m([2, 3, 4])], f: (x) => ops.sum(x, 1) },
  { name: 'sum non-contiguous axes', inputs: [m([2, 3, 4])], f: (x) => ops.sum(x, [0, 2], true) },
  { name: 'mean', inputs: [m([2, 3, 4])], f: (x) => ops.mean(x, -1) },
  { name: 'max', inputs: [m([3, 5])], f: (x) => ops.max(x, 1) },
  { name: 'min', inputs: [m([3, 5])], f: (x) => ops.min(x, 0, true) },
  { name: 'prod', inputs: [m([3, 4], 0.5, 1.5)], f: (x) => ops.prod(x, 1) },
  { name: 'logSumExp', inputs: [m([3, 5], -3, 3)], f: (x) => ops.logSumExp(x, -1) },
  { name: 'variance', inputs: [m([4, 3])], f: (x) => ops.variance(x, 0) },
  { name: 'norm 2', inputs: [m([3, 4])], f: (x) => ops.norm(x, 2, 1) },
  { name: 'norm 1', inputs: [off0([3, 4])], f: (x) => ops.norm(x, 1) },
  { name: 'norm inf', inputs: [m([3, 4])], f: (x) => ops.norm(x, Infinity, 0) },
  { name: 'matMul', inputs: [m([3, 4]), m([4, 5])], f: (a, b) => ops.matMul(a, b) },
  {
    name: 'matMul transposeA',
    inputs: [m([4, 3]), m([4, 5])],
    f: (a, b) => ops.matMul(a, b, true),
  },
  {
    name: 'matMul transposeB',
    inputs: [m([3, 4]), m([5, 4])],
    f: (a, b) => ops.matMul(a, b, false, true),
  },
  {
    name: 'matMul both transposed',
    inputs: [m([4, 3]), m([5, 4])],
    f: (a, b) => ops.matMul(a, b, true, true),
  },
  { name: 'matMul batched', inputs: [m([2, 3, 4]), m([2, 4, 2])], f: (a, b) => ops.matMul(a, b) },
  {
    name: 'matMul broadcast batch',
    inputs: [m([2, 3, 4]), m([4, 2])],
    f: (a, b) => ops.matMul(a, b),
  },
  ...(
    ['linear', 'relu', 'relu6', 'sigmoid', 'tanh', 'elu', 'leakyRelu', 'gelu', 'silu'] as const
  ).map((activation) => ({
    name: `fusedMatMul ${activation}`,
    inputs: [m([3, 4]), m([4, 5]), m([5])],
    f: (a: Tensor, b: Tensor, bias: Tensor) => ops.fusedMatMul({ a, b, bias, activation }),
  })),
  {
    name: 'fusedMatMul transposed',
    inputs: [m([4, 3]), m([5, 4]), m([5])],
    f: (a, b, bias) =>
      ops.fusedMatMul({ a, b, bias, transposeA: true, transposeB: true, activation: 'tanh' }),
  },
  { name: 'softmax', inputs: [m([3, 5], -3, 3)], f: (x) => ops.softmax(x) },
  { name: 'softmax axis 0', inputs: [m([3, 5], -3, 3)], f: (x) => ops.softmax(x, 0) },
  { name: 'logSoftmax', inputs: [m([3, 5], -3, 3)], f: (x) => ops.logSoftmax(x) },
  { name: 'reshape', inputs: [m([2, 6])], f: (x) => ops.reshape(x, [3, -1]) },
  { name: 'transpose', inputs: [m([2, 3, 4])], f: (x) => ops.transpose(x, [2, 0, 1]) },
  { name: 'transpose 2-D', inputs: [m([3, 5])], f: (x) => ops.transpose(x) },
  { name: 'slice', inputs: [m([4, 5])], f: (x) => ops.slice(x, [1, 2], [2, -1]) },
  {
    name: 'concat',
    inputs: [m([2, 3]), m([2, 1]), m([2, 2])],
    f: (a, b, c) => ops.concat([a, b, c], 1),
  },
  { name: 'stack', inputs: [m([2, 3]), m([2, 3])], f: (a, b) => ops.stack([a, b], 1) },
  {
    name: 'split',
    inputs: [m([6, 2])],
    f: (x) => {
      const [a, b] = ops.split(x, [2, 4]);
      return ops.add(ops.sum(a, 0), ops.sum(ops.mul(b, b), 0));
    },
  },
  { name: 'tile', inputs: [m([2, 3])], f: (x) => ops.tile(x, [2, 3]) },
  {
    name: 'pad',
    inputs: [m([2, 3])],
    f: (x) =>
      ops.pad(
        x,
        [
          [1, 0],
          [2, 1],
        ],
        0.5,
      ),
  },
  { name: 'gather', inputs: [m([5, 3])], f: (x) => ops.gather(x, int([4, 0, 4, 2], [2, 2])) },
  { name: 'gather axis 1', inputs: [m([2, 5])], f: (x) => ops.gather(x, int([1, 3, 1], [3]), 1) },
  { name: 'broadcastTo', inputs: [m([3, 1])], f: (x) => ops.broadcastTo(x, [2, 3, 4]) },
  {
    name: 'expandDims and squeeze',
    inputs: [m([3, 4])],
    f: (x) => ops.squeeze(ops.expandDims(ops.exp(x), 1)),
  },
  {
    name: 'conv2d same',
    inputs: [m([2, 5, 5, 3]), m([3, 3, 3, 4])],
    f: (x, w) => ops.conv2d(x, w, { pad: 'same' }),
  },
  {
    name: 'conv2d stride 2 pad 1',
    inputs: [m([1, 6, 5, 2]), m([3, 2, 2, 3])],
    f: (x, w) => ops.conv2d(x, w, { strides: 2, pad: 1 }),
  },
  {
    name: 'conv2d dilation 2',
    inputs: [m([1, 7, 7, 2]), m([2, 2, 2, 2])],
    f: (x, w) => ops.conv2d(x, w, { dilations: 2 }),
  },
  { name: 'maxPool2d', inputs: [m([2, 4, 4, 2])], f: (x) => ops.maxPool2d(x, { filterSize: 2 }) },
  {
    name: 'maxPool2d same',
    inputs: [m([1, 5, 5, 2])],
    f: (x) => ops.maxPool2d(x, { filterSize: 3, strides: 2, pad: 'same' }),
  },
  {
    name: 'avgPool2d same',
    inputs: [m([1, 5, 5, 2])],
    f: (x) => ops.avgPool2d(x, { filterSize: 3, strides: 2, pad: 'same' }),
  },
  {
    name: 'batchNorm',
    inputs: [m([4, 3]), m([3]), positive([3]), m([3]), m([3])],
    f: (x, mean, variance, offset, scale) => ops.batchNorm(x, mean, variance, offset, scale, 1e-3),
  },
  {
    name: 'layerNorm',
    inputs: [m([3, 5]), m([5]), m([5])],
    f: (x, g, b) => ops.layerNorm(x, g, b),
  },
];

/** Reduces an op's output to a scalar with fixed pseudo-random weights. */
const weighted =
  (f: OpCase['f']) =>
  (...xs: Tensor[]): Tensor => {
    const y = f(...xs);
    return ops.sum(ops.mul(y, ops.tensor(testValues(y.size, 7919), y.shape, y.dtype)));
  };

export function opGradients({ api, use }: Section): void {
  api.describe('op gradients', () => {
    for (const c of CASES) {
      api.it(c.name, async () => {
        await use();
        const points = c.inputs.map((input, i) => values(input, 17 + 31 * i));
        const f = weighted(c.f);
        const reference = tidy(() => {
          const xs = points.map((p, i) => ops.tensor(Float32Array.from(p), c.inputs[i].shape));
          return checkGradients(f, xs);
        });
        if (reference.verdict !== 'ok') {
          throw new Error(
            `${c.name}: float64 gradient check says '${reference.verdict}' (relative error ${reference.relativeError.toExponential(2)})`,
          );
        }
        expectNoLeak(c.name, () => {
          const xs = points.map((p, i) => ops.tensor(Float32Array.from(p), c.inputs[i].shape));
          grads(f)(xs).forEach((g, i) => {
            const scale = Math.max(1e-3, ...Array.from(reference.numeric[i], Math.abs));
            assertClose(
              g.dataSync() as ArrayLike<number>,
              reference.numeric[i],
              { rtol: 2e-3, atol: 2e-4 * scale },
              `${c.name} grad ${i}`,
            );
          });
        });
      });
    }
  });
}
