// The layer cases of golden/layers.json composed from core ops: dense, batch and layer
// normalization, convolution (both layouts, TF 'same'), pooling, embedding, LSTM, residual block.
import { tidy } from '../../engine/api.js';
import * as ops from '../../ops/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { GoldenArray, Tolerance } from '../golden.js';
import { loadGolden } from '../golden.js';
import type { Section } from './harness.js';
import { expectGolden, fromGolden, vjp } from './harness.js';

interface LayerCase {
  params?: Record<string, unknown>;
  inputs: Record<string, GoldenArray>;
  upstream: GoldenArray | Record<string, GoldenArray>;
  output: GoldenArray | Record<string, GoldenArray>;
  grads: Record<string, GoldenArray>;
  [extra: string]: unknown;
}

interface LayersFile {
  tolerance: Tolerance;
  cases: Record<string, LayerCase>;
}

type Forward = (inputs: Record<string, Tensor>, c: LayerCase) => Tensor | Record<string, Tensor>;

const NCHW_TO_NHWC = [0, 2, 3, 1];
const NHWC_TO_NCHW = [0, 3, 1, 2];
const OIHW_TO_HWIO = [2, 3, 1, 0];

/** The case's tensors are channels-first (its layout names NCHW for x). */
const nchw = (c: LayerCase): boolean => /\bNCHW\b/.test(String(c.layout ?? ''));

function conv(inputs: Record<string, Tensor>, c: LayerCase): Tensor {
  const p = c.params as { stride: [number, number]; padding: [number, number] | 'same' };
  const pad = p.padding === 'same' ? 'same' : p.padding[0];
  if (nchw(c)) {
    const x = ops.transpose(inputs.x, NCHW_TO_NHWC);
    const w = ops.transpose(inputs.w, OIHW_TO_HWIO);
    return ops.transpose(
      ops.add(ops.conv2d(x, w, { strides: p.stride, pad }), inputs.b),
      NHWC_TO_NCHW,
    );
  }
  return ops.add(ops.conv2d(inputs.x, inputs.w, { strides: p.stride, pad }), inputs.b);
}

function pool(kind: 'max' | 'avg'): Forward {
  return (inputs, c) => {
    const p = c.params as { kernel: [number, number]; stride: [number, number] };
    const run = (x: Tensor) =>
      (kind === 'max' ? ops.maxPool2d : ops.avgPool2d)(x, {
        filterSize: p.kernel,
        strides: p.stride,
        pad: 'valid',
      });
    return nchw(c)
      ? ops.transpose(run(ops.transpose(inputs.x, NCHW_TO_NHWC)), NHWC_TO_NCHW)
      : run(inputs.x);
  };
}

/** Training-mode batch norm: statistics of the batch over every axis but the channel axis. */
function batchNormTrain(inputs: Record<string, Tensor>, c: LayerCase): Tensor {
  const eps = (c.params as { eps: number }).eps;
  const channelAxis = nchw(c) ? 1 : inputs.x.rank - 1;
  const axes = inputs.x.shape.map((_, i) => i).filter((i) => i !== channelAxis);
  const { mean, variance } = ops.moments(inputs.x, axes, true);
  const shape = inputs.x.shape.map((d, i) => (i === channelAxis ? d : 1));
  return ops.batchNorm(
    inputs.x,
    mean,
    variance,
    ops.reshape(inputs.beta, shape),
    ops.reshape(inputs.gamma, shape),
    eps,
  );
}

/** One nn.LSTMCell step in torch layout (gates i, f, g, o). */
function lstmCell(x: Tensor, h: Tensor, c: Tensor, w: Record<string, Tensor>) {
  const gates = ops.add(
    ops.add(ops.matMul(x, w.W_ih, false, true), w.b_ih),
    ops.add(ops.matMul(h, w.W_hh, false, true), w.b_hh),
  );
  const [i, f, g, o] = ops.split(gates, 4, 1);
  const [si, sf, tg, so] = [ops.sigmoid(i), ops.sigmoid(f), ops.tanh(g), ops.sigmoid(o)];
  const c1 = ops.add(ops.mul(sf, c), ops.mul(si, tg));
  const h1 = ops.mul(so, ops.tanh(c1));
  return { h1, c1, gates_activated: ops.concat([si, sf, tg, so], 1) };
}

