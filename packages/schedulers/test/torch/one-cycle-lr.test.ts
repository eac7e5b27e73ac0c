import { describe, expect, it } from 'vitest';
import { oneCycleLR } from '../../src/torch/one-cycle-lr.js';

describe('oneCycleLR', () => {
  const s = oneCycleLR({ maxLr: 1, totalSteps: 100 });
  const initial = 1 / 25;
  const final = initial / 1e4;

  it("uses PyTorch's defaults and shape: initial → max at pct·T − 1 → final at T − 1", () => {
    expect(s(0)).toBeCloseTo(initial, 15);
    expect(s(29)).toBeCloseTo(1, 12);
    expect(s(99)).toBeCloseTo(final, 15);
    expect(s.momentum?.(0)).toBe(0.95);
    expect(s.momentum?.(29)).toBeCloseTo(0.85, 12);
    expect(s.momentum?.(99)).toBeCloseTo(0.95, 15);
    expect(s.params).toEqual({
      maxLr: 1,
      totalSteps: 100,
      pctStart: 0.3,
      annealStrategy: 'cos',
      cycleMomentum: true,
      baseMomentum: 0.85,
      maxMomentum: 0.95,
      divFactor: 25,
      finalDivFactor: 1e4,
      threePhase: false,
    });
  });

  it('holds the final values from totalSteps − 1 on (PyTorch raises past totalSteps)', () => {
    for (const t of [99, 99.5, 100, 101, 1e6]) {
      expect(s(t)).toBe(s(99));
      expect(s.momentum?.(t)).toBe(s.momentum?.(99));
    }
  });

  it('never goes negative with the linear anneal (PyTorch does at t = totalSteps)', () => {
    const linear = oneCycleLR({ maxLr: 0.1, totalSteps: 100, annealStrategy: 'linear' });
    expect(linear(100)).toBeGreaterThan(0);
    expect(linear(100)).toBe(linear(99));
  });

  it('runs the three-phase shape: back to initial at 2·pct·T − 2, then down to final', () => {
    const three = oneCycleLR({ maxLr: 1, totalSteps: 100, threePhase: true });
    expect(three(29)).toBeCloseTo(1, 12);
    expect(three(58)).toBeCloseTo(initial, 12);
    expect(three(99)).toBeCloseTo(final, 15);
    expect(three.momentum?.(58)).toBeCloseTo(0.95, 12);
    expect(three.momentum?.(80)).toBeCloseTo(0.95, 12);
  });

  it('takes epochs × stepsPerEpoch instead of totalSteps', () => {
    const e = oneCycleLR({ maxLr: 1, epochs: 10, stepsPerEpoch: 10 });
    expect(e.params.totalSteps).toBe(100);
    expect(e(42)).toBe(s(42));
    expect(() => oneCycleLR({ maxLr: 1, totalSteps: 100, epochs: 10 })).toThrow(
      'oneCycleLR: give either totalSteps or epochs and stepsPerEpoch, not both',
    );
    expect(() => oneCycleLR({ maxLr: 1, epochs: 10 })).toThrow(
      'oneCycleLR: stepsPerEpoch must be an integer >= 1, got undefined',
    );
  });

  it('ignores lr0, as PyTorch ignores the optimizer lr', () => {
    const withLr0 = oneCycleLR({ maxLr: 1, totalSteps: 100, lr0: 123 });
    expect(withLr0(0)).toBeCloseTo(initial, 15);
    expect(withLr0.params).not.toHaveProperty('lr0');
  });

  it('has no momentum when cycleMomentum is false', () => {
    expect(oneCycleLR({ maxLr: 1, totalSteps: 10, cycleMomentum: false }).momentum).toBeUndefined();
  });

  it('stays finite in degenerate cycles (a one-step warm-up, a single step)', () => {
    const oneStepWarmup = oneCycleLR({ maxLr: 1, totalSteps: 10, pctStart: 0.1 });
    expect(oneStepWarmup(0)).toBe(1);
    const single = oneCycleLR({ maxLr: 1, totalSteps: 1 });
    expect(single(0)).toBeCloseTo(final, 15);
    const tinyThree = oneCycleLR({ maxLr: 1, totalSteps: 2, pctStart: 0.2, threePhase: true });
    for (const t of [0, 0.5, 1, 2]) expect(Number.isFinite(tinyThree(t))).toBe(true);
  });
});
