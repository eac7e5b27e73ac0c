// dropout and alphaDropout layers over @tensile/regularization: identity in inference, inverted
// scaling in training, seeded and advancing masks, SELU statistics preserved.
import '@tensile/backend-cpu';
import * as tl from '@tensile/core';
import { describe, expect, it } from 'vitest';
import { layers } from '../../src/index.js';

describe('dropout layers', () => {
  it('dropout: identity in inference; in training drops ≈ rate and scales the rest by 1/(1 − rate)', () => {
    const layer = layers.dropout({ rate: 0.25 });
    tl.tidy(() => {
      const x = tl.ones([200, 50]);
      expect(Array.from(layer.apply(x).dataSync()).every((v) => v === 1)).toBe(true);
      const y = layer.apply(x, { training: true }).dataSync();
      const dropped = y.filter((v) => v === 0).length / y.length;
      expect(Math.abs(dropped - 0.25)).toBeLessThan(0.02);
      expect(y.filter((v) => v !== 0).every((v) => Math.abs(v - 4 / 3) < 1e-6)).toBe(true);
    });
  });

  it('a seed makes masks reproducible, and successive calls still differ', () => {
    tl.tidy(() => {
      const x = tl.ones([4, 8]);
      const a = layers.dropout({ rate: 0.5, seed: 7 });
      const b = layers.dropout({ rate: 0.5, seed: 7 });
      const a1 = Array.from(a.apply(x, { training: true }).dataSync());
      const a2 = Array.from(a.apply(x, { training: true }).dataSync());
      expect(Array.from(b.apply(x, { training: true }).dataSync())).toEqual(a1);
      expect(a2).not.toEqual(a1);
      // noiseShape [batch, 1] drops whole rows.
      const rows = layers
        .dropout({ rate: 0.5, noiseShape: [null, 1], seed: 3 })
        .apply(x, { training: true })
        .arraySync() as number[][];
      for (const row of rows) expect(new Set(row).size).toBe(1);
    });
  });

  it('alphaDropout keeps mean 0 and variance 1 of SELU-normalized inputs', () => {
    tl.tidy(() => {
      const x = tl.randomNormal([400, 100], 0, 1, 'float32', 2);
      const y = layers.alphaDropout({ rate: 0.2, seed: 1 }).apply(x, { training: true });
      const { mean, variance } = tl.moments(y);
      expect(Math.abs(mean.dataSync()[0])).toBeLessThan(0.02);
      expect(Math.abs(variance.dataSync()[0] - 1)).toBeLessThan(0.03);
    });
  });

  it('rejects a rate outside [0, 1)', () => {
    expect(() => layers.dropout({ rate: 1 })).toThrow(/rate must be a number in \[0, 1\)/);
    expect(() => layers.alphaDropout({ rate: -0.1 })).toThrow(/rate/);
    expect(layers.dropout({ rate: 0.1 }).getConfig()).toMatchObject({
      rate: 0.1,
      seed: null,
      noiseShape: null,
    });
  });
});
