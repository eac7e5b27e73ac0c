import { describe, expect, it } from 'vitest';
import { RegressionMoments } from '../../src/state/moments.js';
import { rng, splits } from '../helpers.js';

function reduce(t: number[], p: number[], cuts: number[]): RegressionMoments {
  const whole = new RegressionMoments();
  for (let k = 0; k + 1 < cuts.length; k++) {
    const part = new RegressionMoments();
    part.update(
      Float64Array.from(t.slice(cuts[k], cuts[k + 1])),
      Float64Array.from(p.slice(cuts[k], cuts[k + 1])),
      cuts[k + 1] - cuts[k],
      1,
    );
    whole.merge(part);
  }
  return whole;
}

describe('RegressionMoments', () => {
  it("merges batches with Chan's update to the two-pass moments", () => {
    const random = rng(2);
    const t = Array.from({ length: 300 }, () => 1e6 + random());
    const p = t.map((v) => v + random() - 0.5);
    const mean = t.reduce((a, b) => a + b, 0) / t.length;
    const m2 = t.reduce((a, b) => a + (b - mean) ** 2, 0);
    const m = reduce(t, p, splits(random, t.length, 9));
    expect(m.y.weight[0]).toBe(300);
    expect(m.y.mean[0]).toBeCloseTo(mean, 8);
    expect(Math.abs(m.y.m2[0] - m2) / m2).toBeLessThan(1e-8);
    expect(m.sse[0]).toBeCloseTo(
      t.reduce((a, v, i) => a + (v - p[i]) ** 2, 0),
      8,
    );
  });

  it('keeps constant data exactly constant', () => {
    const m = reduce([0.1, 0.1, 0.1, 0.1, 0.1], [0.1, 0.1, 0.1, 0.1, 0.3], [0, 2, 3, 5]);
    expect(m.y.m2[0]).toBe(0);
    expect(m.y.mean[0]).toBe(0.1);
  });
});
