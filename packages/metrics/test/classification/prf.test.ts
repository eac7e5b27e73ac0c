// Precision, recall, F1 and F-beta against scikit-learn's documented examples and edge cases.
import { describe, expect, it } from 'vitest';
import { ValueError } from '@tensile/core';
import { F1, Fbeta, Precision, Recall, f1, fbeta, precision, recall } from '../../src/index.js';

const yTrue = [0, 1, 2, 0, 1, 2];
const yPred = [0, 2, 1, 0, 0, 1];

function close(actual: number | number[], expected: number | number[], digits = 12): void {
  const a = typeof actual === 'number' ? [actual] : actual;
  const e = typeof expected === 'number' ? [expected] : expected;
  expect(a.length).toBe(e.length);
  a.forEach((v, i) =>
    Number.isNaN(e[i]) ? expect(v).toBeNaN() : expect(v).toBeCloseTo(e[i], digits),
  );
}

describe('averages (sklearn docstring example)', () => {
  it('precision', () => {
    close(precision(yTrue, yPred, { average: 'macro' }), 2 / 9);
    close(precision(yTrue, yPred, { average: 'micro' }), 1 / 3);
    close(precision(yTrue, yPred, { average: 'weighted' }), 2 / 9);
    close(precision(yTrue, yPred, { average: null }), [2 / 3, 0, 0]);
  });

  it('recall', () => {
    close(recall(yTrue, yPred, { average: 'macro' }), 1 / 3);
    close(recall(yTrue, yPred, { average: 'micro' }), 1 / 3);
    close(recall(yTrue, yPred, { average: null }), [1, 0, 0]);
  });

  it('f1 and fbeta', () => {
    close(f1(yTrue, yPred, { average: 'macro' }), 0.8 / 3);
    close(f1(yTrue, yPred, { average: 'micro' }), 1 / 3);
    close(f1(yTrue, yPred, { average: null }), [0.8, 0, 0]);
    close(fbeta(yTrue, yPred, { beta: 0.5, average: null }), [1.25 / 1.75, 0, 0]);
    close(fbeta(yTrue, yPred, { beta: 0.5, average: 'macro' }), 1.25 / 1.75 / 3);
  });

  it('F-beta limits: β = 0 is precision, β = ∞ is recall', () => {
    const y = [0, 1, 1, 0, 1];
    const p = [1, 1, 0, 0, 1];
    close(fbeta(y, p, { beta: 0 }), precision(y, p) as number);
    close(fbeta(y, p, { beta: Infinity }), recall(y, p) as number);
  });
});

describe('zeroDivision', () => {
  const empty = [0, 0, 0, 0, 0, 0];
  it('replaces 0/0 precision with 0, 1 or NaN', () => {
    close(precision(yTrue, empty, { average: null }), [1 / 3, 0, 0]);
    close(precision(yTrue, empty, { average: null, zeroDivision: 1 }), [1 / 3, 1, 1]);
    close(precision(yTrue, empty, { average: null, zeroDivision: NaN }), [1 / 3, NaN, NaN]);
    // NaN entries are left out of averages.
    close(precision(yTrue, empty, { average: 'macro', zeroDivision: NaN }), 1 / 3);
  });

  it('replaces 0/0 recall', () => {
    close(recall([0, 0, 0, 0, 0, 0], [1, 1, 1, 1, 1, 1], { average: null }), [0, 0]);
    close(
      recall([0, 0, 0, 0, 0, 0], [1, 1, 1, 1, 1, 1], { average: null, zeroDivision: 1 }),
      [0, 1],
    );
  });

  it('F is 0/0 only when the class is neither true nor predicted', () => {
    close(f1(empty, empty), 0);
    close(f1(empty, empty, { zeroDivision: 1 }), 1);
    close(fbeta(yTrue, empty, { beta: 0.5, average: 'macro', zeroDivision: NaN }), 1.25 / 3.25 / 3);
  });

  it('rejects other values', () => {
    expect(() => precision([0], [0], { zeroDivision: 0.5 })).toThrow(
      'precision: zeroDivision must be 0, 1 or NaN, got 0.5',
    );
  });
});

