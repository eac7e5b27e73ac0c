import { describe, expect, it } from 'vitest';
import { ConfusionMatrix, confusionMatrix } from '../../src/index.js';

describe('confusionMatrix', () => {
  const yTrue = [2, 0, 2, 2, 0, 1];
  const yPred = [0, 0, 2, 2, 0, 2];

  it('matches confusion_matrix: rows are true labels', () => {
    expect(confusionMatrix(yTrue, yPred)).toEqual([
      [2, 0, 0],
      [0, 0, 1],
      [1, 0, 2],
    ]);
    expect(confusionMatrix([0, 1, 0, 1], [1, 1, 1, 0]).flat()).toEqual([0, 2, 1, 1]);
  });

  it('orders axes by labels and infers the sorted union otherwise', () => {
    // Labels [-1, 5, 7]: a 7 is only ever predicted.
    expect(confusionMatrix([5, -1], [5, 7])).toEqual([
      [0, 0, 1],
      [0, 1, 0],
      [0, 0, 0],
    ]);
    expect(confusionMatrix(yTrue, yPred, { labels: [2, 1, 0] })).toEqual([
      [2, 0, 1],
      [1, 0, 0],
      [0, 0, 2],
    ]);
    expect(confusionMatrix(yTrue, yPred, { labels: [0, 2], unknownLabels: 'exclude' })).toEqual([
      [2, 0],
      [1, 2],
    ]);
    expect(() => confusionMatrix(yTrue, yPred, { labels: [0, 2] })).toThrow(
      /label 1 at yTrue\[5\]/,
    );
  });

  it('normalizes over rows, columns or all, with 0/0 as 0', () => {
    expect(confusionMatrix([0, 0, 1], [0, 1, 1], { normalize: 'true', labels: [0, 1, 2] })).toEqual(
      [
        [0.5, 0.5, 0],
        [0, 1, 0],
        [0, 0, 0],
      ],
    );
    expect(confusionMatrix([0, 0, 1], [0, 1, 1], { normalize: 'pred' })).toEqual([
      [1, 0.5],
      [0, 0.5],
    ]);
    expect(confusionMatrix([0, 0, 1, 1], [0, 1, 1, 1], { normalize: 'all' })).toEqual([
      [0.25, 0.25],
      [0, 0.5],
    ]);
  });

  it('weights samples', () => {
    expect(confusionMatrix([0, 1], [0, 0], { sampleWeight: [2, 0.5] })).toEqual([
      [2, 0],
      [0.5, 0],
    ]);
  });

  it('grows as classes appear in later batches, and merges by label', () => {
    const a = new ConfusionMatrix().update([3], [3]).update([0, 1], [1, 1]);
    expect(a.labels).toEqual([0, 1, 3]);
    const b = new ConfusionMatrix().update([7, 1], [1, 7]);
    a.merge(b);
    expect(a.labels).toEqual([0, 1, 3, 7]);
    expect(a.compute()).toEqual(confusionMatrix([3, 0, 1, 7, 1], [3, 1, 1, 1, 7]));
  });

  it('grows past its initial capacity', () => {
    const labels = Array.from({ length: 40 }, (_, i) => 39 - i);
    const m = new ConfusionMatrix();
    for (const l of labels) m.update([l], [(l + 1) % 40]);
    const cm = m.compute();
    expect(cm.length).toBe(40);
    expect(cm[5][6]).toBe(1);
    expect(cm.flat().reduce((a, b) => a + b, 0)).toBe(40);
  });
});
