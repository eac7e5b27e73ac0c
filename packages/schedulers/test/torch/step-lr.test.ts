import { describe, expect, it } from 'vitest';
import { stepLR } from '../../src/torch/step-lr.js';
import { multiStepLR } from '../../src/torch/multi-step-lr.js';
import { exponentialLR } from '../../src/torch/exponential-lr.js';

describe('stepLR', () => {
  it('multiplies by γ (0.1 by default) every stepSize steps, at the step itself', () => {
    const s = stepLR({ lr0: 1, stepSize: 30 });
    expect([s(0), s(29), s(29.9), s(30), s(59), s(60)]).toEqual([1, 1, 1, 0.1, 0.1, 0.1 * 0.1]);
    expect(s.params).toEqual({ lr0: 1, stepSize: 30, gamma: 0.1 });
  });
});

describe('multiStepLR', () => {
  it('counts the milestones reached, in any order, a repeated one twice', () => {
    const s = multiStepLR({ lr0: 1, milestones: [80, 30, 30], gamma: 0.5 });
    expect([s(0), s(29), s(30), s(79), s(80)]).toEqual([1, 1, 0.25, 0.25, 0.125]);
  });

  it('applies a milestone at 0 from the start, as PyTorch does', () => {
    expect(multiStepLR({ lr0: 1, milestones: [0] })(0)).toBeCloseTo(0.1, 15);
  });

  it('wants integer milestones', () => {
    expect(() => multiStepLR({ lr0: 1, milestones: [1.5] })).toThrow(
      'multiStepLR: milestones[0] must be an integer, got 1.5',
    );
  });
});

describe('exponentialLR', () => {
  it('is lr0·γ^t', () => {
    const s = exponentialLR({ lr0: 2, gamma: 0.5 });
    expect([s(0), s(1), s(3)]).toEqual([2, 1, 0.25]);
  });
});
