import { describe, expect, it } from 'vitest';
import { cosineAnnealingLR } from '../../src/torch/cosine-annealing-lr.js';

describe('cosineAnnealingLR', () => {
  const s = cosineAnnealingLR({ lr0: 0.1, tMax: 40, etaMin: 0.001 });

  it('runs from lr0 to etaMin over tMax steps', () => {
    expect(s(0)).toBe(0.1);
    expect(s(20)).toBeCloseTo((0.1 + 0.001) / 2, 15);
    expect(s(40)).toBeCloseTo(0.001, 15);
  });

  it('keeps following the cosine past tMax, like PyTorch: it rises back to lr0 at 2·tMax', () => {
    expect(s(60)).toBeCloseTo(s(20), 15);
    expect(s(80)).toBeCloseTo(0.1, 15);
    expect(s(80 * 12_500 + 40)).toBeCloseTo(0.001, 15);
  });

  it('defaults etaMin to 0', () => {
    expect(cosineAnnealingLR({ lr0: 1, tMax: 10 }).params).toEqual({ lr0: 1, tMax: 10, etaMin: 0 });
  });
});