describe('binary average', () => {
  it('scores posLabel', () => {
    const y = [0, 1, 1, 0, 1];
    const p = [1, 1, 0, 0, 1];
    close(precision(y, p), 2 / 3);
    close(precision(y, p, { posLabel: 0 }), 1 / 2);
    close(recall([-1, 1, 1], [1, 1, -1]), 0.5);
  });

  it('refuses multi-class data and an absent posLabel', () => {
    expect(() => precision([0, 1, 2], [0, 1, 1])).toThrow(
      "precision: yTrue and yPred hold 3 classes [0,1,2] but average is 'binary': choose average 'micro', 'macro', 'weighted' or null",
    );
    expect(() => recall([2, 3], [3, 3])).toThrow(
      'recall: posLabel 1 is not one of the labels present [2,3]',
    );
    // A single present class other than posLabel is allowed: posLabel has no samples, 0/0.
    close(precision([0, 0], [0, 0]), 0);
  });
});

describe('labels', () => {
  it('orders and selects per-class results', () => {
    close(precision(yTrue, yPred, { average: null, labels: [2, 0], unknownLabels: 'exclude' }), [
      0,
      2 / 3,
    ]);
    close(recall(yTrue, yPred, { average: 'macro', labels: [0, 1, 2, 3] }), 1 / 4);
  });

  it('throws on a label outside labels, unless asked to exclude it as sklearn', () => {
    expect(() => precision(yTrue, yPred, { average: 'micro', labels: [0, 1] })).toThrow(
      "precision: yTrue holds label 2 at yTrue[2], which is not in labels [0,1] (add it to labels, or pass unknownLabels: 'exclude' to leave it out as scikit-learn does)",
    );
    // sklearn: micro-average over classes 1 and 2 only (ignoring the majority class 0);
    // tp = 0, predicted as 1 or 2: 3, true 1 or 2: 4.
    close(
      precision(yTrue, yPred, { average: 'micro', labels: [1, 2], unknownLabels: 'exclude' }),
      0,
    );
    close(
      f1([0, 1, 2, 0, 1, 2], [0, 1, 1, 0, 0, 2], {
        average: 'micro',
        labels: [1, 2],
        unknownLabels: 'exclude',
      }),
      (2 * 2) / (3 + 4),
    );
  });

  it('rejects duplicate or non-integer labels', () => {
    expect(() => precision([0], [0], { labels: [0, 0], average: 'macro' })).toThrow(/unique/);
    expect(() => precision([0], [0], { labels: [0.5], average: 'macro' })).toThrow(/integer/);
  });
});

describe('weighted average with no true samples (sklearn 1.2)', () => {
  it('is 0 for precision and F, zeroDivision for recall', () => {
    const o = { average: 'weighted' as const, labels: [1, 2], unknownLabels: 'exclude' as const };
    close(precision([0, 0], [1, 0], o), 0);
    close(recall([0, 0], [1, 0], { ...o, zeroDivision: 1 }), 1);
    close(f1([0, 0], [0, 0], { ...o, zeroDivision: 1 }), 1);
  });
});

describe('classes', () => {
  it('expose options and the labels of per-class results', () => {
    const m = new Precision({ average: null }).update([3, 1], [1, 1]);
    expect(m.labels).toEqual([1, 3]);
    expect(m.compute()).toEqual([0.5, 0]);
    expect(new Recall().labels).toEqual([1]);
    expect(new F1({ average: 'macro' }).average).toBe('macro');
  });

  it('require beta for Fbeta', () => {
    expect(() => new Fbeta(undefined as unknown as { beta: number })).toThrow(ValueError);
    expect(() => fbeta([0], [0], {} as { beta: number })).toThrow('fbeta: beta is required');
    expect(() => new Fbeta({ beta: -1 })).toThrow('Fbeta: beta must be a number ≥ 0, got -1');
  });

  it('validate average', () => {
    expect(() => new Precision({ average: 'samples' as 'micro' })).toThrow(
      "Precision: average must be one of 'binary', 'micro', 'macro', 'weighted', null, got 'samples'",
    );
  });
});
