import { describe, expect, it } from 'vitest';
import { ValueError } from '@tensile/core';
import {
  Accuracy,
  F1,
  LogLoss,
  MetricCollection,
  RocAuc,
  TopKAccuracy,
  accuracy,
  f1,
  logLoss,
  rocAuc,
} from '../src/index.js';
import { randomLabels, randomProbs, rng } from './helpers.js';

const random = rng(99);
const yTrue = randomLabels(random, 50, 3);
const yProb = randomProbs(random, 50, 3);
const yPred = yProb.map((row) => row.indexOf(Math.max(...row)));

describe('MetricCollection', () => {
  it('updates every metric with the prediction it takes', () => {
    const metrics = new MetricCollection({
      acc: new Accuracy(),
      f1: new F1({ average: 'macro' }),
      auc: new RocAuc(),
      loss: new LogLoss(),
    });
    metrics.update(yTrue.slice(0, 20), { labels: yPred.slice(0, 20), scores: yProb.slice(0, 20) });
    metrics.update(yTrue.slice(20), { labels: yPred.slice(20), scores: yProb.slice(20) });
    const result = metrics.compute();
    expect(result.acc).toBe(accuracy(yTrue, yPred));
    expect(result.f1).toBeCloseTo(f1(yTrue, yPred, { average: 'macro' }), 14);
    expect(result.auc).toBeCloseTo(rocAuc(yTrue, yProb), 14);
    expect(result.loss).toBeCloseTo(logLoss(yTrue, yProb), 14);
  });

  it('passes one input to all when the metrics take the same', () => {
    const metrics = new MetricCollection({
      top1: new TopKAccuracy({ k: 1 }),
      top2: new TopKAccuracy(),
    });
    const r = metrics.update(yTrue, yProb).compute();
    expect(r.top1).toBe(accuracy(yTrue, yPred));
    expect(r.top2).toBeGreaterThanOrEqual(r.top1);
  });

  it('merges, resets and checks its members', () => {
    const make = (): MetricCollection<{ acc: Accuracy; auc: RocAuc }> =>
      new MetricCollection({ acc: new Accuracy(), auc: new RocAuc() });
    const a = make().update(yTrue.slice(0, 25), {
      labels: yPred.slice(0, 25),
      scores: yProb.slice(0, 25),
    });
    const b = make().update(yTrue.slice(25), { labels: yPred.slice(25), scores: yProb.slice(25) });
    expect(a.merge(b).compute().acc).toBe(accuracy(yTrue, yPred));
    expect(a.reset().metrics.acc.numSamples).toBe(0);
    expect(() => a.merge(new MetricCollection({ acc: new Accuracy() }) as never)).toThrow(
      /different metrics/,
    );
    expect(() => a.update(yTrue, { labels: yPred })).toThrow(
      "MetricCollection.update: metric 'auc' (RocAuc) takes scores but yPred has no 'scores' entry",
    );
    const shared = new Accuracy();
    expect(() => new MetricCollection({ a: shared, b: shared })).toThrow(ValueError);
    expect(() => new MetricCollection({})).toThrow(ValueError);
  });
});
