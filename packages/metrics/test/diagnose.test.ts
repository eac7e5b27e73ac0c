// diagnose() against the textbook worked examples (Ng, "Structuring Machine Learning Projects").
import { describe, expect, it } from 'vitest';
import { ValueError } from '@tensile/core';
import { RECOMMENDED_ACTIONS, diagnose } from '../src/index.js';

describe('diagnose without human-level error (Bayes proxy 0)', () => {
  it('train 1% / dev 11%: high variance', () => {
    const d = diagnose({ trainError: 0.01, devError: 0.11 });
    expect(d.dominant).toBe('variance');
    expect(d.highVariance).toBe(true);
    expect(d.highBias).toBe(false);
    expect(d.avoidableBias).toBeCloseTo(0.01, 15);
    expect(d.variance).toBeCloseTo(0.1, 15);
    expect(d.bayesErrorProxy).toBe(0);
    expect(d.recommendations).toEqual([...RECOMMENDED_ACTIONS.variance]);
    expect(d.summary).toMatch(/^High variance/);
    expect(d.summary).toContain('get more data');
  });

  it('train 15% / dev 16%: high bias', () => {
    const d = diagnose({ trainError: 0.15, devError: 0.16 });
    expect(d.dominant).toBe('bias');
    expect(d.highBias).toBe(true);
    expect(d.highVariance).toBe(false);
    expect(d.recommendations).toEqual([...RECOMMENDED_ACTIONS.avoidableBias]);
    expect(d.recommendations.join(' ')).toMatch(
      /bigger network.*train longer.*better optimizer.*architecture/,
    );
  });

  it('train 15% / dev 30%: high bias and high variance', () => {
    const d = diagnose({ trainError: 0.15, devError: 0.3 });
    expect(d.dominant).toBe('both');
    expect(d.highBias && d.highVariance).toBe(true);
    expect(d.recommendations).toEqual([
      ...RECOMMENDED_ACTIONS.avoidableBias,
      ...RECOMMENDED_ACTIONS.variance,
    ]);
    expect(d.summary).toMatch(/^High bias and high variance/);
  });

  it('train 0.5% / dev 1%: low bias, low variance', () => {
    const d = diagnose({ trainError: 0.005, devError: 0.01 });
    expect(d.dominant).toBe('none');
    expect(d.highBias || d.highVariance).toBe(false);
    expect(d.findings.map((f) => f.level)).toEqual(['low', 'low']);
    expect(d.recommendations).toEqual([]);
    expect(d.summary).toMatch(/^Low bias and low variance/);
  });
});

describe('diagnose with human-level error', () => {
  it('human 1%, train 8%, dev 10%: avoidable bias 7 points beats variance 2 points → bias', () => {
    const d = diagnose({ humanError: 0.01, trainError: 0.08, devError: 0.1 });
    expect(d.avoidableBias).toBeCloseTo(0.07, 15);
    expect(d.variance).toBeCloseTo(0.02, 15);
    expect(d.dominant).toBe('bias');
    expect(d.recommendations[0]).toBe(RECOMMENDED_ACTIONS.avoidableBias[0]);
    expect(d.summary).toContain('Variance is high too, but smaller');
  });

  it('human 7.5%, train 8%, dev 10%: variance 2 points beats avoidable bias 0.5 → variance', () => {
    const d = diagnose({ humanError: 0.075, trainError: 0.08, devError: 0.1 });
    expect(d.avoidableBias).toBeCloseTo(0.005, 15);
    expect(d.dominant).toBe('variance');
    expect(d.highBias).toBe(false);
    expect(d.bayesErrorProxy).toBe(0.075);
  });

  it('reports training error below human level', () => {
    const d = diagnose({ humanError: 0.05, trainError: 0.03, devError: 0.035 });
    expect(d.avoidableBias).toBeCloseTo(-0.02, 15);
    expect(d.dominant).toBe('none');
    expect(d.findings[0].description).toMatch(/below human-level error 5%/);
  });
});

describe('dev-test gap and data mismatch', () => {
  it('flags overfitting to the dev set', () => {
    const d = diagnose({ trainError: 0.01, devError: 0.015, testError: 0.05 });
    expect(d.devTestGap).toBeCloseTo(0.035, 15);
    expect(d.dominant).toBe('none');
    expect(d.recommendations).toEqual([...RECOMMENDED_ACTIONS.devTestGap]);
    expect(d.recommendations[0]).toMatch(/bigger dev set/);
  });

  it('flags a test set easier than the dev set as a distribution question', () => {
    const d = diagnose({ trainError: 0.01, devError: 0.05, testError: 0.01 });
    expect(d.findings.find((f) => f.kind === 'devTestGap')?.actions[0]).toMatch(
      /same distribution/,
    );
  });

  it('separates variance from data mismatch with a train-dev set', () => {
    const d = diagnose({ trainError: 0.01, trainDevError: 0.015, devError: 0.1 });
    expect(d.variance).toBeCloseTo(0.005, 15);
    expect(d.dataMismatch).toBeCloseTo(0.085, 15);
    expect(d.dominant).toBe('dataMismatch');
    expect(d.recommendations).toEqual([...RECOMMENDED_ACTIONS.dataMismatch]);
  });

  it('omits the optional gaps when their errors are absent', () => {
    const d = diagnose({ trainError: 0.01, devError: 0.02 });
    expect('devTestGap' in d).toBe(false);
    expect('dataMismatch' in d).toBe(false);
  });
});

describe('options and validation', () => {
  it('applies a custom threshold', () => {
    expect(diagnose({ trainError: 0.005, devError: 0.01 }, { threshold: 0.001 }).dominant).toBe(
      'both',
    );
    expect(diagnose({ trainError: 0.01, devError: 0.11 }, { threshold: 0.2 }).dominant).toBe(
      'none',
    );
  });

  it('accepts fractions only', () => {
    expect(() => diagnose({ trainError: 1, devError: 11 })).toThrow(
      'diagnose: devError must be an error rate as a fraction in [0, 1] (0.01 = 1%), got 11 (it looks like a percentage: pass 0.11 for 11%)',
    );
    expect(() => diagnose({ trainError: -0.1, devError: 0.1 })).toThrow(ValueError);
    expect(() => diagnose({ trainError: NaN, devError: 0.1 })).toThrow(ValueError);
    expect(() => diagnose({ devError: 0.1 } as never)).toThrow(/trainError/);
    expect(() => diagnose({ trainError: 0.1, devError: 0.1 }, { threshold: -1 })).toThrow(
      ValueError,
    );
  });
});
