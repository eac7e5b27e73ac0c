import { describe, expect, it } from 'vitest';
import { cyclicLR } from '../../src/torch/cyclic-lr.js';

describe('cyclicLR', () => {
  it('goes base → max → base over stepSizeUp + stepSizeDown steps, momentum the other way', () => {
    const s = cyclicLR({ baseLr: 0.1, maxLr: 1, stepSizeUp: 10, stepSizeDown: 30 });
    expect(s(0)).toBe(0.1);
    expect(s(5)).toBeCloseTo(0.55, 15);
    expect(s(10)).toBeCloseTo(1, 15);
    expect(s(25)).toBeCloseTo(0.55, 15);
    expect(s(40)).toBeCloseTo(0.1, 15);
    expect(s(50)).toBeCloseTo(1, 15);
    expect(s.momentum?.(0)).toBe(0.9);
    expect(s.momentum?.(10)).toBeCloseTo(0.8, 15);
  });

  it("uses PyTorch's defaults", () => {
    expect(cyclicLR({ baseLr: 0.001, maxLr: 0.006 }).params).toEqual({
      baseLr: 0.001,
      maxLr: 0.006,
      stepSizeUp: 2000,
      stepSizeDown: 2000,
      mode: 'triangular',
      gamma: 1,
      cycleMomentum: true,
      baseMomentum: 0.8,
      maxMomentum: 0.9,
    });
  });

  it('halves the amplitude each cycle in triangular2', () => {
    const s = cyclicLR({ baseLr: 0, maxLr: 1, stepSizeUp: 10, mode: 'triangular2' });
    expect([s(10), s(30), s(50)].map((x) => Number(x.toFixed(12)))).toEqual([1, 0.5, 0.25]);
  });

  it('scales the amplitude by γ^t in exp_range', () => {
    const s = cyclicLR({ baseLr: 0, maxLr: 1, stepSizeUp: 10, mode: 'exp_range', gamma: 0.99 });
    expect(s(10)).toBeCloseTo(0.99 ** 10, 14);
    expect(s(30)).toBeCloseTo(0.99 ** 30, 14);
    expect(s.momentum?.(30)).toBeCloseTo(0.9 - 0.1 * 0.99 ** 30, 14);
  });

  it('has no momentum when cycleMomentum is false', () => {
    expect(cyclicLR({ baseLr: 0, maxLr: 1, cycleMomentum: false }).momentum).toBeUndefined();
  });

  it('rejects an unknown mode', () => {
    expect(() => cyclicLR({ baseLr: 0, maxLr: 1, mode: 'triangle' as never })).toThrow(
      "cyclicLR: mode must be one of 'triangular', 'triangular2', 'exp_range', got 'triangle'",
    );
  });
});
