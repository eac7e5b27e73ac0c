import { describe, expect, it } from 'vitest';
import { LogLoss, logLoss } from '../../src/index.js';

describe('logLoss', () => {
  it('matches log_loss (sklearn docstring: ham = 0, spam = 1)', () => {
    const yProb = [
      [0.1, 0.9],
      [0.9, 0.1],
      [0.8, 0.2],
      [0.35, 0.65],
    ];
    const expected = -(Math.log(0.9) + Math.log(0.9) + Math.log(0.8) + Math.log(0.65)) / 4;
    expect(logLoss([1, 0, 0, 1], yProb)).toBeCloseTo(expected, 14);
    expect(expected).toBeCloseTo(0.21616, 5);
    // A 1-D probability of the positive (larger) label gives the same.
    expect(logLoss([1, 0, 0, 1], [0.9, 0.1, 0.2, 0.65])).toBeCloseTo(expected, 14);
    expect(logLoss([1, 0, 0, 1], yProb, { normalize: false })).toBeCloseTo(4 * expected, 13);
  });

  it('maps columns to sorted labels', () => {
    expect(
      logLoss(
        [7, 3],
        [
          [0.2, 0.8],
          [0.6, 0.4],
        ],
        { labels: [7, 3] },
      ),
    ).toBeCloseTo(-(Math.log(0.8) + Math.log(0.6)) / 2, 14);
    expect(() => logLoss([2], [[0.5, 0.5]])).toThrow(
      "logLoss: yTrue holds label 2 at yTrue[0], which is not in the score columns' classes [0,1] (pass labels when classes are not 0..C−1)",
    );
    expect(() => logLoss([0], [[1, 0]], { labels: [0] })).toThrow('at least two labels');
    expect(() => logLoss([0], [[1, 0, 0]], { labels: [0, 1] })).toThrow(
      'logLoss: yProb has 3 columns but labels holds 2 labels [0,1]',
    );
  });

  it('clips to [eps, 1 − eps] instead of returning Infinity', () => {
    expect(logLoss([0], [[0, 1]])).toBeCloseTo(-Math.log(2 ** -52), 10);
    expect(logLoss([0], Float32Array.of(1))).toBeCloseTo(-Math.log(2 ** -23), 5);
    expect(logLoss([0], [[0, 1]], { eps: 1e-15 })).toBeCloseTo(-Math.log(1e-15), 10);
  });

  it('requires probabilities', () => {
    expect(() =>
      logLoss(
        [0, 1],
        [
          [0.5, 0.6],
          [0.5, 0.5],
        ],
      ),
    ).toThrow(
      'logLoss: rows of yProb must sum to 1 (within 1.0e-6), row 0 sums to 1.1 (apply softmax to logits first)',
    );
    expect(() => logLoss([0], [1.5])).toThrow('yProb must hold probabilities in [0, 1]');
  });

  it('streams, weighting samples', () => {
    const m = new LogLoss().update([0], [[0.7, 0.3]]).update(
      [1, 1],
      [
        [0.4, 0.6],
        [0.1, 0.9],
      ],
      [2, 1],
    );
    expect(m.compute()).toBeCloseTo(-(Math.log(0.7) + 2 * Math.log(0.6) + Math.log(0.9)) / 4, 14);
  });
});
