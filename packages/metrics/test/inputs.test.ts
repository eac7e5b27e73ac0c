import { describe, expect, it } from 'vitest';
import { ShapeError, TensileError, ValueError } from '@tensile/core';
import {
  assertProbabilityRows,
  flatten,
  toLabels,
  toSampleWeight,
  toScores,
  toValues,
  toVector,
} from '../src/inputs.js';

describe('flatten', () => {
  it('accepts plain, nested, typed and tensor-like inputs alike', () => {
    const expected = { data: Float64Array.of(1, 2, 3, 4), shape: [2, 2] };
    expect(
      flatten('f', 'x', [
        [1, 2],
        [3, 4],
      ]),
    ).toMatchObject(expected);
    expect(flatten('f', 'x', [Float32Array.of(1, 2), Int32Array.of(3, 4)])).toMatchObject(expected);
    expect(
      flatten('f', 'x', { shape: [2, 2], dataSync: () => Int32Array.of(1, 2, 3, 4) }),
    ).toMatchObject(expected);
    expect(flatten('f', 'x', Uint8Array.of(1, 0, 1))).toMatchObject({ shape: [3] });
    expect(flatten('f', 'x', [true, false]).data).toEqual(Float64Array.of(1, 0));
    expect(flatten('f', 'x', []).shape).toEqual([0]);
  });

  it('remembers float32 sources', () => {
    expect(flatten('f', 'x', Float32Array.of(0.5)).float32).toBe(true);
    expect(flatten('f', 'x', { shape: [1], dataSync: () => Float32Array.of(0.5) }).float32).toBe(
      true,
    );
    expect(flatten('f', 'x', [0.5]).float32).toBe(false);
  });

  it('reuses a Float64Array without copying', () => {
    const data = Float64Array.of(1, 2);
    expect(flatten('f', 'x', data).data).toBe(data);
  });

  it('rejects ragged arrays, non-numbers and inconsistent tensors', () => {
    expect(() => flatten('f', 'x', [[1, 2], [3]])).toThrow(
      'f: x is a ragged nested array: x[1] has length 1, expected length 2 (shape [2,2])',
    );
    expect(() => flatten('f', 'x', [1, 'a' as unknown as number])).toThrow(
      "f: x must hold numbers, got 'a' at x[1]",
    );
    expect(() => flatten('f', 'x', { shape: [3], dataSync: () => [1, 2] })).toThrow(ShapeError);
    expect(() => flatten('f', 'x', undefined as unknown as number[])).toThrow('f: x is required');
    expect(() => flatten('f', 'x', 3 as unknown as number[])).toThrow(ValueError);
  });
});

describe('toLabels', () => {
  it('accepts [n] and [n, 1]', () => {
    expect(toLabels('f', 'yTrue', [[1], [2]])).toEqual(Float64Array.of(1, 2));
    expect(toLabels('f', 'yTrue', [-1, 1])).toEqual(Float64Array.of(-1, 1));
  });

  it('rejects non-integers and NaN instead of rounding them', () => {
    expect(() => toLabels('accuracy', 'yPred', [0, 0.5])).toThrow(
      'accuracy: yPred must hold integer class labels, got 0.5 at yPred[1]',
    );
    expect(() => toLabels('accuracy', 'yPred', [NaN])).toThrow(ValueError);
  });

  it('points at score metrics when given a probability matrix', () => {
    expect(() => toLabels('accuracy', 'yPred', [[0.1, 0.9]])).toThrow(
      /topKAccuracy, rocAuc or logLoss/,
    );
    expect(() => toLabels('accuracy', 'yPred', [[0.1, 0.9]])).toThrow(ShapeError);
  });
});

describe('scores, values and weights', () => {
  it('reads vectors and matrices', () => {
    expect(toScores('f', 's', [0.1, 0.2])).toMatchObject({ rows: 2, cols: 1 });
    expect(toScores('f', 's', [[0.1, 0.9]])).toMatchObject({ rows: 1, cols: 2 });
    expect(toValues('f', 'y', [[1, 2, 3]])).toMatchObject({ rows: 1, cols: 3 });
    expect(() => toScores('f', 's', [[[1]]])).toThrow(ShapeError);
    expect(() => toVector('f', 'v', [[1, 2]])).toThrow(
      'f: v must be a vector of shape [n], got shape [1,2]',
    );
  });

  it('rejects non-finite values', () => {
    expect(() => toScores('rocAuc', 'yScore', [0.1, Infinity])).toThrow(
      'rocAuc: yScore must be finite, got Infinity at yScore[1]',
    );
    expect(() => toValues('r2Score', 'yPred', [NaN])).toThrow(TensileError);
  });

  it('checks probability rows', () => {
    expect(() =>
      assertProbabilityRows('logLoss', 'yProb', toScores('f', 's', [[0.5, 0.4]])),
    ).toThrow('logLoss: rows of yProb must sum to 1 (within 1.0e-6), row 0 sums to 0.9');
    expect(() =>
      assertProbabilityRows('logLoss', 'yProb', toScores('f', 's', [[1.2, -0.2]])),
    ).toThrow('logLoss: yProb must hold probabilities in [0, 1], got 1.2 at row 0, column 0');
    // float32 softmax outputs get float32's tolerance.
    const row = Float32Array.of(0.3, 0.3, 0.4 + 5e-6);
    expect(() =>
      assertProbabilityRows('f', 's', toScores('f', 's', [[0.3, 0.3, 0.4 + 5e-6]])),
    ).toThrow();
    expect(() =>
      assertProbabilityRows('f', 's', toScores('f', 's', { shape: [1, 3], dataSync: () => row })),
    ).not.toThrow();
  });

  it('validates sample weights', () => {
    expect(toSampleWeight('f', 2, undefined)).toBeUndefined();
    expect(toSampleWeight('f', 2, [1, 0])).toEqual(Float64Array.of(1, 0));
    expect(() => toSampleWeight('f', 2, [1])).toThrow(
      'f: yTrue and sampleWeight differ in length: 2 vs 1',
    );
    expect(() => toSampleWeight('f', 2, [1, -1])).toThrow(
      'f: sampleWeight must be finite and non-negative, got -1 at sampleWeight[1]',
    );
  });
});
