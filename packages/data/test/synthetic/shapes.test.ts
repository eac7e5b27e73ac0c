// The geometry of each set: where the points lie, with the noise switched off.
import * as tl from '@tensile/core';
import '@tensile/backend-cpu';
import { describe, expect, it } from 'vitest';
import { blobs, circles, moons, spiral, xor } from '../../src/index.js';
import type { SyntheticData } from '../../src/index.js';

function points(d: SyntheticData): { p: [number, number][]; y: number[] } {
  const x = d.x.dataSync();
  const y = Array.from(d.y.dataSync());
  tl.dispose([d.x, d.y]);
  return { p: y.map((_, i) => [x[2 * i], x[2 * i + 1]] as [number, number]), y };
}

describe('geometry without noise', () => {
  it('spiral: arm k at radius r = i/(N−1), angle 4k + 4r, as (r sin θ, r cos θ)', () => {
    const { p, y } = points(spiral({ classes: 2, perClass: 5, noise: 0, shuffle: false, seed: 0 }));
    expect(y).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    p.forEach(([a, b], row) => {
      const k = Math.floor(row / 5);
      const r = (row % 5) / 4;
      const theta = 4 * k + 4 * r;
      expect(a).toBeCloseTo(r * Math.sin(theta), 6);
      expect(b).toBeCloseTo(r * Math.cos(theta), 6);
    });
  });

  it('xor: class 1 exactly where the coordinates have opposite signs', () => {
    const { p, y } = points(xor({ n: 200, seed: 3 }));
    p.forEach(([a, b], i) => {
      expect(Math.abs(a)).toBeLessThanOrEqual(1);
      expect(y[i]).toBe(a * b < 0 ? 1 : 0);
    });
  });

  it('circles: class 0 on the unit circle, class 1 on the circle of radius factor', () => {
    const { p, y } = points(circles({ n: 40, factor: 0.3, seed: 3 }));
    p.forEach(([a, b], i) => expect(Math.hypot(a, b)).toBeCloseTo(y[i] === 0 ? 1 : 0.3, 6));
  });

  it("moons: sklearn's two interleaved half circles", () => {
    const { p, y } = points(moons({ n: 7, shuffle: false, seed: 0 }));
    expect(y).toEqual([0, 0, 0, 1, 1, 1, 1]);
    // Outer: t = 0, π/2, π → (1, 0), (0, 1), (−1, 0). Inner: (1 − cos t, 1 − sin t − 0.5).
    const expected = [
      [1, 0],
      [0, 1],
      [-1, 0],
      [0, 0.5],
      [0.5, 1 - Math.sin(Math.PI / 3) - 0.5],
      [1.5, 1 - Math.sin((2 * Math.PI) / 3) - 0.5],
      [2, 0.5],
    ];
    p.forEach(([a, b], i) => {
      expect(a).toBeCloseTo(expected[i][0], 6);
      expect(b).toBeCloseTo(expected[i][1], 6);
    });
  });

  it('blobs: points scatter around given centers with the given spread', () => {
    const centers = [
      [0, 0],
      [10, -10],
    ];
    const { p, y } = points(blobs({ n: 4000, centers, clusterStd: [0.5, 2], seed: 1 }));
    for (const c of [0, 1]) {
      const mine = p.filter((_, i) => y[i] === c);
      const mean = [0, 1].map((f) => mine.reduce((s, q) => s + q[f], 0) / mine.length);
      const std = Math.sqrt(mine.reduce((s, q) => s + (q[0] - mean[0]) ** 2, 0) / mine.length);
      expect(mean[0]).toBeCloseTo(centers[c][0], 0);
      expect(mean[1]).toBeCloseTo(centers[c][1], 0);
      expect(std).toBeCloseTo(c === 0 ? 0.5 : 2, 1);
    }
  });

  it('blobs: drawn centers lie in centerBox, in any number of features', () => {
    const d = blobs({ n: 30, centers: 3, nFeatures: 5, clusterStd: 0, centerBox: [2, 3], seed: 4 });
    expect(d.x.shape).toEqual([30, 5]);
    expect(Array.from(d.x.dataSync()).every((v) => v >= 2 && v < 3)).toBe(true);
    tl.dispose([d.x, d.y]);
  });
});
