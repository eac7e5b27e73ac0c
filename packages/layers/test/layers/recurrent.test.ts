// GRU and SimpleRNN against independent float64 references written from torch's equations in
// torch's layout (GRU blocks r, z, n; two biases), mapped to Keras's layout; LSTM's unit forget
// bias; sequence options (returnSequences, returnState, goBackwards, initial state, any length).
import '@tensile/backend-cpu';
import type { Tensor } from '@tensile/core';
import * as tl from '@tensile/core';
import { describe, expect, it } from 'vitest';
import { input, layers } from '../../src/index.js';

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

/** x·Wᵀ for one sample: W [rows, cols] row-major, x [cols]. */
function affine(
  w: ArrayLike<number>,
  rows: number,
  cols: number,
  x: ArrayLike<number>,
  b: ArrayLike<number>,
): number[] {
  return Array.from({ length: rows }, (_, r) => {
    let s = b[r];
    for (let c = 0; c < cols; c++) s += w[r * cols + c] * x[c];
    return s;
  });
}

/** torch.nn.GRU for one sample: gates r, z, n; n = tanh(W_in x + b_in + r·(W_hn h + b_hn)). */
function torchGru(
  x: number[][],
  h0: number[],
  wIh: Float32Array,
  wHh: Float32Array,
  bIh: Float32Array,
  bHh: Float32Array,
) {
  const hidden = h0.length;
  const inputs = x[0].length;
  let h = h0;
  const out: number[][] = [];
  for (const xt of x) {
    const gi = affine(wIh, 3 * hidden, inputs, xt, bIh);
    const gh = affine(wHh, 3 * hidden, hidden, h, bHh);
    h = h.map((hj, j) => {
      const r = sigmoid(gi[j] + gh[j]);
      const z = sigmoid(gi[hidden + j] + gh[hidden + j]);
      const n = Math.tanh(gi[2 * hidden + j] + r * gh[2 * hidden + j]);
      return (1 - z) * n + z * hj;
    });
    out.push(h);
  }
  return out;
}

/** Keras's GRU blocks are z, r, h: rows of torch's [r; z; n] reordered, transposed. */
function toKeras(w: Tensor): Tensor {
  const [r, z, n] = tl.split(w, 3, 0);
  return tl.transpose(tl.concat([z, r, n], 0));
}

function close(actual: ArrayLike<number>, expected: number[], digits = 5) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i], digits);
}

