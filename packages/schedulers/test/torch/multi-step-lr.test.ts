import { describe, expect, it } from 'vitest';
import { multiStepLR } from '../../src/torch/multi-step-lr.js';

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
