import { describe, expect, it } from 'vitest';
import {
  constant,
  exponentialDecay,
  inverseSqrtDecay,
  inverseTimeDecay,
  piecewiseConstant,
  powerDecay,
} from '../src/closed-form.js';

describe('constant', () => {
  it('is lr0 everywhere', () => {
    const s = constant({ lr0: 0.1 });
    expect([s(0), s(7.5), s(1e6)]).toEqual([0.1, 0.1, 0.1]);
    expect(s.params).toEqual({ lr0: 0.1 });
  });
});

describe('powerDecay', () => {
  it('halves after s steps when c = 1 (the default)', () => {
    const s = powerDecay({ lr0: 0.1, s: 20 });
    expect(s(0)).toBe(0.1);
    expect(s(20)).toBeCloseTo(0.05, 15);
    expect(s(60)).toBeCloseTo(0.025, 15);
    expect(s.params).toEqual({ lr0: 0.1, s: 20, c: 1 });
  });

  it('applies the power', () => {
    expect(powerDecay({ lr0: 1, s: 10, c: 2 })(10)).toBeCloseTo(0.25, 15);
    expect(powerDecay({ lr0: 1, s: 10, c: 0 })(1e6)).toBe(1);
  });
});

describe('exponentialDecay', () => {
  it('drops tenfold every s steps', () => {
    const s = exponentialDecay({ lr0: 0.1, s: 40 });
    expect(s(40)).toBeCloseTo(0.01, 15);
    expect(s(20)).toBeCloseTo(0.1 / Math.sqrt(10), 15);
    expect(s.params).toEqual({ lr0: 0.1, s: 40 });
  });

  it('has a per-step rate form', () => {
    const s = exponentialDecay({ lr0: 0.1, rate: 0.5 });
    expect(s(3)).toBeCloseTo(0.0125, 15);
    expect(s.params).toEqual({ lr0: 0.1, rate: 0.5 });
  });

  it('wants exactly one of s and rate', () => {
    expect(() => exponentialDecay({ lr0: 0.1 } as never)).toThrow(
      'exponentialDecay: give exactly one of s and rate',
    );
    expect(() => exponentialDecay({ lr0: 0.1, s: 1, rate: 0.5 } as never)).toThrow(
      'exponentialDecay: give exactly one of s and rate',
    );
  });
});

describe('inverseTimeDecay', () => {
  it('is lr0/(1 + γt)', () => {
    const s = inverseTimeDecay({ lr0: 0.1, gamma: 0.05 });
    expect(s(20)).toBeCloseTo(0.05, 15);
    expect(inverseTimeDecay({ lr0: 0.1, gamma: 0 })(1e6)).toBe(0.1);
  });
});

describe('inverseSqrtDecay', () => {
  it('is lr0·k/√(t + 1), k = 1 by default', () => {
    expect(inverseSqrtDecay({ lr0: 0.1, k: 0.5 })(3)).toBeCloseTo(0.025, 15);
    const s = inverseSqrtDecay({ lr0: 0.1 });
    expect(s(99)).toBeCloseTo(0.01, 15);
    expect(s.params).toEqual({ lr0: 0.1, k: 1 });
  });
});

describe('piecewiseConstant', () => {
  const s = piecewiseConstant({ boundaries: [30, 70], values: [0.1, 0.05, 0.01] });

  it('switches one step after each boundary (Keras convention)', () => {
    expect([s(0), s(30), s(30.5), s(31), s(70), s(71), s(1e6)]).toEqual([
      0.1, 0.1, 0.05, 0.05, 0.05, 0.01, 0.01,
    ]);
  });

  it('copies its arrays', () => {
    const boundaries = [5];
    const values = [1, 2];
    const p = piecewiseConstant({ boundaries, values });
    boundaries[0] = 0;
    values[1] = 9;
    expect(p(6)).toBe(2);
    expect(p.params).toEqual({ boundaries: [5], values: [1, 2] });
  });

  it('rejects a values/boundaries length mismatch and unsorted boundaries', () => {
    expect(() => piecewiseConstant({ boundaries: [1, 2], values: [1, 2] })).toThrow(
      'piecewiseConstant: values must have one more entry than boundaries, got 2 values for 2 boundaries',
    );
    expect(() => piecewiseConstant({ boundaries: [2, 1], values: [1, 2, 3] })).toThrow(
      'piecewiseConstant: boundaries must be strictly increasing',
    );
  });

  it('with no boundaries is a constant', () => {
    expect(piecewiseConstant({ boundaries: [], values: [0.3] })(1e6)).toBe(0.3);
  });
});
