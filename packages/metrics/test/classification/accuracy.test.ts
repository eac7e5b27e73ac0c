// Accuracy, balanced accuracy and top-k accuracy against scikit-learn's documented examples.
import { describe, expect, it } from 'vitest';
import { ShapeError, ValueError } from '@tensile/core';
import {
  Accuracy,
  BalancedAccuracy,
  TopKAccuracy,
  accuracy,
  balancedAccuracy,
  topKAccuracy,
} from '../../src/index.js';

describe('accuracy', () => {
  it('matches accuracy_score', () => {
    expect(accuracy([0, 2, 1, 3], [0, 1, 2, 3])).toBe(0.5);
    expect(accuracy([0, 2, 1, 3], [0, 1, 2, 3], { normalize: false })).toBe(2);
    expect(accuracy([1, 1, 0], [1, 0, 0], { sampleWeight: [3, 1, 1] })).toBe(0.8);
  });

  it('names the function and both lengths on a mismatch', () => {
    const yTrue = new Array<number>(64).fill(0);
    const yPred = new Array<number>(63).fill(0);
    expect(() => accuracy(yTrue, yPred)).toThrow(ShapeError);
    expect(() => accuracy(yTrue, yPred)).toThrow(
      'accuracy: yTrue and yPred differ in length: 64 vs 63',
    );
    expect(() => new Accuracy().update(yTrue, yPred)).toThrow(
      'Accuracy.update: yTrue and yPred differ in length: 64 vs 63',
    );
  });

  it('refuses to compute on nothing', () => {
    expect(() => accuracy([], [])).toThrow('accuracy: no samples: yTrue is empty');
    expect(() => new Accuracy().compute()).toThrow(/Accuracy.compute: no samples/);
    expect(() => accuracy([1], [1], { sampleWeight: [0] })).toThrow('sampleWeight sums to 0');
  });
});

describe('balancedAccuracy', () => {
  it('matches balanced_accuracy_score', () => {
    expect(balancedAccuracy([0, 1, 0, 0, 1, 0], [0, 1, 0, 0, 0, 1])).toBe(0.625);
  });

  it('averages recall over classes present in yTrue only', () => {
    // Class 2 is only predicted: recalls of 0 (1/2) and 1 (1/1) are averaged.
    expect(balancedAccuracy([0, 0, 1], [0, 2, 1])).toBe(0.75);
  });

  it('adjusts for chance', () => {
    // 2 classes: (0.625 − 0.5) / 0.5.
    expect(balancedAccuracy([0, 1, 0, 0, 1, 0], [0, 1, 0, 0, 0, 1], { adjusted: true })).toBe(0.25);
  });

  it('handles a class that first appears in a later batch', () => {
    const m = new BalancedAccuracy().update([0, 0], [0, 1]).update([2, 2], [2, 0]);
    expect(m.compute()).toBe(balancedAccuracy([0, 0, 2, 2], [0, 1, 2, 0]));
  });
});

describe('topKAccuracy', () => {
  const yTrue = [0, 1, 2, 2];
  const yScore = [
    [0.5, 0.2, 0.2],
    [0.3, 0.4, 0.2],
    [0.2, 0.4, 0.3],
    [0.7, 0.2, 0.1],
  ];

  it('matches top_k_accuracy_score', () => {
    expect(topKAccuracy(yTrue, yScore, { k: 2 })).toBe(0.75);
    expect(topKAccuracy(yTrue, yScore, { k: 2, normalize: false })).toBe(3);
    expect(topKAccuracy(yTrue, yScore, { k: 1 })).toBe(0.5);
    expect(topKAccuracy(yTrue, yScore, { k: 3 })).toBe(1);
  });

  it('breaks ties like sklearn: the higher column ranks first', () => {
    // Columns 1 and 2 tie: with k = 1 class 2 wins the tie, class 1 loses it.
    expect(topKAccuracy([2], [[0.2, 0.4, 0.4]], { k: 1 })).toBe(1);
    expect(topKAccuracy([1], [[0.2, 0.4, 0.4]], { k: 1 })).toBe(0);
  });

  it('maps columns through sorted labels', () => {
    expect(
      topKAccuracy(
        [10, 30],
        [
          [0.1, 0.2, 0.7],
          [0.6, 0.3, 0.1],
        ],
        { k: 1, labels: [10, 20, 30] },
      ),
    ).toBe(0);
    expect(
      topKAccuracy(
        [30, 10],
        [
          [0.1, 0.2, 0.7],
          [0.6, 0.3, 0.1],
        ],
        { k: 1, labels: [10, 20, 30] },
      ),
    ).toBe(1);
    expect(() => topKAccuracy([0], [[1, 0]], { labels: [1, 0] })).toThrow(/sorted/);
    expect(() => topKAccuracy([5], [[0.5, 0.5]])).toThrow(
      "topKAccuracy: yTrue holds label 5 at yTrue[0], which is not in the score columns' classes [0,1]",
    );
  });

  it('thresholds a 1-D binary score as sklearn: at 0.5 for probabilities, else at 0', () => {
    expect(topKAccuracy([0, 1, 1], [0.4, 0.6, 0.45], { k: 1 })).toBeCloseTo(2 / 3, 15);
    expect(topKAccuracy([0, 1, 1], [-0.4, 2, 0.45], { k: 1 })).toBe(1);
    // The threshold depends on all the data, also when streamed.
    const m = new TopKAccuracy({ k: 1 }).update([0, 1], [0.4, 0.6]).update([1], [0.45]);
    expect(m.compute()).toBeCloseTo(2 / 3, 15);
    m.update([0], [-2]);
    expect(m.compute()).toBe(topKAccuracy([0, 1, 1, 0], [0.4, 0.6, 0.45, -2], { k: 1 }));
    expect(m.compute()).toBe(0.75);
  });

  it('validates k and the column count across batches', () => {
    expect(() => topKAccuracy(yTrue, yScore, { k: 0 })).toThrow(ValueError);
    const m = new TopKAccuracy().update([0], [[0.5, 0.5]]);
    expect(() => m.update([0], [[0.2, 0.3, 0.5]])).toThrow(
      'TopKAccuracy.update: yScore has 3 columns but earlier batches had 2 columns',
    );
  });
});
