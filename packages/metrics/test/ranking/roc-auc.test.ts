import { describe, expect, it } from 'vitest';
import { ValueError } from '@tensile/core';
import { RocAuc, rocAuc } from '../../src/index.js';
import { randomCounts, randomLabels, randomProbs, repeat, rng } from '../helpers.js';
import { pairwiseAuc } from './reference.js';

describe('rocAuc, binary', () => {
  it('matches the roc_curve docstring example', () => {
    // sklearn: y = [1, 1, 2, 2], scores = [0.1, 0.4, 0.35, 0.8], positive = 2 → 0.75.
    expect(rocAuc([1, 1, 2, 2], [0.1, 0.4, 0.35, 0.8])).toBe(0.75);
  });

  it('equals the pairwise (Mann–Whitney) definition, with ties and weights', () => {
    const random = rng(7);
    for (let trial = 0; trial < 20; trial++) {
      const n = 5 + Math.floor(random() * 60);
      const y = randomLabels(random, n, 2);
      y[0] = 0;
      y[1] = 1;
      // One-decimal scores: many ties.
      const s = y.map(() => Math.round(random() * 10) / 10);
      const w = y.map(() => random() * 3);
      expect(rocAuc(y, s)).toBeCloseTo(pairwiseAuc(y, s), 12);
      expect(rocAuc(y, s, { sampleWeight: w })).toBeCloseTo(pairwiseAuc(y, s, w), 12);
    }
  });

  it('treats tied scores as one threshold', () => {
    expect(rocAuc([0, 1], [0.5, 0.5])).toBe(0.5);
    expect(rocAuc([0, 0, 1, 1], [0.2, 0.5, 0.5, 0.9])).toBe(0.875);
  });

  it('computes the standardized partial AUC (McClish)', () => {
    const y = [0, 0, 1, 1];
    const s = [0.1, 0.4, 0.35, 0.8];
    // Perfect ranking → 1; reversed → 0.5·(1 + (0 − m²/2)/(m − m²/2)) < 0.5.
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.2, 0.3, 0.4], { maxFpr: 0.5 })).toBeCloseTo(1, 14);
    // ROC through (0,0.5),(0.5,0.5),(0.5,1),(1,1): the area up to FPR 0.25 is 0.125; m = 0.25.
    const m = 0.25;
    const expected = 0.5 * (1 + (0.125 - 0.5 * m * m) / (m - 0.5 * m * m));
    expect(rocAuc(y, s, { maxFpr: m })).toBeCloseTo(expected, 14);
    expect(rocAuc(y, s, { maxFpr: 1 })).toBe(rocAuc(y, s));
    expect(() => rocAuc(y, s, { maxFpr: 0 })).toThrow(ValueError);
  });

  it('throws when only one class is present', () => {
    expect(() => rocAuc([1, 1], [0.3, 0.4])).toThrow(
      'rocAuc: only one class (1) is present in yTrue: ROC AUC is not defined in that case',
    );
    expect(() => rocAuc([0, 1, 2], [0.3, 0.4, 0.5])).toThrow(/pass yProb of shape \[n, C\]/);
  });
});

describe('rocAuc, multi-class', () => {
  const random = rng(11);
  const n = 80;
  const y = randomLabels(random, n, 3);
  const p = randomProbs(random, n, 3);

  function perClass(): number[] {
    return [0, 1, 2].map((c) =>
      pairwiseAuc(
        y.map((v) => (v === c ? 1 : 0)),
        p.map((row) => row[c]),
      ),
    );
  }

  it('one-vs-rest: macro, weighted, per class and micro', () => {
    const auc = perClass();
    const support = [0, 1, 2].map((c) => y.filter((v) => v === c).length);
    expect(rocAuc(y, p, { multiClass: 'ovr', average: null })).toEqual(
      auc.map((a) => expect.closeTo(a, 12) as number),
    );
    expect(rocAuc(y, p)).toBeCloseTo(auc.reduce((a, b) => a + b, 0) / 3, 12);
    expect(rocAuc(y, p, { average: 'weighted' })).toBeCloseTo(
      auc.reduce((a, v, c) => a + v * support[c], 0) / n,
      12,
    );
    const flatPositive = y.flatMap((v) => [0, 1, 2].map((c) => (v === c ? 1 : 0)));
    expect(rocAuc(y, p, { average: 'micro' })).toBeCloseTo(pairwiseAuc(flatPositive, p.flat()), 12);
  });

  it('one-vs-one (Hand & Till)', () => {
    let sum = 0;
    let weighted = 0;
    for (const [a, b] of [
      [0, 1],
      [0, 2],
      [1, 2],
    ]) {
      const idx = y.map((v, i) => (v === a || v === b ? i : -1)).filter((i) => i >= 0);
      const ab = pairwiseAuc(
        idx.map((i) => (y[i] === a ? 1 : 0)),
        idx.map((i) => p[i][a]),
      );
      const ba = pairwiseAuc(
        idx.map((i) => (y[i] === b ? 1 : 0)),
        idx.map((i) => p[i][b]),
      );
      sum += (ab + ba) / 2;
      weighted += ((ab + ba) / 2) * (idx.length / n);
    }
    expect(rocAuc(y, p, { multiClass: 'ovo' })).toBeCloseTo(sum / 3, 12);
    expect(rocAuc(y, p, { multiClass: 'ovo', average: 'weighted' })).toBeCloseTo(weighted / 2, 12);
    expect(() => rocAuc(y, p, { multiClass: 'ovo', sampleWeight: y.map(() => 1) })).toThrow(/ovo/);
    expect(() => new RocAuc({ multiClass: 'ovo', average: null })).toThrow(ValueError);
  });

  it('weights samples like repeating them', () => {
    const counts = randomCounts(random, n, 3);
    counts[0] = counts[1] = counts[2] = 1;
    for (const average of ['macro', 'weighted', 'micro'] as const) {
      expect(rocAuc(y, p, { average, sampleWeight: counts })).toBeCloseTo(
        rocAuc(repeat(y, counts), repeat(p, counts), { average }),
        12,
      );
    }
  });

  it('requires probabilities and every class', () => {
    expect(() =>
      rocAuc(
        [0, 1, 2],
        [
          [0.5, 0.4, 0.2],
          [0.2, 0.4, 0.4],
          [0.1, 0.1, 0.8],
        ],
      ),
    ).toThrow('rocAuc: rows of yScore must sum to 1 (within 1.0e-6), row 0 sums to 1.1');
    expect(() =>
      rocAuc(
        [0, 1, 1],
        [
          [0.5, 0.3, 0.2],
          [0.2, 0.4, 0.4],
          [0.1, 0.1, 0.8],
        ],
      ),
    ).toThrow('rocAuc: class 2 has no sample in yTrue, so its one-vs-rest ROC AUC is not defined');
    expect(() =>
      rocAuc(
        [0, 1],
        [
          [0.5, 0.5],
          [0.2, 0.8],
        ],
        { maxFpr: 0.5 },
      ),
    ).toThrow('rocAuc: maxFpr (partial AUC) is only defined for a binary (1-D) score');
  });

  it('maps columns through sorted labels', () => {
    const relabelled = y.map((v) => [10, 20, 30][v]);
    expect(rocAuc(relabelled, p, { labels: [10, 20, 30] })).toBe(rocAuc(y, p));
    expect(() => rocAuc(relabelled, p)).toThrow(/not in the score columns' classes \[0,1,2\]/);
  });
});
