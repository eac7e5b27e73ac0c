import { describe, expect, it } from 'vitest';
import { precisionRecallCurve, rocCurve } from '../../src/index.js';

describe('rocCurve', () => {
  it('matches the roc_curve docstring example', () => {
    const { fpr, tpr, thresholds } = rocCurve([1, 1, 2, 2], [0.1, 0.4, 0.35, 0.8], { posLabel: 2 });
    expect(fpr).toEqual([0, 0, 0.5, 0.5, 1]);
    expect(tpr).toEqual([0, 0.5, 0.5, 1, 1]);
    expect(thresholds).toEqual([Infinity, 0.8, 0.4, 0.35, 0.1]);
  });

  it('drops collinear points unless asked not to', () => {
    const y = [0, 0, 0, 1, 1];
    const s = [0.1, 0.2, 0.3, 0.8, 0.9];
    expect(rocCurve(y, s).thresholds).toEqual([Infinity, 0.9, 0.8, 0.1]);
    expect(rocCurve(y, s, { dropIntermediate: false }).thresholds).toEqual([
      Infinity,
      0.9,
      0.8,
      0.3,
      0.2,
      0.1,
    ]);
  });

  it('requires posLabel for labels other than {0, 1} and {−1, 1}', () => {
    expect(() => rocCurve([1, 2], [0.1, 0.2])).toThrow(
      'rocCurve: yTrue holds labels [1,2] and posLabel is not given: pass posLabel, or use labels {0, 1} or {-1, 1}',
    );
    expect(rocCurve([-1, 1], [0.1, 0.2]).tpr).toEqual([0, 1, 1]);
  });
});

describe('precisionRecallCurve', () => {
  it('matches the precision_recall_curve docstring example', () => {
    const { precision, recall, thresholds } = precisionRecallCurve(
      [0, 0, 1, 1],
      [0.1, 0.4, 0.35, 0.8],
    );
    expect(precision).toEqual([0.5, 2 / 3, 0.5, 1, 1]);
    expect(recall).toEqual([1, 1, 0.5, 0.5, 0]);
    expect(thresholds).toEqual([0.1, 0.35, 0.4, 0.8]);
  });

  it('sets recall to 1 without positives, as sklearn', () => {
    expect(precisionRecallCurve([0, 0], [0.1, 0.2]).recall).toEqual([1, 1, 0]);
  });
});
