// fit: convergence on toy problems, batch / mini-batch / stochastic GD, streaming epoch metrics,
// determinism, NaN handling, class weights, freezing, and memory balance.
import '@tensile/backend-cpu';
import type { Tensor } from '@tensile/core';
import * as tl from '@tensile/core';
import { adam, sgd } from '@tensile/optimizers';
import { describe, expect, it } from 'vitest';
import type { LayersModel } from '../../src/index.js';
import { callbacks, input, layers, losses, model, sequential } from '../../src/index.js';
import { spiral, xor } from '../helpers/data.js';

function mlp(
  hidden: number[],
  inputs: number,
  outputs: number,
  activation: 'softmax' | 'sigmoid' | 'linear',
) {
  return sequential([
    ...hidden.map((units, i) =>
      layers.dense({ units, activation: 'relu', ...(i === 0 ? { inputShape: [inputs] } : {}) }),
    ),
    layers.dense({
      units: outputs,
      activation,
      ...(hidden.length === 0 ? { inputShape: [inputs] } : {}),
    }),
  ]);
}

const weightsOf = (m: LayersModel): Float32Array[] =>
  m.weights.map((w) => Float32Array.from(w.variable.dataSync() as Float32Array));

describe('fit', () => {
  it('learns the three-arm spiral to ≥ 99% accuracy (mini-batch Adam, softmax + cross-entropy)', async () => {
    tl.setSeed(7);
    const { x, labels } = spiral(100);
    const y = tl.oneHot(labels, 3);
    const m = mlp([64, 64], 2, 3, 'softmax');
    m.compile({
      optimizer: adam({ lr: 0.01 }),
      loss: 'categoricalCrossentropy',
      metrics: ['accuracy'],
    });
    const history = await m.fit(x, y, { epochs: 60, batchSize: 32, verbose: 0 });
    const { accuracy } = await m.evaluate(x, y);
    expect(accuracy).toBeGreaterThanOrEqual(0.99);
    expect(history.history.loss[59]).toBeLessThan(history.history.loss[0] / 10);
    tl.dispose([x, labels, y]);
    m.dispose();
  });

  it('learns XOR to ≥ 99% accuracy (mini-batches, sigmoid + binary cross-entropy)', async () => {
    tl.setSeed(11);
    const { x, y } = xor(400);
    const m = mlp([16, 16], 2, 1, 'sigmoid');
    m.compile({ optimizer: adam({ lr: 0.02 }), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
    await m.fit(x, y, { epochs: 60, batchSize: 50, verbose: 0 });
    const { accuracy } = await m.evaluate(x, y);
    expect(accuracy).toBeGreaterThanOrEqual(0.99);
    const p = m.predict(x);
    expect(p.shape).toEqual([400, 1]);
    expect(Math.max(...p.dataSync())).toBeLessThanOrEqual(1);
    tl.dispose([x, y, p]);
    m.dispose();
  });

  it('does batch, mini-batch and stochastic GD by batchSize', async () => {
    const x = tl.randomNormal([10, 3], 0, 1, 'float32', 1);
    const y = tl.randomNormal([10, 1], 0, 1, 'float32', 2);
    for (const [batchSize, steps] of [
      [10, 1],
      [64, 1],
      [4, 3],
      [1, 10],
    ]) {
      const m = mlp([], 3, 1, 'linear');
      m.compile({ optimizer: sgd({ lr: 0.01 }), loss: 'mse' });
      const sizes: number[] = [];
      await m.fit(x, y, {
        epochs: 2,
        batchSize,
        verbose: 0,
        callbacks: [{ onBatchEnd: (_b, logs) => void sizes.push(logs.size) }],
      });
      expect(sizes.length).toBe(2 * steps);
      expect(sizes.slice(0, steps).reduce((a, b) => a + b)).toBe(10);
      expect(m.optimizer?.iterations).toBe(2 * steps);
      m.dispose();
    }
    tl.dispose([x, y]);
  });

  it('one full-batch step equals w − lr·∇L(w)', async () => {
    const x = tl.randomNormal([8, 3], 0, 1, 'float32', 3);
    const y = tl.randomNormal([8, 2], 0, 1, 'float32', 4);
    const m = mlp([], 3, 2, 'linear');
    m.compile({ optimizer: sgd({ lr: 0.1 }), loss: 'mse' });
    const [kernel, bias] = m.getWeights();
    const expected = tl.tidy(() => {
      const [gk, gb] = tl.grads((k: Tensor, b: Tensor) =>
        losses.meanSquaredError(y, tl.add(tl.matMul(x, k), b)),
      )([kernel, bias]);
      return [tl.sub(kernel, tl.mul(gk, 0.1)), tl.sub(bias, tl.mul(gb, 0.1))];
    });
    await m.fit(x, y, { epochs: 1, batchSize: 8, shuffle: false, verbose: 0 });
    m.weights.forEach((w, i) => {
      const got = w.variable.dataSync();
      const want = expected[i].dataSync();
      for (let j = 0; j < want.length; j++) expect(got[j]).toBeCloseTo(want[j], 6);
    });
    tl.dispose([x, y, kernel, bias, ...expected]);
    m.dispose();
  });

  it('epoch metrics stream over the whole epoch (not a mean of batch values)', async () => {
    // lr = 0 keeps the weights fixed, so the epoch values must equal those over the whole data.
    tl.setSeed(3);
    const { x, labels } = spiral(7);
    const y = tl.oneHot(labels, 3);
    const m = mlp([8], 2, 3, 'softmax');
    m.compile({
      optimizer: sgd({ lr: 0 }),
      loss: 'categoricalCrossentropy',
      metrics: ['accuracy', 'f1'],
    });
    const batchAccuracies: number[] = [];
    const history = await m.fit(x, y, {
      epochs: 1,
      batchSize: 8,
      verbose: 0,
      callbacks: [{ onBatchEnd: (_b, logs) => void batchAccuracies.push(logs.accuracy) }],
    });
    const whole = await m.evaluate(x, y);
    expect(history.history.accuracy[0]).toBeCloseTo(whole.accuracy, 12);
    expect(history.history.f1[0]).toBeCloseTo(whole.f1, 12);
    expect(history.history.loss[0]).toBeCloseTo(whole.loss, 5);
    // The running value after the last batch is the epoch value.
    expect(batchAccuracies[batchAccuracies.length - 1]).toBeCloseTo(whole.accuracy, 12);
    tl.dispose([x, labels, y]);
    m.dispose();
  });

  it('same seed → bit-identical weights after training (shuffling and dropout included)', async () => {
    const run = async () => {
      tl.setSeed(123);
      const m = sequential([
        layers.dense({ units: 8, activation: 'relu', inputShape: [3] }),
        layers.dropout({ rate: 0.3 }),
        layers.dense({ units: 1 }),
      ]);
      m.compile({ optimizer: adam({ lr: 0.01 }), loss: 'mse' });
      const x = tl.randomNormal([20, 3]);
      const y = tl.randomNormal([20, 1]);
      await m.fit(x, y, { epochs: 3, batchSize: 5, verbose: 0 });
      const w = weightsOf(m);
      tl.dispose([x, y]);
      m.dispose();
      return w;
    };
    const a = await run();
    const b = await run();
    a.forEach((w, i) => expect(Array.from(w)).toEqual(Array.from(b[i])));
  });

  it('leaves memory().numTensors unchanged across fit (epochs, validation, callbacks), evaluate and predict', async () => {
    tl.setSeed(5);
    const m = sequential([
      layers.dense({ units: 8, activation: 'relu', inputShape: [4] }),
      layers.batchNormalization(),
      layers.dropout({ rate: 0.2 }),
      layers.dense({ units: 3, activation: 'softmax' }),
    ]);
    m.compile({
      optimizer: adam({ lr: 0.01 }),
      loss: 'sparseCategoricalCrossentropy',
      metrics: ['accuracy', 'rocAuc'],
    });
    const x = tl.randomNormal([40, 4]);
    const y = tl.tensor(
      Int32Array.from({ length: 40 }, (_, i) => i % 3),
      [40],
      'int32',
    );
    const vx = tl.randomNormal([9, 4]);
    const vy = tl.tensor(
      Int32Array.from({ length: 9 }, (_, i) => i % 3),
      [9],
      'int32',
    );
    const before = tl.memory().numTensors;
    await m.fit(x, y, {
      epochs: 3,
      batchSize: 16,
      verbose: 0,
      validationSplit: 0.25,
      callbacks: [
        callbacks.earlyStopping({ patience: 5, restoreBestWeights: true }),
        callbacks.reduceLROnPlateau({ patience: 1 }),
      ],
    });
    expect(tl.memory().numTensors).toBe(before);
    await m.fit(x, y, {
      epochs: 2,
      batchSize: 7,
      verbose: 0,
      validationData: [vx, vy],
      classWeight: { 0: 2, 1: 1 },
    });
    expect(tl.memory().numTensors).toBe(before);
    await m.evaluate(x, y, { batchSize: 16 });
    expect(tl.memory().numTensors).toBe(before);
    const p = m.predict(x, { batchSize: 16 });
    expect(p.shape).toEqual([40, 3]);
    p.dispose();
    expect(tl.memory().numTensors).toBe(before);
    const bn = m.layers[1];
    const out = bn.apply(tl.keep(tl.randomNormal([5, 8])), { training: true });
    out.dispose();
    tl.dispose([x, y, vx, vy]);
    m.dispose();
  });

  it('a layer called with training: true leaves memory().numTensors unchanged', () => {
    const layerList = [
      layers.dense({ units: 4, inputShape: [3] }),
      layers.batchNormalization(),
      layers.dropout({ rate: 0.5 }),
      layers.alphaDropout({ rate: 0.2 }),
      layers.activation({ activation: 'rrelu' }),
    ];
    const x = tl.randomNormal([6, 3]);
    let h = x;
    for (const layer of layerList) {
      layer.apply(h, { training: true }).dispose(); // builds
      const before = tl.memory().numTensors;
      const out = layer.apply(h, { training: true });
      out.dispose();
      expect(tl.memory().numTensors).toBe(before);
      h = h === x ? tl.keep(layer.apply(x)) : h;
    }
    tl.dispose([x, h]);
    for (const l of layerList) l.dispose();
  });

  it('stops on a NaN loss with a NonFiniteError, keeping the weights of the last good epoch', async () => {
    const x = tl.randomNormal([12, 2], 0, 1, 'float32', 8);
    const y = tl.randomNormal([12, 1], 0, 1, 'float32', 9);
    let calls = 0;
    // NaN from the third epoch's second batch on (3 batches per epoch).
    const flaky = (yTrue: Tensor, yPred: Tensor) => {
      const l = losses.meanSquaredError(yTrue, yPred, { reduction: 'none' });
      return ++calls >= 8 ? tl.mul(l, NaN) : l;
    };
    const m = mlp([4], 2, 1, 'linear');
    m.compile({ optimizer: adam({ lr: 0.05 }), loss: flaky });
    let afterEpoch2: Float32Array[] = [];
    const err = await m
      .fit(x, y, {
        epochs: 5,
        batchSize: 4,
        verbose: 0,
        callbacks: [
          { onEpochEnd: (e) => void (e === 1 ? (afterEpoch2 = weightsOf(m)) : undefined) },
        ],
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(tl.NonFiniteError);
    expect(String(err)).toMatch(/loss became NaN at epoch 3, batch 2/);
    weightsOf(m).forEach((w, i) => expect(Array.from(w)).toEqual(Array.from(afterEpoch2[i])));
    // terminateOnNaN ends training quietly instead, with the same weights.
    calls = 0;
    const before = weightsOf(m);
    const stopper = callbacks.terminateOnNaN();
    const history = await m.fit(x, y, {
      epochs: 5,
      batchSize: 4,
      verbose: 0,
      callbacks: [stopper],
    });
    expect(history.epoch).toEqual([0, 1]);
    expect(stopper.terminatedAtBatch).toBe(1);
    expect(weightsOf(m)[0]).not.toEqual(before[0]);
    tl.dispose([x, y]);
    m.dispose();
  });

  it('computes softmax + categorical cross-entropy from the logits (finite where log(softmax) underflows)', async () => {
    const m = mlp([], 2, 3, 'softmax');
    m.compile({ optimizer: sgd({ lr: 0 }), loss: 'categoricalCrossentropy' });
    m.setWeights([
      tl.tensor([
        [200, -200, 0],
        [0, 0, 0],
      ]),
      tl.zeros([3]),
    ]);
    const x = tl.tensor([[1, 0]]);
    const y = tl.tensor([[0, 1, 0]]);
    const h = await m.fit(x, y, { epochs: 1, verbose: 0 });
    expect(h.history.loss[0]).toBeCloseTo(400, 3);
    const { loss } = await m.evaluate(x, y);
    expect(loss).toBeCloseTo(400, 3);
    // The probabilities underflow: the loss on them is what torch would give (Infinity).
    const p = m.predict(x);
    expect(losses.categoricalCrossentropy(y, p).dataSync()[0]).toBe(Infinity);
    tl.dispose([x, y, p]);
    m.dispose();
  });

  it('weights samples by classWeight (torch weighted mean Σw·l/Σw)', async () => {
    const x = tl.tensor([[1], [2], [3], [4]]);
    const y = tl.tensor(Int32Array.from([0, 1, 1, 0]), [4], 'int32');
    const m = mlp([], 1, 2, 'softmax');
    m.compile({ optimizer: sgd({ lr: 0 }), loss: 'sparseCategoricalCrossentropy' });
    const h = await m.fit(x, y, {
      epochs: 1,
      batchSize: 4,
      verbose: 0,
      classWeight: { 0: 3, 1: 0 },
    });
    const expected = tl.tidy(() => {
      const per = losses
        .sparseCategoricalCrossentropy(y, m.apply(x), { reduction: 'none' })
        .dataSync();
      return (3 * per[0] + 3 * per[3]) / 6;
    });
    expect(h.history.loss[0]).toBeCloseTo(expected, 5);
    tl.dispose([x, y]);
    m.dispose();
  });

  it('freezes layers for transfer learning (trainable = false)', async () => {
    const m = sequential([
      layers.dense({ units: 4, activation: 'relu', inputShape: [3] }),
      layers.batchNormalization(),
      layers.dense({ units: 2 }),
    ]);
    m.compile({ optimizer: adam({ lr: 0.1 }), loss: 'mse' });
    m.layers[0].trainable = false;
    m.layers[1].trainable = false;
    expect(m.trainableWeights.map((w) => w.path)).toEqual([
      `${m.layers[2].name}/kernel`,
      `${m.layers[2].name}/bias`,
    ]);
    expect(m.summary(null)).toMatch(/Non-trainable params: 32/);
    const frozen = weightsOf(m).slice(0, 6);
    const x = tl.randomNormal([16, 3]);
    const y = tl.randomNormal([16, 2]);
    await m.fit(x, y, { epochs: 2, batchSize: 4, verbose: 0 });
    // Frozen weights (and a frozen batch norm's running statistics) are untouched.
    weightsOf(m)
      .slice(0, 6)
      .forEach((w, i) => expect(Array.from(w)).toEqual(Array.from(frozen[i])));
    expect(Array.from(weightsOf(m)[6])).not.toEqual(Array.from(frozen[0]).slice(0, 8));
    m.layers[0].trainable = true;
    await m.fit(x, y, { epochs: 1, batchSize: 4, verbose: 0 });
    expect(m.optimizer?.names.length).toBe(4);
    tl.dispose([x, y]);
    m.dispose();
  });

  it('trains a functional model with two inputs and a residual connection', async () => {
    const a = input({ shape: [3] });
    const b = input({ shape: [3] });
    const merged = layers.add().apply([a, b]);
    const hidden = layers.dense({ units: 3, activation: 'tanh' }).apply(merged);
    const out = layers.dense({ units: 1 }).apply(layers.add().apply([merged, hidden]));
    const m = model({ inputs: [a, b], outputs: out });
    m.compile({ optimizer: adam({ lr: 0.05 }), loss: 'mse', metrics: ['mae'] });
    const xa = tl.randomNormal([32, 3], 0, 1, 'float32', 1);
    const xb = tl.randomNormal([32, 3], 0, 1, 'float32', 2);
    const y = tl.tidy(() => tl.sum(tl.mul(tl.add(xa, xb), 0.5), 1, true));
    const h = await m.fit([xa, xb], y, { epochs: 40, batchSize: 8, verbose: 0 });
    expect(h.history.loss[39]).toBeLessThan(h.history.loss[0] / 5);
    expect(h.history.mae.length).toBe(40);
    const p = m.predict([xa, xb], { batchSize: 5 });
    expect(p.shape).toEqual([32, 1]);
    tl.dispose([xa, xb, y, p]);
    m.dispose();
  });

  it('trains embedding + LSTM on int32 sequences and a small conv net on images', async () => {
    tl.setSeed(21);
    // Class = whether token 1 occurs in the sequence.
    const tokens = Int32Array.from({ length: 64 * 6 }, (_, i) => (i * 7 + (i >> 3)) % 4);
    const labels = Int32Array.from({ length: 64 }, (_, b) =>
      tokens.subarray(b * 6, b * 6 + 6).includes(1) ? 1 : 0,
    );
    const text = sequential([
      layers.embedding({ inputDim: 4, outputDim: 4, inputShape: [6] }),
      layers.lstm({ units: 8 }),
      layers.dense({ units: 2, activation: 'softmax' }),
    ]);
    text.compile({
      optimizer: adam({ lr: 0.05 }),
      loss: 'sparseCategoricalCrossentropy',
      metrics: ['accuracy'],
    });
    const x = tl.tensor(tokens, [64, 6], 'int32');
    const y = tl.tensor(labels, [64], 'int32');
    const h = await text.fit(x, y, { epochs: 15, batchSize: 16, verbose: 0 });
    expect(h.history.loss[14]).toBeLessThan(h.history.loss[0]);
    const images = sequential([
      layers.conv2d({
        filters: 4,
        kernelSize: 3,
        padding: 'same',
        activation: 'relu',
        inputShape: [6, 6, 1],
      }),
      layers.maxPooling2d(),
      layers.flatten(),
      layers.dense({ units: 2, activation: 'softmax' }),
    ]);
    images.compile({
      optimizer: adam({ lr: 0.02 }),
      loss: 'categoricalCrossentropy',
      metrics: ['accuracy'],
    });
    const pics = tl.randomNormal([32, 6, 6, 1], 0, 1, 'float32', 3);
    const classes = tl.tidy(() =>
      tl.oneHot(
        tl.cast(
          tl.greater(tl.sum(tl.slice(pics, [0, 0, 0, 0], [32, 3, 6, 1]), [1, 2, 3]), 0),
          'int32',
        ),
        2,
      ),
    );
    const hi = await images.fit(pics, classes, { epochs: 10, batchSize: 8, verbose: 0 });
    expect(hi.history.loss[9]).toBeLessThan(hi.history.loss[0]);
    tl.dispose([x, y, pics, classes]);
    text.dispose();
    images.dispose();
  });

  it('builds a Sequential model without inputShape from the first data', async () => {
    const m = sequential([layers.dense({ units: 2 }), layers.dense({ units: 1 })]);
    expect(m.built).toBe(false);
    // By name an optimizer takes its defaults, and SGD has no default lr (PyTorch).
    expect(() => m.compile({ optimizer: 'sgd', loss: 'mse' })).toThrow(/lr is required/);
    m.compile({ optimizer: 'adam', loss: 'mse' });
    const x = tl.randomNormal([4, 5]);
    const y = tl.zeros([4, 1]);
    m.compile({ optimizer: sgd({ lr: 0.1 }), loss: 'mse' });
    await m.fit(x, y, { verbose: 0 });
    expect(m.built).toBe(true);
    expect(m.countParams()).toBe(5 * 2 + 2 + 2 + 1);
    tl.dispose([x, y]);
    m.dispose();
  });

  it('rejects bad arguments with clear errors', async () => {
    const m = mlp([], 2, 1, 'linear');
    const x = tl.zeros([4, 2]);
    const y = tl.zeros([4, 1]);
    await expect(m.fit(x, y)).rejects.toThrow(/must be compiled first/);
    m.compile({ optimizer: sgd({ lr: 0.1 }), loss: 'mse' });
    await expect(m.fit(x, y, { epoch: 3 } as never)).rejects.toThrow(/unknown option 'epoch'/);
    await expect(m.fit(x, y, { validationSplit: 1.5 })).rejects.toThrow(/validationSplit/);
    await expect(m.fit(x, tl.zeros([3, 1]), { verbose: 0 })).rejects.toThrow(
      /y has 3 samples but x has 4/,
    );
    await expect(m.fit(tl.zeros([4, 3]), y, { verbose: 0 })).rejects.toThrow(
      /expects shape \[-1,2\]/,
    );
    await expect(m.fit(x, y, { batchSize: 0 })).rejects.toThrow(/batchSize/);
    expect(() => m.compile({ optimizer: sgd({ lr: 0.1 }), loss: 'crossEntropy' })).toThrow(
      /one of meanSquaredError/,
    );
    expect(() => m.compile({ optimizer: {} as never, loss: 'mse' })).toThrow(
      /gradient transformation/,
    );
    expect(() =>
      m.compile({ optimizer: sgd({ lr: 0.1 }), loss: 'mse', metrics: ['accuracyy'] }),
    ).toThrow(/metrics\[0\]/);
    tl.dispose([x, y]);
    m.dispose();
  });
});
