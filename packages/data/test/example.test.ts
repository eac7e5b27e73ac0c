// The example at the top of docs/data.md, run as written.
import * as tl from '@tensile/core';
import '@tensile/backend-cpu';
import { expect, it } from 'vitest';
import { Dataset, spiral, standardizer, take, trainDevTestSplit } from '../src/index.js';

it('runs the docs/data.md example and leaves no tensor behind but its own', async () => {
  const before = tl.memory().numTensors;
  const { x, y } = spiral({ classes: 3, perClass: 1000, seed: 1 });
  const split = trainDevTestSplit(3000, { seed: 1, stratify: y });
  const [xTrain, yTrain, xDev] = [take(x, split.train), take(y, split.train), take(x, split.dev)];
  const scaler = standardizer().fit(xTrain);
  const xs = scaler.transform(xTrain);
  const xDevScaled = scaler.transform(xDev);
  const batches = Dataset.fromTensors({ xs, ys: yTrain }).shuffle(3000, { seed: 1 }).batch(64);
  let steps = 0;
  for await (const batch of batches) {
    steps++;
    tl.dispose(batch);
  }
  expect(steps).toBe(Math.ceil(1800 / 64));
  expect(xDevScaled.shape).toEqual([600, 2]);
  tl.dispose([x, y, xTrain, yTrain, xDev, xs, xDevScaled]);
  expect(tl.memory().numTensors).toBe(before);
});
