import { describe, expect, it } from 'vitest';
import { ValueError } from '@tensile/core';
import { AveragePrecision, averagePrecision } from '../../src/index.js';
import { randomCounts, randomLabels, repeat, rng } from '../helpers.js';
import { stepAveragePrecision } from './reference.js';

describe('averagePrecision', () => {
  it('matches the average_precision_score docstring example', () => {
    // sklearn: 0.83…; thresholds 0.8 (P 1, R ½), 0.4 (P ½), 0.35 (P ⅔, R 1).
    expect(averagePrecision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(
      0.5 + 0.5 * (2 / 3),
      15,
    );
  });

  it('is the step function, not the trapezoid', () => {
    // Trapezoid over (R, P) would give a different value from Σ ΔR·P.
    const y = [1, 0, 1, 0, 1];
    const s = [0.9, 0.8, 0.7, 0.6, 0.5];
    expect(averagePrecision(y, s)).toBeCloseTo((1 / 3) * (1 + 2 / 3 + 3 / 5), 15);
  });

  it('equals the step definition with ties and weights', () => {
    const random = rng(3);
    for (let trial = 0; trial < 20; trial++) {
      const n = 3 + Math.floor(random() * 50);
      const y = randomLabels(random, n, 2);
      y[0] = 1;
      const s = y.map(() => Math.round(random() * 10) / 10);
      const w = y.map(() => random() * 2 + 0.1);
      expect(averagePrecision(y, s)).toBeCloseTo(stepAveragePrecision(y, s), 12);
      expect(averagePrecision(y, s, { sampleWeight: w })).toBeCloseTo(
        stepAveragePrecision(y, s, w),
        12,
      );
    }
  });

  it('uses posLabel, and gives 0 without positives as sklearn', () => {
    expect(averagePrecision([0, 0, 1, 1], [0.9, 0.6, 0.35, 0.2], { posLabel: 0 })).toBe(1);
    expect(averagePrecision([0, 0], [0.2, 0.4])).toBe(0);
    expect(averagePrecision([1, 1], [0.2, 0.4])).toBe(1);
    expect(() => averagePrecision([2, 3], [0.1, 0.2])).toThrow(
      /posLabel 1 is not one of the labels present \[2,3\]/,
    );
    expect(() => averagePrecision([0, 1, 2], [0.1, 0.2, 0.3])).toThrow(ValueError);
  });

  it('handles multi-class scores one-vs-rest', () => {
    // sklearn docstring (≥ 1.3): ≈ 0.77.
    const y = [0, 0, 1, 1, 2, 2];
    const s = [
      [0.7, 0.2, 0.1],
      [0.4, 0.3, 0.3],
      [0.1, 0.8, 0.1],
      [0.2, 0.3, 0.5],
      [0.4, 0.4, 0.2],
      [0.1, 0.2, 0.7],
    ];
    const perClass = averagePrecision(y, s, { average: null });
    expect(perClass).toEqual(
      [0, 1, 2].map(
        (c) =>
          expect.closeTo(
            stepAveragePrecision(
              y.map((v) => (v === c ? 1 : 0)),
              s.map((r) => r[c]),
            ),
            12,
          ) as number,
      ),
    );
    expect(averagePrecision(y, s)).toBeCloseTo(0.7777777777777777, 12);
    expect(() => averagePrecision(y, s, { posLabel: 2 })).toThrow(/fixed to 1/);
  });

  it('streams exactly, with weights added midway', () => {
    const random = rng(5);
    const y = randomLabels(random, 40, 2);
    const s = y.map(() => Math.round(random() * 20) / 20);
    const w = randomCounts(random, 40, 3);
    const m = new AveragePrecision().update(y.slice(0, 10), s.slice(0, 10));
    m.update(y.slice(10), s.slice(10), w.slice(10));
    const weights = [...new Array<number>(10).fill(1), ...w.slice(10)];
    expect(m.compute()).toBeCloseTo(averagePrecision(repeat(y, weights), repeat(s, weights)), 12);
  });
});
