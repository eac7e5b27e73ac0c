import '../helpers/backend.js';
import { describe, expect, it } from 'vitest';
import * as tl from '@tensile/core';
import { assertClose } from '@tensile/core/testing';
import { ALPHA_PRIME, alphaDropout, alphaDropoutCoefficients } from '../../src/index.js';
import { expectNoLeak, expectTensorDelta } from '../helpers/memory.js';

function moments(values: ArrayLike<number>): { mean: number; variance: number } {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  const mean = sum / values.length;
  let sq = 0;
  for (let i = 0; i < values.length; i++) sq += (values[i] - mean) ** 2;
  return { mean, variance: sq / values.length };
}

describe('alphaDropout keeps a standard normal input standard (10⁶ elements)', () => {
  for (const [rate, seed] of [
    [0.05, 1],
    [0.1, 2],
    [0.2, 3],
    [0.5, 4],
  ]) {
    it(`rate ${rate}: mean 0 ± 0.02, variance 1 ± 2%`, () => {
      const x = tl.randomNormal([1000, 1000], 0, 1, 'float32', 50 + seed);
      const y = expectTensorDelta(1, () => alphaDropout(x, rate, { seed }));
      const { mean, variance } = moments(y.dataSync());
      expect(Math.abs(mean)).toBeLessThan(0.02);
      expect(Math.abs(variance - 1)).toBeLessThan(0.02);
      tl.dispose([x, y]);
    });
  }
});

describe('alphaDropout', () => {
  it("has PyTorch's coefficients: a = ((1 − p)(1 + p·α'²))^(−1/2), b = −a·α'·p", () => {
    expect(ALPHA_PRIME).toBeCloseTo(-1.7580993408473766, 15);
    for (const p of [0, 0.1, 0.3, 0.9]) {
      // torch/csrc/.../Dropout.cpp: a = 1/√((α²p + 1)(1 − p)), b = α·a·p with α = 1.7580993408473766
      const alpha = 1.7580993408473766;
      const a = 1 / Math.sqrt((alpha * alpha * p + 1) * (1 - p));
      const c = alphaDropoutCoefficients(p);
      expect(c.a).toBeCloseTo(a, 14);
      expect(c.b).toBeCloseTo(alpha * a * p, 14);
    }
  });

  it("maps kept units to a·x + b and dropped ones to a·α' + b", () => {
    const rate = 0.3;
    const x = tl.randomNormal([2000], 0, 1, 'float32', 7);
    const y = alphaDropout(x, rate, { seed: 8 });
    const mask = tl.dropoutMask([2000], rate, 'float32', 8);
    const { a, b } = alphaDropoutCoefficients(rate);
    const m = mask.dataSync();
    const expected = Array.from(x.dataSync(), (v, i) => (m[i] ? a * v + b : a * ALPHA_PRIME + b));
    assertClose(y.dataSync(), expected);
    tl.dispose([x, y, mask]);
  });

  it('is the identity in inference and at rate 0', () => {
    const x = tl.randomNormal([50], 0, 1, 'float32', 1);
    for (const y of [alphaDropout(x, 0.2, { training: false }), alphaDropout(x, 0)]) {
      expect(Array.from(y.dataSync())).toEqual(Array.from(x.dataSync()));
      y.dispose();
    }
    x.dispose();
  });

  it('has gradient a·mask and leaks nothing under autodiff', () => {
    const x = tl.randomNormal([40], 0, 1, 'float32', 2);
    expectNoLeak(() => {
      const g = tl.grad((t) => tl.sum(alphaDropout(t, 0.2, { seed: 4 })))(x);
      const mask = tl.dropoutMask([40], 0.2, 'float32', 4);
      const { a } = alphaDropoutCoefficients(0.2);
      assertClose(
        g.dataSync(),
        Array.from(mask.dataSync(), (m) => a * m),
      );
      return [g, mask];
    });
    x.dispose();
  });

  it('supports noiseShape and names itself in errors', () => {
    const x = tl.randomNormal([2, 3, 4], 0, 1, 'float32', 3);
    const y = alphaDropout(x, 0.5, { seed: 2, noiseShape: [2, 1, 4] });
    const v = y.dataSync();
    const dropped = alphaDropoutCoefficients(0.5);
    const fill = dropped.a * ALPHA_PRIME + dropped.b;
    for (let b = 0; b < 2; b++) {
      for (let c = 0; c < 4; c++) {
        const isDropped = Math.abs(v[b * 12 + c] - fill) < 1e-6;
        for (let t = 1; t < 3; t++) {
          expect(Math.abs(v[b * 12 + t * 4 + c] - fill) < 1e-6).toBe(isDropped);
        }
      }
    }
    expect(() => alphaDropout(x, 1)).toThrow(
      'alphaDropout: rate must be a finite number in [0, 1), got 1',
    );
    tl.dispose([x, y]);
  });
});
