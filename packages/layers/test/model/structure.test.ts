// Models as structures: summary tables, weights in order, getWeights/setWeights, functional graph
// checks, multi-output application and batched prediction.
import '@tensile/backend-cpu';
import * as tl from '@tensile/core';
import { describe, expect, it } from 'vitest';
import { input, layers, model, sequential } from '../../src/index.js';

describe('model structure', () => {
  it("summary: Keras's table with output shapes and parameter counts", () => {
    const m = sequential([
      layers.dense({ units: 256, activation: 'relu', inputShape: [784], name: 'hidden1' }),
      layers.dropout({ rate: 0.4 }),
      layers.dense({ units: 128, activation: 'relu', name: 'hidden2' }),
      layers.dense({ units: 10, activation: 'softmax', name: 'out' }),
    ]);
    const text = m.summary(null);
    expect(text).toMatch(/^Model: "sequential(_\d+)?"/);
    expect(text).toMatch(/hidden1 \(Dense\) +\(None, 256\) +200,960/);
    expect(text).toMatch(/dropout(_\d+)? \(Dropout\) +\(None, 256\) +0/);
    expect(text).toMatch(/hidden2 \(Dense\) +\(None, 128\) +32,896/);
    expect(text).toMatch(/out \(Dense\) +\(None, 10\) +1,290/);
    expect(text).toMatch(
      /Total params: 235,146\nTrainable params: 235,146\nNon-trainable params: 0/,
    );
    const lines: string[] = [];
    m.summary((l) => lines.push(l));
    expect(lines).toEqual([text]);
    m.dispose();
  });

  it('a functional summary lists inputs and marks shared layers', () => {
    const x = input({ shape: [4], name: 'features' });
    const shared = layers.dense({ units: 4, name: 'shared' });
    const y = layers.add().apply([shared.apply(x), shared.apply(shared.apply(x))]);
    const m = model({ inputs: x, outputs: y, name: 'siamese' });
    const text = m.summary(null);
    expect(text).toMatch(/Model: "siamese"/);
    expect(text).toMatch(/features \(InputLayer\) +\(None, 4\) +0/);
    expect(text).toMatch(/shared \(Dense\) +multiple +20/);
    expect(m.countParams()).toBe(20);
    m.dispose();
  });

  it('getWeights/setWeights in layer order; copies are independent of the model', () => {
    const m = sequential([
      layers.dense({ units: 2, inputShape: [2] }),
      layers.batchNormalization(),
    ]);
    const w = m.getWeights();
    expect(w.map((t) => t.shape)).toEqual([[2, 2], [2], [2], [2], [2], [2]]);
    expect(m.weights.map((x) => x.name)).toEqual([
      'kernel',
      'bias',
      'gamma',
      'beta',
      'movingMean',
      'movingVariance',
    ]);
    const fresh = w.map((t) => tl.keep(tl.add(t, 1)));
    m.setWeights(fresh);
    expect(m.weights[1].variable.dataSync()[0]).toBe(1);
    expect(w[1].dataSync()[0]).toBe(0);
    expect(() => m.setWeights(fresh.slice(1))).toThrow(/the model has 6 weights, got 5/);
    tl.dispose([...w, ...fresh]);
    m.dispose();
  });

  it('checks the functional graph: inputs from input(), connected outputs, unique layer names', () => {
    const a = input({ shape: [2] });
    const b = input({ shape: [2] });
    const out = layers.add().apply([a, b]);
    expect(() => model({ inputs: a, outputs: out })).toThrow(
      /depend on input '.*', which is not among the model's inputs/,
    );
    const h = layers.dense({ units: 2 }).apply(a);
    expect(() => model({ inputs: h, outputs: h })).toThrow(
      /inputs\[0\] must come from input\(\{shape\}\)/,
    );
    const d = layers.dense({ units: 2, name: 'same' }).apply(a);
    const e = layers.dense({ units: 2, name: 'same' }).apply(d);
    expect(() => model({ inputs: a, outputs: e })).toThrow(/two layers are named 'same'/);
    expect(() =>
      sequential([layers.dense({ units: 1, name: 'x' }), layers.dense({ units: 1, name: 'x' })]),
    ).toThrow(/already has a layer named 'x'/);
    expect(() =>
      sequential([
        layers.dense({ units: 1, inputShape: [2] }),
        layers.dense({ units: 1, inputShape: [1] }),
      ]),
    ).toThrow(/only the first layer may set inputShape/);
  });

  it('applies multi-output models; predict batches give what one pass gives', async () => {
    const x = input({ shape: [3] });
    const [seq, h, c] = layers
      .lstm({ units: 2, returnSequences: true, returnState: true })
      .applyMulti(layers.reshape({ targetShape: [3, 1] }).apply(x));
    const m = model({ inputs: x, outputs: [seq, h, c] });
    tl.tidy(() => {
      const data = tl.randomNormal([7, 3], 0, 1, 'float32', 1);
      const outs = m.applyMulti(data);
      expect(outs.map((t) => t.shape)).toEqual([
        [7, 3, 2],
        [7, 2],
        [7, 2],
      ]);
      expect(() => m.apply(data)).toThrow(/has 3 outputs; use applyMulti/);
      expect(() => m.predict(data)).toThrow(/has 3 outputs/);
    });
    m.compile({ optimizer: 'adam', loss: 'mse' });
    const data = tl.ones([2, 3]);
    await expect(m.evaluate(data, data)).rejects.toThrow(
      /evaluate supports models with one output/,
    );
    await expect(m.fit(data, data)).rejects.toThrow(/fit supports models with one output/);
    data.dispose();
    const single = sequential([layers.dense({ units: 3, activation: 'tanh', inputShape: [4] })]);
    tl.tidy(() => {
      const data = tl.randomNormal([10, 4], 0, 1, 'float32', 2);
      const whole = single.apply(data).dataSync();
      const batched = single.predict(data, { batchSize: 3 }).dataSync();
      expect(Array.from(batched)).toEqual(Array.from(whole));
    });
    m.dispose();
    single.dispose();
  });
});
