import { describe, expect, it } from 'vitest';
import { stepLR } from '../../src/torch/step-lr.js';

describe('stepLR', () => {
  it('multiplies by γ (0.1 by default) every stepSize steps, at the step itself', () => {
    const s = stepLR({ lr0: 1, stepSize: 30 });
    expect([s(0), s(29), s(29.9), s(30), s(59), s(60)]).toEqual([1, 1, 1, 0.1, 0.1, 0.1 * 0.1]);
    expect(s.params).toEqual({ lr0: 1, stepSize: 30, gamma: 0.1 });
  });
});
