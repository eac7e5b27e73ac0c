// The MNIST MLP of DESIGN §8 (784-256-128-10): one epoch on 10k training images reaches ≥ 90%
// accuracy on the 10k test images.
import '@tensile/backend-cpu';
import * as tl from '@tensile/core';
import { adam } from '@tensile/optimizers';
import { expect, it } from 'vitest';
import { layers, sequential } from '../../src/index.js';
import { loadMnist } from '../helpers/mnist.js';

it('MNIST MLP 784-256-128-10: 235,146 parameters, ≥ 90% test accuracy after one epoch on 10k images', async () => {
  tl.setSeed(2024);
  const train = loadMnist('train', 10_000);
  const test = loadMnist('t10k', 10_000);
  const y = tl.oneHot(train.labels, 10);
  const yTest = tl.oneHot(test.labels, 10);
  const m = sequential([
    layers.dense({ units: 256, activation: 'relu', inputShape: [784] }),
    layers.dense({ units: 128, activation: 'relu' }),
    layers.dense({ units: 10, activation: 'softmax' }),
  ]);
  expect(m.countParams()).toBe(235_146);
  expect(m.summary(null)).toMatch(/Total params: 235,146/);
  m.compile({
    optimizer: adam({ lr: 2e-3 }),
    loss: 'categoricalCrossentropy',
    metrics: ['accuracy'],
  });
  const before = tl.memory().numTensors;
  const started = performance.now();
  const history = await m.fit(train.x, y, { epochs: 1, batchSize: 128, verbose: 0 });
  const seconds = (performance.now() - started) / 1000;
  const { accuracy, loss } = await m.evaluate(test.x, yTest, { batchSize: 1000 });
  expect(tl.memory().numTensors).toBe(before);
  console.log(
    `MNIST 1 epoch (10k images, batch 128): train loss ${history.history.loss[0].toFixed(4)}, train accuracy ${history.history.accuracy[0].toFixed(4)}, test loss ${loss.toFixed(4)}, test accuracy ${accuracy.toFixed(4)}, fit ${seconds.toFixed(2)} s`,
  );
  expect(accuracy).toBeGreaterThanOrEqual(0.9);
  tl.dispose([train.x, train.labels, test.x, test.labels, y, yTest]);
  m.dispose();
}, 120_000);
