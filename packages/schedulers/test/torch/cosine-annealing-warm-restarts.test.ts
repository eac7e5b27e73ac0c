import { describe, expect, it } from 'vitest';
import { cosineAnnealingWarmRestarts } from '../../src/torch/cosine-annealing-warm-restarts.js';

describe('cosineAnnealingWarmRestarts', () => {
  it('restarts every t0 steps with tMult = 1 (the default)', () => {
    const s = cosineAnnealingWarmRestarts({ lr0: 1, t0: 10 });
    expect(s(0)).toBe(1);
    expect(s(5)).toBeCloseTo(0.5, 15);
    expect(s(10)).toBe(1);
    expect(s(15)).toBeCloseTo(0.5, 15);
    expect(s(1e6 + 5)).toBeCloseTo(0.5, 15);
    expect(s.params).toEqual({ lr0: 1, t0: 10, tMult: 1, etaMin: 0 });
  });

  it('lengthens each cycle by tMult: restarts at 10, 30, 70 for t0 = 10, tMult = 2', () => {
    const s = cosineAnnealingWarmRestarts({ lr0: 1, t0: 10, tMult: 2, etaMin: 0.1 });
    for (const restart of [0, 10, 30, 70, 150]) expect(s(restart)).toBe(1);
    expect(s(20)).toBeCloseTo(0.55, 15); // half way through the 20-step cycle
    expect(s(50)).toBeCloseTo(0.55, 15); // half way through the 40-step cycle
    expect(s(69.999)).toBeLessThan(0.1 + 1e-6);
  });

  it('wants integer t0 and tMult, as PyTorch does', () => {
    expect(() => cosineAnnealingWarmRestarts({ lr0: 1, t0: 2.5 })).toThrow(
      'cosineAnnealingWarmRestarts: t0 must be an integer, got 2.5',
    );
    expect(() => cosineAnnealingWarmRestarts({ lr0: 1, t0: 2, tMult: 0 })).toThrow(
      'cosineAnnealingWarmRestarts: tMult must be >= 1, got 0',
    );
  });
});