describe('recurrent layers', () => {
  it("gru (resetAfter, Keras layout) equals torch's nn.GRU", () => {
    const [batch, time, inputs, hidden] = [2, 4, 3, 5];
    tl.tidy(() => {
      const wIh = tl.randomNormal([3 * hidden, inputs], 0, 0.5, 'float32', 1);
      const wHh = tl.randomNormal([3 * hidden, hidden], 0, 0.5, 'float32', 2);
      const bIh = tl.randomNormal([3 * hidden], 0, 0.5, 'float32', 3);
      const bHh = tl.randomNormal([3 * hidden], 0, 0.5, 'float32', 4);
      const x = tl.randomNormal([batch, time, inputs], 0, 1, 'float32', 5);
      const h0 = tl.randomNormal([batch, hidden], 0, 1, 'float32', 6);
      const layer = layers.gru({ units: hidden, returnSequences: true });
      layer.apply(x, { initialState: [h0] });
      const reorder = (b: Tensor) => {
        const [r, z, n] = tl.split(b, 3);
        return tl.concat([z, r, n]);
      };
      layer.setWeights([toKeras(wIh), toKeras(wHh), tl.stack([reorder(bIh), reorder(bHh)])]);
      const y = layer.apply(x, { initialState: [h0] }).dataSync();
      const xs = x.arraySync() as number[][][];
      const hs = h0.arraySync() as number[][];
      for (let b = 0; b < batch; b++) {
        const expected = torchGru(
          xs[b],
          hs[b],
          wIh.dataSync() as Float32Array,
          wHh.dataSync() as Float32Array,
          bIh.dataSync() as Float32Array,
          bHh.dataSync() as Float32Array,
        );
        close(y.subarray(b * time * hidden, (b + 1) * time * hidden), expected.flat());
      }
      layer.dispose();
    });
  });

  it('simpleRNN computes h = tanh(x·W + h·U + b)', () => {
    tl.tidy(() => {
      const layer = layers.simpleRNN({ units: 2, kernelInitializer: 'glorotNormal' });
      const x = tl.tensor([
        [
          [1, 0],
          [0.5, -1],
          [2, 1],
        ],
      ]);
      const y = layer.apply(x);
      const [w, u, b] = layer.getWeights().map((t) => t.arraySync() as number[][] & number[]);
      let h = [0, 0];
      for (const xt of [
        [1, 0],
        [0.5, -1],
        [2, 1],
      ]) {
        h = [0, 1].map((j) =>
          Math.tanh(
            xt[0] * w[0][j] +
              xt[1] * w[1][j] +
              h[0] * u[0][j] +
              h[1] * u[1][j] +
              (b as unknown as number[])[j],
          ),
        );
      }
      close(y.dataSync(), h);
      layer.dispose();
    });
  });

  it('lstm: the forget gate bias starts at 1 (unitForgetBias), others at the bias initializer', () => {
    const layer = layers.lstm({ units: 3 });
    tl.tidy(() => void layer.apply(tl.ones([1, 2, 4])));
    expect(Array.from(layer.bias?.dataSync() ?? [])).toEqual([0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
    expect(layer.kernel?.shape).toEqual([4, 12]);
    expect(layer.recurrentKernel?.shape).toEqual([3, 12]);
    expect((layer.getConfig().recurrentInitializer as { name: string }).name).toBe('orthogonal');
    layer.dispose();
  });

  it('returnSequences / returnState shapes, symbolic and eager; any sequence length', () => {
    const seq = input({ shape: [null, 4] });
    const layer = layers.lstm({ units: 3, returnSequences: true, returnState: true });
    const [out, h, c] = layer.applyMulti(seq);
    expect([out.shape, h.shape, c.shape]).toEqual([
      [null, null, 3],
      [null, 3],
      [null, 3],
    ]);
    expect(() => layer.apply(seq)).toThrow(/has 3 outputs; call applyMulti/);
    tl.tidy(() => {
      for (const time of [2, 7]) {
        const [o, hT] = layer.applyMulti(tl.ones([5, time, 4]));
        expect(o.shape).toEqual([5, time, 3]);
        // The last output is the final hidden state.
        close(tl.slice(o, [0, time - 1, 0], [5, 1, 3]).dataSync(), Array.from(hT.dataSync()));
      }
      expect(() => layer.applyMulti(tl.ones([5, 2, 3]))).toThrow(/built for \(None, None, 4\)/);
      expect(() =>
        layer.applyMulti(tl.ones([2, 3, 4]), { initialState: [tl.ones([2, 2]), tl.ones([2, 3])] }),
      ).toThrow(/initial state 0 must be \[batch, 3\], got \(2, 2\)/);
    });
    layer.dispose();
  });

  it('goBackwards processes the sequence from its last step', () => {
    tl.tidy(() => {
      const x = tl.randomNormal([2, 5, 3], 0, 1, 'float32', 9);
      const forward = layers.gru({ units: 4 });
      const backward = layers.gru({ units: 4, goBackwards: true });
      forward.apply(x);
      backward.apply(x);
      backward.setWeights(forward.getWeights());
      const reversed = tl.concat(tl.split(x, 5, 1).reverse(), 1);
      close(backward.apply(x).dataSync(), Array.from(forward.apply(reversed).dataSync()), 6);
      forward.dispose();
      backward.dispose();
    });
  });

  it('gru with resetAfter = false applies the reset gate before the recurrent product', () => {
    tl.tidy(() => {
      const layer = layers.gru({ units: 2, resetAfter: false });
      const x = tl.tensor([[[0.5, -1]]]);
      layer.apply(x);
      const [w, u, b] = layer.getWeights().map((t) => t.arraySync() as number[][]);
      // One step from h = 0: z = σ(xW_z + b_z), ĥ = tanh(xW_h + b_h) (r·h = 0), h' = (1 − z)·ĥ.
      const col = (m: number[][], j: number) => 0.5 * m[0][j] - 1 * m[1][j];
      const bias = b as unknown as number[];
      const expected = [0, 1].map((j) => {
        const z = sigmoid(col(w, j) + bias[j]);
        return (1 - z) * Math.tanh(col(w, 4 + j) + bias[4 + j]);
      });
      close(layer.apply(x).dataSync(), expected);
      expect(layer.bias?.shape).toEqual([6]);
      void u;
      layer.dispose();
    });
  });
});
