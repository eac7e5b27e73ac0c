import '../helpers/backend.js';
import { describe, expect, it } from 'vitest';
import * as tl from '@tensile/core';
import { assertClose } from '@tensile/core/testing';
import { randomContrast } from '../../src/index.js';

describe('randomContrast', () => {
  const [N, H, W, C] = [20, 4, 5, 3];
  const x = tl.randomUniform([N, H, W, C], 0, 1, 'float32', 9);

  /** Per image and channel: the mean over the pixels. */
  function channelMeans(t: tl.Tensor): number[] {
    const m = tl.mean(t, [1, 2]);
    const out = Array.from(m.dataSync());
    m.dispose();
    return out;
  }

  it('scales each image about its per-channel mean by one factor in [1 − f, 1 + f]', () => {
    const y = randomContrast(x, { factor: 0.4, seed: 4 });
    assertClose(channelMeans(y), channelMeans(x), { rtol: 1e-5, atol: 1e-6 });
    const [xs, ys] = [x.dataSync(), y.dataSync()];
    const means = channelMeans(x);
    const factors: number[] = [];
    for (let b = 0; b < N; b++) {
      // (y − m) = f·(x − m) for every pixel and channel, with the same f.
      const i0 = b * H * W * C;
      const f = (ys[i0] - means[b * C]) / (xs[i0] - means[b * C]);
      for (let i = 0; i < H * W * C; i++) {
        const c = i % C;
        const m = means[b * C + c];
        expect(ys[i0 + i] - m).toBeCloseTo(f * (xs[i0 + i] - m), 5);
      }
      expect(f).toBeGreaterThanOrEqual(0.6 - 1e-4);
      expect(f).toBeLessThanOrEqual(1.4 + 1e-4);
      factors.push(f);
    }
    expect(new Set(factors.map((f) => f.toFixed(3))).size).toBeGreaterThan(10);
    y.dispose();
  });

  it('[lower, upper] draws from [1 − lower, 1 + upper]; valueRange clips', () => {
    const y = randomContrast(x, { factor: [0, 3], valueRange: [0, 1], seed: 5 });
    const v = y.dataSync();
    expect(Math.min(...v)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...v)).toBeLessThanOrEqual(1);
    expect(Array.from(v).filter((e) => e === 0 || e === 1).length).toBeGreaterThan(0);
    y.dispose();
  });

  it('is differentiable', () => {
    const g = tl.grad((t) => tl.sum(randomContrast(t, { factor: 0.5, seed: 1 })))(x);
    // Σ((x − m)f + m) = Σx per channel (the centred part sums to 0): gradient 1 everywhere.
    assertClose(g.dataSync(), new Array(N * H * W * C).fill(1), { rtol: 1e-4, atol: 1e-5 });
    g.dispose();
  });

  it('rejects bad factors and ranges', () => {
    expect(() => randomContrast(x, { factor: 1.5 })).toThrow(
      'randomContrast: factor must be a finite number in [0, 1], got 1.5',
    );
    expect(() => randomContrast(x, { factor: 0.2, valueRange: [1, 0] })).toThrow(
      'randomContrast: valueRange must have lo < hi, got [1, 0]',
    );
  });
});
