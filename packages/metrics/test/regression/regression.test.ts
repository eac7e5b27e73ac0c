// Regression metrics against scikit-learn's documented examples, its edge cases, and a numerics
// stress test (a large offset that breaks the naive Σy² − (Σy)²/n formula).
import { describe, expect, it } from 'vitest';
import { ShapeError, ValueError } from '@tensile/core';
import {
  ExplainedVariance,
  MeanSquaredError,
  R2Score,
  explainedVariance,
  meanAbsoluteError,
  meanSquaredError,
  r2Score,
  rootMeanSquaredError,
} from '../../src/index.js';
import { rng, splits } from '../helpers.js';

const yTrue = [3, -0.5, 2, 7];
const yPred = [2.5, 0.0, 2, 8];
const yTrue2 = [
  [0.5, 1],
  [-1, 1],
  [7, -6],
];
const yPred2 = [
  [0, 2],
  [-1, 2],
  [8, -5],
];

describe('error metrics (sklearn docstring examples)', () => {
  it('mean squared error and its root', () => {
    expect(meanSquaredError(yTrue, yPred)).toBe(0.375);
    expect(rootMeanSquaredError(yTrue, yPred)).toBeCloseTo(Math.sqrt(0.375), 15);
    expect(meanSquaredError(yTrue2, yPred2)).toBeCloseTo(0.7083333333333334, 15);
    expect(meanSquaredError(yTrue2, yPred2, { multioutput: 'raw_values' })).toEqual([
      expect.closeTo(0.41666666666666663, 15) as number,
      1,
    ]);
    expect(meanSquaredError(yTrue2, yPred2, { multioutput: [0.3, 0.7] })).toBeCloseTo(0.825, 15);
    // The root is taken per output, then averaged.
    expect(rootMeanSquaredError(yTrue2, yPred2)).toBeCloseTo((Math.sqrt(5 / 12) + 1) / 2, 15);
  });

  it('mean absolute error', () => {
    expect(meanAbsoluteError(yTrue, yPred)).toBe(0.5);
    expect(meanAbsoluteError(yTrue2, yPred2)).toBe(0.75);
    expect(meanAbsoluteError(yTrue2, yPred2, { multioutput: 'raw_values' })).toEqual([0.5, 1]);
    expect(meanAbsoluteError(yTrue2, yPred2, { multioutput: [0.3, 0.7] })).toBeCloseTo(0.85, 15);
  });

  it('weights samples', () => {
    expect(meanSquaredError([1, 2], [2, 4], { sampleWeight: [3, 1] })).toBe((3 * 1 + 4) / 4);
  });
});

describe('r2Score and explainedVariance (sklearn docstring examples)', () => {
  it('r2Score', () => {
    expect(r2Score(yTrue, yPred)).toBeCloseTo(0.9486081370449679, 14);
    expect(r2Score(yTrue2, yPred2, { multioutput: 'variance_weighted' })).toBeCloseTo(
      0.9382566585956417,
      14,
    );
    expect(r2Score([1, 2, 3], [1, 2, 3])).toBe(1);
    expect(r2Score([1, 2, 3], [2, 2, 2])).toBe(0);
    expect(r2Score([1, 2, 3], [3, 2, 1])).toBe(-3);
  });

  it('explainedVariance', () => {
    expect(explainedVariance(yTrue, yPred)).toBeCloseTo(0.9571734475374732, 14);
    expect(explainedVariance(yTrue2, yPred2)).toBeCloseTo(0.9838709677419355, 14);
    // A constant offset is fully "explained" but not accurate.
    expect(explainedVariance([1, 2, 3], [2, 3, 4])).toBe(1);
    expect(r2Score([1, 2, 3], [2, 3, 4])).toBe(-0.5);
  });

  it('constant yTrue: forceFinite gives 1 or 0 instead of NaN / −Infinity', () => {
    for (const f of [r2Score, explainedVariance]) {
      expect(f([-2, -2, -2], [-2, -2, -2])).toBe(1);
      expect(f([-2, -2, -2], [-2, -2, -2], { forceFinite: false })).toBeNaN();
      expect(f([-2, -2, -2], [-2, -2, -2 + 1e-8])).toBe(0);
      expect(f([-2, -2, -2], [-2, -2, -2 + 1e-8], { forceFinite: false })).toBe(-Infinity);
    }
    // Constant across batches too.
    expect(new R2Score().update([0.1, 0.1], [0.1, 0.2]).update([0.1], [0.1]).compute()).toBe(0);
  });

  it('r2 is NaN with fewer than two samples, as sklearn', () => {
    expect(r2Score([1], [2])).toBeNaN();
  });

  it('variance_weighted falls back to uniform when every output is constant', () => {
    expect(
      r2Score(
        [
          [1, 2],
          [1, 2],
        ],
        [
          [1, 2],
          [1, 3],
        ],
        { multioutput: 'variance_weighted' },
      ),
    ).toBe(0.5);
  });
});

