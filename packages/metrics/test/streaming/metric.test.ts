// The streaming contract for every metric: batch-by-batch accumulation and merging of per-batch
// instances reproduce the one-shot result; integer sample weights equal repeated samples; reset,
// merge checks, and atomic rejection of bad batches.
import { describe, expect, it } from 'vitest';
import { ShapeError, TensileError, ValueError } from '@tensile/core';
import {
  Accuracy,
  AveragePrecision,
  BalancedAccuracy,
  ConfusionMatrix,
  ExplainedVariance,
  F1,
  Fbeta,
  LogLoss,
  MeanAbsoluteError,
  MeanSquaredError,
  Precision,
  R2Score,
  Recall,
  RocAuc,
  RootMeanSquaredError,
  TopKAccuracy,
} from '../../src/index.js';
import type { Metric, MetricInput } from '../../src/index.js';
import { randomCounts, randomLabels, randomProbs, repeat, rng, splits } from '../helpers.js';

type Row = number | number[];
interface Case {
  make(): Metric;
  data(random: () => number, n: number): { yTrue: Row[]; yPred: Row[] };
}

const labelsData =
  (classes: number) =>
  (random: () => number, n: number): { yTrue: Row[]; yPred: Row[] } => {
    // Class c only appears after sample 10·c, so classes keep appearing in later batches.
    const yTrue = randomLabels(random, n, classes).map((c, i) => (i >= 10 * c ? c : 0));
    const yPred = yTrue.map((c) => (random() < 0.6 ? c : Math.floor(random() * classes)));
    return { yTrue, yPred };
  };
const probsData =
  (classes: number) =>
  (random: () => number, n: number): { yTrue: Row[]; yPred: Row[] } => ({
    yTrue: randomLabels(random, n, classes),
    yPred: randomProbs(random, n, classes),
  });
const scoreData = (random: () => number, n: number): { yTrue: Row[]; yPred: Row[] } => {
  const yTrue = randomLabels(random, n, 2);
  return { yTrue, yPred: yTrue.map((y) => Math.round((0.3 * y + 0.7 * random()) * 10) / 10) };
};
const valueData =
  (outputs: number) =>
  (random: () => number, n: number): { yTrue: Row[]; yPred: Row[] } => {
    const yTrue = Array.from({ length: n }, () =>
      Array.from({ length: outputs }, () => 5 * random()),
    );
    return { yTrue, yPred: yTrue.map((r) => r.map((v) => v + random() - 0.4)) };
  };

const cases: Record<string, Case> = {
  Accuracy: { make: () => new Accuracy(), data: labelsData(4) },
  BalancedAccuracy: { make: () => new BalancedAccuracy({ adjusted: true }), data: labelsData(4) },
  TopKAccuracy: { make: () => new TopKAccuracy({ k: 2 }), data: probsData(5) },
  'Precision macro': { make: () => new Precision({ average: 'macro' }), data: labelsData(4) },
  'Recall per class': { make: () => new Recall({ average: null }), data: labelsData(4) },
  'F1 weighted': { make: () => new F1({ average: 'weighted' }), data: labelsData(4) },
  'Fbeta micro': { make: () => new Fbeta({ beta: 2, average: 'micro' }), data: labelsData(4) },
  'Precision binary': { make: () => new Precision(), data: labelsData(2) },
  ConfusionMatrix: { make: () => new ConfusionMatrix(), data: labelsData(4) },
  LogLoss: { make: () => new LogLoss(), data: probsData(3) },
  'RocAuc binary': { make: () => new RocAuc(), data: scoreData },
  'RocAuc ovr weighted': { make: () => new RocAuc({ average: 'weighted' }), data: probsData(3) },
  'RocAuc ovr micro': { make: () => new RocAuc({ average: 'micro' }), data: probsData(3) },
  AveragePrecision: { make: () => new AveragePrecision(), data: scoreData },
  'AveragePrecision ovr': {
    make: () => new AveragePrecision({ average: null }),
    data: probsData(3),
  },
  MeanSquaredError: { make: () => new MeanSquaredError(), data: valueData(1) },
  MeanAbsoluteError: {
    make: () => new MeanAbsoluteError({ multioutput: 'raw_values' }),
    data: valueData(2),
  },
  RootMeanSquaredError: { make: () => new RootMeanSquaredError(), data: valueData(3) },
  R2Score: { make: () => new R2Score({ multioutput: 'variance_weighted' }), data: valueData(2) },
  ExplainedVariance: { make: () => new ExplainedVariance(), data: valueData(1) },
};

function expectSame(actual: unknown, expected: unknown): void {
  if (typeof expected === 'number') {
    expect(actual).toBeCloseTo(expected, 10);
  } else {
    expect(Array.isArray(actual)).toBe(true);
    const a = (actual as unknown[]).flat(2) as number[];
    const e = (expected as unknown[]).flat(2) as number[];
    expect(a.length).toBe(e.length);
    e.forEach((v, i) => expect(a[i]).toBeCloseTo(v, 10));
  }
}

const slice = (xs: Row[], from: number, to: number): MetricInput =>
  xs.slice(from, to) as MetricInput;