const FORWARDS: Record<string, Forward> = {
  dense: ({ x, W, b }) => ops.add(ops.matMul(x, W), b),
  batch_norm_1d_train: batchNormTrain,
  batch_norm_2d_train_nchw: batchNormTrain,
  batch_norm_2d_train_nhwc: batchNormTrain,
  batch_norm_1d_eval: ({ x, gamma, beta, running_mean, running_var }, c) =>
    ops.batchNorm(x, running_mean, running_var, beta, gamma, (c.params as { eps: number }).eps),
  layer_norm: ({ x, gamma, beta }, c) =>
    ops.layerNorm(x, gamma, beta, (c.params as { eps: number }).eps),
  embedding: ({ table, indices }) => ops.gather(table, indices),
  residual_block: ({ x, W1, b1, W2, b2 }) =>
    ops.add(x, ops.add(ops.matMul(ops.relu(ops.add(ops.matMul(x, W1), b1)), W2), b2)),
  lstm_step: ({ x, h0, c0, ...w }) => lstmCell(x, h0, c0, w),
  lstm_sequence: ({ x, h0, c0, ...w }) => {
    let h = h0;
    let cell = c0;
    const outputs: Tensor[] = [];
    for (const xt of ops.split(x, x.shape[0], 0)) {
      const step = lstmCell(ops.squeeze(xt, 0), h, cell, w);
      h = step.h1;
      cell = step.c1;
      outputs.push(h);
    }
    return { outputs: ops.stack(outputs, 0), hT: h, cT: cell };
  },
};

function forwardFor(name: string): Forward {
  if (name.startsWith('conv2d_')) return conv;
  if (name.startsWith('max_pool2d_')) return pool('max');
  if (name.startsWith('avg_pool2d_')) return pool('avg');
  const f = FORWARDS[name];
  if (f === undefined) throw new Error(`no composition is mapped to golden layer case '${name}'`);
  return f;
}

export function goldenLayers({ api, use }: Section): void {
  const file = loadGolden<LayersFile>('layers.json');
  const tol = file.tolerance;
  api.describe('golden layers', () => {
    for (const [name, c] of Object.entries(file.cases)) {
      api.it(name, async () => {
        await use();
        tidy(() => {
          const forward = forwardFor(name);
          const inputNames = Object.keys(c.inputs);
          const inputs = inputNames.map((k) => fromGolden(c.inputs[k]));
          const outputNames = 'shape' in c.output ? null : Object.keys(c.output);
          const upstream = c.upstream as Record<string, GoldenArray>;
          // Σ upstream·output over every output, so one backward pass gives all the VJPs.
          const loss = (...xs: Tensor[]): Tensor => {
            const out = forward(Object.fromEntries(inputNames.map((k, i) => [k, xs[i]])), c);
            if (outputNames === null)
              return ops.sum(ops.mul(out as Tensor, fromGolden(c.upstream as GoldenArray)));
            const parts = Object.keys(upstream).map((k) =>
              ops.sum(ops.mul((out as Record<string, Tensor>)[k], fromGolden(upstream[k]))),
            );
            return parts.reduce((a, b) => ops.add(a, b));
          };
          const out = forward(Object.fromEntries(inputNames.map((k, i) => [k, inputs[i]])), c);
          if (outputNames === null)
            expectGolden(out as Tensor, c.output as GoldenArray, tol, `${name} output`);
          else
            for (const k of outputNames)
              expectGolden(
                (out as Record<string, Tensor>)[k],
                (c.output as Record<string, GoldenArray>)[k],
                tol,
                `${name} output ${k}`,
              );
          const differentiable = inputNames.filter((k) => c.grads[k] !== undefined);
          const { grads } = vjp(
            (...xs) =>
              loss(
                ...inputNames.map((k) =>
                  differentiable.includes(k)
                    ? xs[differentiable.indexOf(k)]
                    : inputs[inputNames.indexOf(k)],
                ),
              ),
            differentiable.map((k) => inputs[inputNames.indexOf(k)]),
            ops.scalar(1),
          );
          differentiable.forEach((k, i) =>
            expectGolden(grads[i], c.grads[k], tol, `${name} grad ${k}`),
          );
          if (name === 'batch_norm_1d_train') {
            const x = inputs[inputNames.indexOf('x')];
            expectGolden(ops.mean(x, 0), c.batch_mean as GoldenArray, tol, 'batch mean');
            expectGolden(
              ops.variance(x, 0),
              c.batch_var_biased as GoldenArray,
              tol,
              'biased batch variance',
            );
            expectGolden(
              ops.variance(x, 0, false, 1),
              c.batch_var_unbiased as GoldenArray,
              tol,
              'unbiased batch variance',
            );
          }
        });
      });
    }
  });
}
