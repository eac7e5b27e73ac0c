import { describe, expect, it } from 'vitest';
import { exponentialLR } from '../../src/torch/exponential-lr.js';

describe('exponentialLR', () => {
  it('is lr0·γ^t', () => {
    const s = exponentialLR({ lr0: 2, gamma: 0.5 });
    expect([s(0), s(1), s(3)]).toEqual([2, 1, 0.25]);
  });
});
