import '../helpers/backend.js';
import { describe, expect, it } from 'vitest';
import * as tl from '@tensile/core';
import { constantSparsity, polynomialDecaySparsity } from '../../src/index.js';

describe('polynomialDecaySparsity', () => {
  const s = polynomialDecaySparsity({
    initialSparsity: 0.1,
    finalSparsity: 0.9,
    beginStep: 100,
    endStep: 1100,
    frequency: 100,
  });

  it('follows s_t = s_f + (s_i − s_f)(1 − (t − t0)/(nΔt))³', () => {
    // t0 = 100, nΔt = 1000
    for (const t of [100, 200, 350, 600, 1000, 1100]) {
      const expected = 0.9 + (0.1 - 0.9) * (1 - (t - 100) / 1000) ** 3;
      expect(s(t)).toBeCloseTo(expected, 14);
    }
    expect(s(600)).toBeCloseTo(0.9 - 0.8 * 0.125, 14);
  });

  it('holds s_i before beginStep and s_f after endStep', () => {
    expect(s(0)).toBeCloseTo(0.1, 15);
    expect(s(5000)).toBe(0.9);
  });

  it('prunes every `frequency` steps within [beginStep, endStep], as TF-MOT', () => {
    const turns = Array.from({ length: 1300 }, (_, t) => t).filter((t) => s.shouldPrune(t));
    expect(turns).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100]);
  });

  it('defaults: initial 0, begin 0, frequency 100, power 3', () => {
    const d = polynomialDecaySparsity({ finalSparsity: 0.5, endStep: 10 });
    expect(d.name).toBe('polynomialDecaySparsity');
    expect(d.config).toEqual({
      initialSparsity: 0,
      finalSparsity: 0.5,
      beginStep: 0,
      endStep: 10,
      frequency: 100,
      power: 3,
    });
    expect(d(5)).toBeCloseTo(0.5 - 0.5 * 0.125, 15);
    const linear = polynomialDecaySparsity({ finalSparsity: 0.5, endStep: 10, power: 1 });
    expect(linear(5)).toBeCloseTo(0.25, 15);
  });

  it('rejects bad options', () => {
    expect(() => polynomialDecaySparsity({ finalSparsity: 1, endStep: 10 })).toThrow(
      'polynomialDecaySparsity: finalSparsity must be a finite number in [0, 1), got 1',
    );
    expect(() =>
      polynomialDecaySparsity({ finalSparsity: 0.5, beginStep: 10, endStep: 10 }),
    ).toThrow('polynomialDecaySparsity: endStep must be an integer > 10, got 10');
    expect(() =>
      polynomialDecaySparsity({ finalSparsity: 0.5, endStep: 10, frequency: 0 }),
    ).toThrow(/frequency must be an integer ≥ 1/);
    expect(() => s(-1)).toThrow(
      'polynomialDecaySparsity.call: step must be an integer ≥ 0, got -1',
    );
    expect(() => s.shouldPrune(1.5)).toThrow(tl.ValueError);
  });
});

describe('constantSparsity', () => {
  it('holds the target and prunes on every turn from beginStep, forever by default', () => {
    const s = constantSparsity({ targetSparsity: 0.6, beginStep: 5, frequency: 10 });
    expect([s(0), s(5), s(1e6)]).toEqual([0.6, 0.6, 0.6]);
    expect([4, 5, 14, 15, 1_000_005].map((t) => s.shouldPrune(t))).toEqual([
      false,
      true,
      false,
      true,
      true,
    ]);
    const bounded = constantSparsity({ targetSparsity: 0.6, endStep: 20, frequency: 10 });
    expect([0, 10, 20, 30].map((t) => bounded.shouldPrune(t))).toEqual([true, true, true, false]);
    expect(() => constantSparsity({ targetSparsity: 0.5, beginStep: 5, endStep: 3 })).toThrow(
      'constantSparsity: endStep must be -1 or ≥ beginStep (5), got 3',
    );
  });
});