describe('numerics', () => {
  it('keep full precision with a large offset, streamed in uneven batches', () => {
    const random = rng(21);
    const n = 5000;
    const offset = 1e9;
    const t = Array.from({ length: n }, () => offset + random());
    const p = t.map((v) => v + 0.3 * (random() - 0.5));
    // Reference: two-pass on centred data.
    const mean = t.reduce((a, b) => a + (b - offset), 0) / n;
    let ssTot = 0;
    let ssRes = 0;
    let meanE = 0;
    t.forEach((v, i) => (meanE += (v - p[i]) / n));
    let ssE = 0;
    t.forEach((v, i) => {
      ssTot += (v - offset - mean) ** 2;
      ssRes += (v - p[i]) ** 2;
      ssE += (v - p[i] - meanE) ** 2;
    });
    const r2 = 1 - ssRes / ssTot;
    const ev = 1 - ssE / ssTot;
    const cuts = splits(random, n, 17);
    const m = new R2Score();
    const e = new ExplainedVariance();
    for (let k = 0; k + 1 < cuts.length; k++) {
      m.update(t.slice(cuts[k], cuts[k + 1]), p.slice(cuts[k], cuts[k + 1]));
      e.update(t.slice(cuts[k], cuts[k + 1]), p.slice(cuts[k], cuts[k + 1]));
    }
    expect(Math.abs(m.compute() - r2) / Math.abs(r2)).toBeLessThan(1e-6);
    expect(Math.abs(e.compute() - ev) / Math.abs(ev)).toBeLessThan(1e-6);
    // The naive single-pass formula is off by orders of magnitude more.
    const sum = t.reduce((a, b) => a + b, 0);
    const sumSq = t.reduce((a, b) => a + b * b, 0);
    const naive = 1 - ssRes / (sumSq - (sum * sum) / n);
    expect(Math.abs(naive - r2)).toBeGreaterThan(1e-3);
  });
});

describe('validation', () => {
  it('checks lengths, shapes and outputs', () => {
    expect(() => meanSquaredError([1, 2], [1])).toThrow(
      'meanSquaredError: yTrue and yPred differ in length: 2 vs 1',
    );
    expect(() => r2Score([[1, 2]], [[1, 2, 3]])).toThrow(
      'r2Score: yTrue and yPred differ in shape: [1,2] vs [1,3]',
    );
    expect(() => new MeanSquaredError().update([1], [1]).update([[1, 2]], [[1, 2]])).toThrow(
      ShapeError,
    );
    expect(() => meanSquaredError(yTrue2, yPred2, { multioutput: [1] })).toThrow(
      /multioutput holds 1 weights/,
    );
    expect(() =>
      meanSquaredError(yTrue, yPred, { multioutput: 'variance_weighted' as 'raw_values' }),
    ).toThrow(ValueError);
    expect(() => meanSquaredError([1, NaN], [1, 2])).toThrow(
      'meanSquaredError: yTrue must be finite, got NaN at yTrue[1]',
    );
    expect(() => meanSquaredError([1], [1], { sampleWeight: [0] })).toThrow(
      'sampleWeight sums to 0',
    );
  });

  it('accept a column vector as one output', () => {
    expect(meanSquaredError([[3], [-0.5], [2], [7]], yPred)).toBe(0.375);
  });
});
