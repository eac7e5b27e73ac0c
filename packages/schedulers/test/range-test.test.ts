import { describe, expect, it } from 'vitest';
import { TensileError } from '@tensile/core';
import { lrRangeTest } from '../src/range-test.js';
import { Rng } from './helpers/random.js';

/**
 * SGD on f(x) = a·x²/2 with noisy gradients a·x + σ·ξ: x ← (1 − lr·a)·x − lr·σ·ξ, which diverges
 * exactly when lr > 2/a. The noise gives the loss a floor, as mini-batches do, so the curve falls,
 * flattens, then shoots up past 2/a.
 */
function noisyQuadratic(a: number, seed: number, sigma = 1) {
  const rng = new Rng(seed);
  let x = 1;
  return (lr: number): number => {
    x -= lr * (a * x + sigma * rng.normal());
    return (a * x * x) / 2;
  };
}

describe('lrRangeTest', () => {
  it.each([
    [1, 1],
    [10, 2],
    [10, 3],
    [100, 4],
    [100, 5],
  ])(
    'on a quadratic with a = %d (seed %d) suggests an lr safely below the divergence at 2/a',
    async (a, seed) => {
      const divergence = 2 / a;
      const result = await lrRangeTest({ step: noisyQuadratic(a, seed), minLr: 1e-5, maxLr: 10 });
      expect(result.stopReason).toBe('diverged');
      expect(result.suggestion).toBeLessThan(divergence);
      expect(result.suggestion).toBeGreaterThan(divergence / 100);
      expect(result.suggestion).toBe(result.minLossLr / 10);
      // The test stops soon after the divergence, not at maxLr.
      expect(result.lrs[result.lrs.length - 1]).toBeLessThan(10 * divergence);
    },
  );

  it('tries geometrically spaced lrs from minLr to maxLr', async () => {
    const result = await lrRangeTest({ step: () => 1, minLr: 1e-4, maxLr: 1, numSteps: 5 });
    expect(result.stopReason).toBe('completed');
    expect(result.lrs.map((lr) => Number(lr.toPrecision(12)))).toEqual([1e-4, 1e-3, 1e-2, 1e-1, 1]);
  });

  it('bias-corrects the moving average, so a constant loss is smoothed to itself', async () => {
    const result = await lrRangeTest({ step: () => 2.5, numSteps: 10 });
    for (const s of result.smoothedLosses) expect(s).toBeCloseTo(2.5, 12);
    expect(result.losses).toEqual(Array(10).fill(2.5));
  });

  it('awaits an async step and passes the iteration', async () => {
    const seen: number[] = [];
    const result = await lrRangeTest({
      step: async (_lr, i) => {
        seen.push(i);
        await Promise.resolve();
        return 1;
      },
      numSteps: 4,
    });
    expect(seen).toEqual([0, 1, 2, 3]);
    expect(result.losses).toHaveLength(4);
  });

  it('stops at a non-finite loss and keeps the curve before it', async () => {
    const losses = [3, 2, 1, NaN, 0];
    const result = await lrRangeTest({ step: (_lr, i) => losses[i], numSteps: 5, smoothing: 0 });
    expect(result.stopReason).toBe('nonFinite');
    expect(result.losses).toEqual([3, 2, 1]);
    expect(result.minLossLr).toBe(result.lrs[2]);
  });

  it('stops when the smoothed loss exceeds divergeThreshold × best', async () => {
    const losses = [4, 2, 1, 3.9, 4.1, 1];
    const result = await lrRangeTest({ step: (_lr, i) => losses[i], numSteps: 6, smoothing: 0 });
    expect(result.stopReason).toBe('diverged');
    expect(result.losses).toEqual([4, 2, 1, 3.9, 4.1]);
  });

  it('rejects a non-finite first loss and a step returning no number', async () => {
    await expect(lrRangeTest({ step: () => Infinity })).rejects.toThrow(
      'lrRangeTest: the loss at the first lr (1e-7) is Infinity; lower minLr',
    );
    await expect(lrRangeTest({ step: () => '1' as unknown as number })).rejects.toThrow(
      "lrRangeTest: step must be a function returning the loss as a number, got '1'",
    );
  });

  it.each([
    [{ minLr: 0 }, 'lrRangeTest: minLr must be > 0, got 0'],
    [{ minLr: 1, maxLr: 0.5 }, 'lrRangeTest: maxLr must be > 1, got 0.5'],
    [{ numSteps: 1 }, 'lrRangeTest: numSteps must be >= 2, got 1'],
    [{ smoothing: 1 }, 'lrRangeTest: smoothing must be in [0, 1), got 1'],
    [{ divergeThreshold: 1 }, 'lrRangeTest: divergeThreshold must be > 1, got 1'],
    [{ step: undefined }, 'lrRangeTest: step must be a function, got undefined'],
  ])('rejects bad options %o', async (options, message) => {
    const call = lrRangeTest({ step: () => 1, ...options } as never);
    await expect(call).rejects.toBeInstanceOf(TensileError);
    await expect(call).rejects.toThrow(message);
  });
});
