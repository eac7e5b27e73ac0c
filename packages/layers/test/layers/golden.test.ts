// The layer cases of golden/layers.json through the layer objects: each case builds the layer,
// loads the fixture's weights with setWeights (mapping torch layouts to Keras's where they
// differ), runs it, and checks the output and the VJP with respect to inputs and weights.
import '@tensile/backend-cpu';
import type { Tensor, Variable } from '@tensile/core';
import * as tl from '@tensile/core';
import type { GoldenArray, Tolerance } from '@tensile/core/testing';
import { loadGolden } from '@tensile/core/testing';
import { describe, expect, it } from 'vitest';
import type { Layer, LayersModel } from '../../src/index.js';
import { input, layers, model } from '../../src/index.js';
import { expectGolden, fromGolden } from '../helpers/golden.js';

interface LayerCase {
  layout?: string;
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

/**
 * A case run through a layer: the layer (or model), the weight values to load, how to call it on
 * the (watched) inputs, and how the weight gradients map back to the fixture's names.
 */
interface Setup {
  target: Layer | LayersModel;
  /** The weight values to load, in the layer's order (made inside a tidy scope). */
  weights: () => Tensor[];
  /** Fixture inputs differentiated as inputs (not weights). */
  inputs: string[];
  forward(x: Record<string, Tensor>): Record<string, Tensor>;
  /** Fixture gradient name → the layer weight gradient (in the fixture's layout). */
  weightGrads: Record<string, (grads: Tensor[]) => Tensor>;
  after?(c: LayerCase, tol: Tolerance): void;
}

const NCHW_TO_NHWC = [0, 2, 3, 1];
const NHWC_TO_NCHW = [0, 3, 1, 2];
const OIHW_TO_HWIO = [2, 3, 1, 0];
const HWIO_TO_OIHW = [3, 2, 0, 1];

/** NCHW cases say so in their name (conv2d_nchw_…) or layout ('NCHW'). */
let currentCase = '';
const nchw = (c: LayerCase) =>
  currentCase.includes('_nchw') ||
  String(c.layout ?? '')
    .toUpperCase()
    .startsWith('NCHW');
const param = <T>(c: LayerCase, key: string) => (c.params as Record<string, T>)[key];
const g = (c: LayerCase, key: string) => fromGolden(c.inputs[key]);
const single = (f: (x: Tensor) => Tensor) => (x: Record<string, Tensor>) => ({ output: f(x.x) });

function conv(c: LayerCase): Setup {
  const stride = param<[number, number]>(c, 'stride');
  const padding = param<[number, number] | 'same'>(c, 'padding');
  const layer = layers.conv2d({
    filters: c.inputs.w.shape[0 + (nchw(c) ? 0 : 3)],
    kernelSize: nchw(c)
      ? [c.inputs.w.shape[2], c.inputs.w.shape[3]]
      : [c.inputs.w.shape[0], c.inputs.w.shape[1]],
    strides: stride,
    padding: padding === 'same' ? 'same' : padding[0],
  });
  return {
    target: layer,
    weights: () => [nchw(c) ? tl.transpose(g(c, 'w'), OIHW_TO_HWIO) : g(c, 'w'), g(c, 'b')],
    inputs: ['x'],
    forward: single((x) =>
      nchw(c)
        ? tl.transpose(layer.apply(tl.transpose(x, NCHW_TO_NHWC)), NHWC_TO_NCHW)
        : layer.apply(x),
    ),
    weightGrads: {
      w: ([dw]) => (nchw(c) ? tl.transpose(dw, HWIO_TO_OIHW) : dw),
      b: ([, db]) => db,
    },
  };
}

function pool(c: LayerCase, kind: 'max' | 'avg'): Setup {
  const options = {
    poolSize: param<[number, number]>(c, 'kernel'),
    strides: param<[number, number]>(c, 'stride'),
  };
  const layer = kind === 'max' ? layers.maxPooling2d(options) : layers.averagePooling2d(options);
  return {
    target: layer,
    weights: () => [],
    inputs: ['x'],
    forward: single((x) =>
      nchw(c)
        ? tl.transpose(layer.apply(tl.transpose(x, NCHW_TO_NHWC)), NHWC_TO_NCHW)
        : layer.apply(x),
    ),
    weightGrads: {},
  };
}

function batchNorm(c: LayerCase, training: boolean): Setup {
  const layer = layers.batchNormalization({
    axis: nchw(c) ? 1 : -1,
    epsilon: param<number>(c, 'eps'),
    // Keras's convention: the weight of the old running value, 1 − torch's momentum.
    momentum: 1 - (param<number | undefined>(c, 'momentum') ?? 0.1),
  });
  return {
    target: layer,
    weights: () => [g(c, 'gamma'), g(c, 'beta'), g(c, 'running_mean'), g(c, 'running_var')],
    inputs: ['x'],
    forward: single((x) => layer.apply(x, { training })),
    weightGrads: { gamma: ([dg]) => dg, beta: ([, db]) => db },
    after(cs, tol) {
      if (!training) return;
      // One forward pass in training mode updated the running statistics (unbiased variance).
      expectGolden(
        layer.movingMean as Variable,
        cs.running_mean_updated as GoldenArray,
        tol,
        'running mean',
      );
      expectGolden(
        layer.movingVariance as Variable,
        cs.running_var_updated as GoldenArray,
        tol,
        'running var',
      );
    },
  };
}

/** torch's LSTM weights in Keras's layout: kernel = W_ihᵀ, recurrentKernel = W_hhᵀ, bias = b_ih + b_hh. */
function lstm(c: LayerCase, sequence: boolean): Setup {
  const layer = layers.lstm({
    units: c.inputs.h0.shape[1],
    returnSequences: true,
    returnState: true,
  });
  return {
    target: layer,
    weights: () => [
      tl.transpose(g(c, 'W_ih')),
      tl.transpose(g(c, 'W_hh')),
      tl.add(g(c, 'b_ih'), g(c, 'b_hh')),
    ],
    inputs: ['x', 'h0', 'c0'],
    forward: ({ x, h0, c0 }): Record<string, Tensor> => {
      // Keras sequences are batch-major [B, T, I]; the fixture is time-major (or one step).
      const batchMajor = sequence ? tl.transpose(x, [1, 0, 2]) : tl.expandDims(x, 1);
      const [outputs, h, cell] = layer.applyMulti(batchMajor, { initialState: [h0, c0] });
      return sequence
        ? { outputs: tl.transpose(outputs, [1, 0, 2]), hT: h, cT: cell }
        : { h1: h, c1: cell };
    },
    weightGrads: {
      W_ih: ([dk]) => tl.transpose(dk),
      W_hh: ([, dr]) => tl.transpose(dr),
      b_ih: ([, , db]) => db,
      b_hh: ([, , db]) => db,
    },
  };
}

function residual(c: LayerCase): Setup {
  const x = input({ shape: [c.inputs.x.shape[1]] });
  const hidden = layers.dense({ units: c.inputs.W1.shape[1], activation: 'relu' }).apply(x);
  const y = layers.add().apply([x, layers.dense({ units: c.inputs.W2.shape[1] }).apply(hidden)]);
  const m = model({ inputs: x, outputs: y });
  return {
    target: m,
    weights: () => [g(c, 'W1'), g(c, 'b1'), g(c, 'W2'), g(c, 'b2')],
    inputs: ['x'],
    forward: single((t) => m.apply(t)),
    weightGrads: { W1: ([a]) => a, b1: ([, a]) => a, W2: ([, , a]) => a, b2: ([, , , a]) => a },
  };
}

function setupFor(name: string, c: LayerCase): Setup {
  if (name.startsWith('conv2d_')) return conv(c);
  if (name.startsWith('max_pool2d_')) return pool(c, 'max');
  if (name.startsWith('avg_pool2d_')) return pool(c, 'avg');
  if (name.startsWith('batch_norm_') && name.includes('train')) return batchNorm(c, true);
  switch (name) {
    case 'dense': {
      const layer = layers.dense({ units: c.inputs.W.shape[1] });
      return {
        target: layer,
        weights: () => [g(c, 'W'), g(c, 'b')],
        inputs: ['x'],
        forward: single((x) => layer.apply(x)),
        weightGrads: { W: ([dw]) => dw, b: ([, db]) => db },
      };
    }
    case 'batch_norm_1d_eval':
      return batchNorm(c, false);
    case 'layer_norm': {
      const layer = layers.layerNormalization({ epsilon: param<number>(c, 'eps') });
      return {
        target: layer,
        weights: () => [g(c, 'gamma'), g(c, 'beta')],
        inputs: ['x'],
        forward: single((x) => layer.apply(x)),
        weightGrads: { gamma: ([dg]) => dg, beta: ([, db]) => db },
      };
    }
    case 'embedding': {
      const layer = layers.embedding({
        inputDim: c.inputs.table.shape[0],
        outputDim: c.inputs.table.shape[1],
      });
      return {
        target: layer,
        weights: () => [g(c, 'table')],
        inputs: [],
        forward: () => ({ output: layer.apply(g(c, 'indices')) }),
        weightGrads: { table: ([dt]) => dt },
      };
    }
    case 'lstm_step':
      return lstm(c, false);
    case 'lstm_sequence':
      return lstm(c, true);
    case 'residual_block':
      return residual(c);
  }
  throw new Error(`no layer is mapped to golden case '${name}'`);
}

let counter = 0;

describe('layers: golden layers.json through the layer objects', () => {
  const file = loadGolden<LayersFile>('layers.json');
  for (const [name, c] of Object.entries(file.cases)) {
    it(name, () => {
      const before = tl.memory().numTensors;
      const tol = file.tolerance;
      currentCase = name;
      // Not inside tidy: a model holds cyclic references that tidy's result walk cannot follow.
      const setup = setupFor(name, c);
      const target = setup.target;
      const weights = tl.tidy(setup.weights);
      // Build with the fixture's first input, then load the fixture's weights.
      tl.tidy(() => {
        const watched = setup.inputs.map((k) =>
          tl.variable(g(c, k), { name: `golden_${name}_${k}_${counter++}` }),
        );
        try {
          const feed = () =>
            Object.fromEntries(setup.inputs.map((k, i) => [k, watched[i] as Tensor]));
          setup.forward(feed());
          target.setWeights(weights);
          const vars = target.weights.map((w) => w.variable).filter((v) => v.trainable);
          const outputNames = 'shape' in c.output ? null : Object.keys(c.output);
          let outputs: Record<string, Tensor> = {};
          const { grads } = tl.variableGrads(() => {
            outputs = setup.forward(feed());
            for (const t of Object.values(outputs)) tl.keep(t);
            const up = c.upstream as Record<string, GoldenArray>;
            const parts =
              outputNames === null
                ? [tl.sum(tl.mul(outputs.output, fromGolden(c.upstream as GoldenArray)))]
                : Object.keys(up).map((k) => tl.sum(tl.mul(outputs[k], fromGolden(up[k]))));
            return parts.reduce((a, b) => tl.add(a, b));
          }, [...watched, ...vars]);
          if (outputNames === null)
            expectGolden(outputs.output, c.output as GoldenArray, tol, `${name} output`);
          else
            for (const k of outputNames.filter((k) => k in outputs))
              expectGolden(
                outputs[k],
                (c.output as Record<string, GoldenArray>)[k],
                tol,
                `${name} output ${k}`,
              );
          tl.dispose(Object.values(outputs));
          setup.inputs.forEach((k, i) =>
            expectGolden(grads[watched[i].name], c.grads[k], tol, `${name} grad ${k}`),
          );
          const weightGrads = vars.map((v) => grads[v.name]);
          for (const [k, pick] of Object.entries(setup.weightGrads)) {
            expectGolden(pick(weightGrads), c.grads[k], tol, `${name} grad ${k}`);
          }
          setup.after?.(c, tol);
        } finally {
          tl.dispose(watched);
        }
      });
      tl.dispose(weights);
      target.dispose();
      expect(tl.memory().numTensors).toBe(before);
    });
  }
});
