import { describe, expect, it } from 'vitest';
import { linearLR } from '../../src/torch/linear-lr.js';

describe('linearLR', () => {
  it("uses PyTorch's defaults: 1/3 → 1 over 5 steps", () => {
    const s = linearLR({ lr0: 0.3 });
    expect(s(0)).toBeCloseTo(0.1, 15);
    expect(s(5)).toBeCloseTo(0.3, 15);
    expect(s.params).toEqual({ lr0: 0.3, startFactor: 1 / 3, endFactor: 1, totalIters: 5 });
  });

  it('holds lr0·endFactor after totalIters', () => {
    const s = linearLR({ lr0: 1, startFactor: 1, endFactor: 0.5, totalIters: 10 });
    expect(s(5)).toBeCloseTo(0.75, 15);
    expect(s(10)).toBe(0.5);
    expect(s(1e6)).toBe(0.5);
  });

  it('bounds the factors as PyTorch does', () => {
    expect(() => linearLR({ lr0: 1, startFactor: 0 })).toThrow(
      'linearLR: startFactor must be in (0, 1], got 0',
    );
    expect(() => linearLR({ lr0: 1, endFactor: 1.5 })).toThrow(
      'linearLR: endFactor must be in [0, 1], got 1.5',
    );
  });
});