describe.each(Object.entries(cases))('%s', (_name, c) => {
  const random = rng(1234);
  const n = 120;
  const { yTrue, yPred } = c.data(random, n);
  const cuts = splits(random, n, 7);
  const oneShot = c
    .make()
    .update(yTrue as MetricInput, yPred as MetricInput)
    .compute();

  it('accumulates batch by batch to the one-shot value', () => {
    const m = c.make();
    for (let k = 0; k + 1 < cuts.length; k++) {
      expect(m.update(slice(yTrue, cuts[k], cuts[k + 1]), slice(yPred, cuts[k], cuts[k + 1]))).toBe(
        m,
      );
    }
    expect(m.numSamples).toBe(n);
    expectSame(m.compute(), oneShot);
  });

  it('merges per-batch instances, in any order, to the one-shot value', () => {
    const parts = cuts
      .slice(0, -1)
      .map((from, k) =>
        c.make().update(slice(yTrue, from, cuts[k + 1]), slice(yPred, from, cuts[k + 1])),
      );
    const merged = [...parts].reverse().reduce((acc, part) => acc.merge(part), c.make());
    expectSame(merged.compute(), oneShot);
    // The merged-in instances are unchanged.
    expect(parts[0].numSamples).toBe(cuts[1]);
  });

  it('weights samples exactly as repeating them', () => {
    const counts = randomCounts(random, n, 3);
    counts[0] = 1;
    const weighted = c
      .make()
      .update(yTrue as MetricInput, yPred as MetricInput, counts)
      .compute();
    const repeated = c
      .make()
      .update(repeat(yTrue, counts) as MetricInput, repeat(yPred, counts) as MetricInput);
    expectSame(weighted, repeated.compute());
  });

  it('resets to an empty state', () => {
    const m = c.make().update(yTrue as MetricInput, yPred as MetricInput);
    expect(m.reset()).toBe(m);
    expect(m.numSamples).toBe(0);
    expect(() => m.compute()).toThrow(/no samples/);
    m.update(yTrue as MetricInput, yPred as MetricInput);
    expectSame(m.compute(), oneShot);
  });
});

describe('merge', () => {
  it('refuses other classes, other options and itself', () => {
    const p = new Precision({ average: 'macro' });
    expect(() => p.merge(new Recall({ average: 'macro' }) as unknown as Precision)).toThrow(
      /Precision.merge: can only merge another Precision, got Recall/,
    );
    expect(() => p.merge(new Precision({ average: 'micro' }))).toThrow(
      /Precision.merge: options differ: Precision\(\{"average":"macro"/,
    );
    expect(() => p.merge(p)).toThrow('cannot merge a metric into itself');
  });

  it('refuses incompatible shapes without changing either side', () => {
    const a = new RocAuc().update([0, 1], [0.2, 0.8]);
    const b = new RocAuc().update(
      [0, 1, 2],
      [
        [0.2, 0.3, 0.5],
        [0.1, 0.8, 0.1],
        [0.1, 0.1, 0.8],
      ],
    );
    expect(() => a.merge(b)).toThrow(ShapeError);
    expect(a.numSamples).toBe(2);
    expect(a.compute()).toBe(1);
    const r = new MeanSquaredError().update([1], [2]);
    expect(() => r.merge(new MeanSquaredError().update([[1, 2]], [[1, 2]]))).toThrow(
      'MeanSquaredError.merge: the metrics saw 1 and 2 outputs',
    );
  });

  it('merges explicit-label metrics slot by slot and inferred ones by label', () => {
    const a = new Precision({ average: null, labels: [2, 0, 1] }).update([0, 1], [0, 2]);
    const b = new Precision({ average: null, labels: [2, 0, 1] }).update([2, 2], [2, 1]);
    expect(a.merge(b).compute()).toEqual([0.5, 1, 0]);
    const c = new Recall({ average: null }).update([5, 9], [5, 5]);
    const d = new Recall({ average: null }).update([9, 1], [9, 1]);
    expect(c.merge(d).compute()).toEqual([1, 1, 0.5]);
    expect(c.labels).toEqual([1, 5, 9]);
  });
});

describe('rejected batches', () => {
  it('leave the state as it was', () => {
    const p = new Precision({ average: 'macro', labels: [0, 1] }).update([0, 1], [0, 1]);
    expect(() => p.update([0, 1, 1], [1, 1, 7])).toThrow(/label 7 at yPred\[2\]/);
    expect(p.numSamples).toBe(2);
    expect(p.compute()).toBe(1);
    const t = new TopKAccuracy();
    expect(() => t.update([9], [[0.5, 0.5]])).toThrow(ValueError);
    t.update([2], [[0.2, 0.3, 0.5]]);
    expect(t.compute()).toBe(1);
    const l = new LogLoss();
    expect(() => l.update([0], [[0.5, 0.6]])).toThrow(ValueError);
    expect(l.numSamples).toBe(0);
  });
});

describe('errors', () => {
  it('name the class and stage, or the function', () => {
    expect(() => new Accuracy().update([0.5], [0])).toThrow(
      'Accuracy.update: yTrue must hold integer class labels, got 0.5 at yTrue[0]',
    );
    expect(() => new Accuracy({ normalize: 'yes' as unknown as boolean })).toThrow(
      "Accuracy: normalize must be a boolean, got 'yes'",
    );
    expect(() => new Precision().update([0, 1, 2], [0, 1, 2]).compute()).toThrow(
      /^Precision.compute: /,
    );
  });

  it('are TensileErrors', () => {
    try {
      new Accuracy().update([0], [0, 1]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TensileError);
      expect(e).toBeInstanceOf(ShapeError);
      expect((e as TensileError).op).toBe('Accuracy.update');
    }
  });
});

describe('toString', () => {
  it('shows the class and its options', () => {
    expect(new F1({ average: 'macro', zeroDivision: NaN }).toString()).toBe(
      'F1({"average":"macro","posLabel":1,"zeroDivision":"NaN","beta":1,"unknown":"error"})',
    );
  });
});
