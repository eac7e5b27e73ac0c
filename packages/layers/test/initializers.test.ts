// Initializer statistics on a 1000×1000 kernel (empirical variance within 2% of the formula),
// orthogonality, seeds, configs, and the default initializer that follows the activation.
import '@tensile/backend-cpu';
import * as tl from '@tensile/core';
import { describe, expect, it } from 'vitest';
import { initializers, layers } from '../src/index.js';
import type { Initializer } from '../src/initializers.js';

const N = 1000;

function moments(values: ArrayLike<number>): { mean: number; variance: number } {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  const mean = sum / values.length;
  let sq = 0;
  for (let i = 0; i < values.length; i++) sq += (values[i] - mean) ** 2;
  return { mean, variance: sq / values.length };
}

/** Variance of a standard normal truncated to [−2, 2]: 1 − 4φ(2)/(2Φ(2) − 1). */
const TRUNCATED_VARIANCE =
  1 - (4 * Math.exp(-2) * Math.SQRT1_2) / Math.sqrt(Math.PI) / 0.9544997361036416;

// fan_in = fan_out = 1000 for a [1000, 1000] kernel.
const CASES: Array<[string, Initializer, number]> = [
  ['glorotNormal (1/fan_avg)', initializers.glorotNormal({ seed: 1 }), 1 / N],
  ['glorotUniform (1/fan_avg)', initializers.glorotUniform({ seed: 2 }), 1 / N],
  ['heNormal (2/fan_in)', initializers.heNormal({ seed: 3 }), 2 / N],
  ['heUniform (2/fan_in)', initializers.heUniform({ seed: 4 }), 2 / N],
  ['lecunNormal (1/fan_in)', initializers.lecunNormal({ seed: 5 }), 1 / N],
  ['lecunUniform (1/fan_in)', initializers.lecunUniform({ seed: 6 }), 1 / N],
  ['randomNormal (stddev²)', initializers.randomNormal({ stddev: 0.05, seed: 7 }), 0.05 ** 2],
  [
    'randomUniform ((b − a)²/12)',
    initializers.randomUniform({ minval: -0.1, maxval: 0.3, seed: 8 }),
    0.4 ** 2 / 12,
  ],
  [
    'truncatedNormal (0.774·stddev²)',
    initializers.truncatedNormal({ stddev: 0.05, seed: 9 }),
    0.05 ** 2 * TRUNCATED_VARIANCE,
  ],
  ['orthogonal (gain²/n)', initializers.orthogonal({ seed: 10 }), 1 / N],
  [
    'varianceScaling truncatedNormal (scale/fan_out)',
    initializers.varianceScaling({
      scale: 3,
      mode: 'fanOut',
      distribution: 'truncatedNormal',
      seed: 11,
    }),
    3 / N,
  ],
];

describe('initializers', () => {
  for (const [name, init, expected] of CASES) {
    it(`${name}: empirical variance within 2% of the formula on ${N}×${N}`, () => {
      const before = tl.memory().numTensors;
      const t = init([N, N]);
      const { mean, variance } = moments(t.dataSync());
      t.dispose();
      expect(Math.abs(variance / expected - 1)).toBeLessThan(0.02);
      expect(Math.abs(mean)).toBeLessThan(
        name.startsWith('randomUniform') ? 0.1 + 0.002 : 5 * Math.sqrt(expected / (N * N)) + 1e-4,
      );
      expect(tl.memory().numTensors).toBe(before);
    });
  }

  it('uniform variants stay within ±√(3σ²)', () => {
    const t = initializers.heUniform({ seed: 1 })([200, 50]);
    const limit = Math.sqrt(3 * (2 / 200));
    const v = t.dataSync();
    t.dispose();
    expect(Math.max(...v)).toBeLessThanOrEqual(limit);
    expect(Math.min(...v)).toBeGreaterThanOrEqual(-limit);
  });

  it('orthogonal: QᵀQ = I for tall, rows orthonormal for wide, gain scales', () => {
    tl.tidy(() => {
      const tall = initializers.orthogonal({ seed: 2 })([30, 10]);
      const eye = tl.matMul(tall, tall, true, false).dataSync();
      for (let i = 0; i < 10; i++)
        for (let j = 0; j < 10; j++) expect(eye[i * 10 + j]).toBeCloseTo(i === j ? 1 : 0, 5);
      const wide = initializers.orthogonal({ seed: 3, gain: 2 })([4, 16]);
      const rows = tl.matMul(wide, wide, false, true).dataSync();
      for (let i = 0; i < 4; i++)
        for (let j = 0; j < 4; j++) expect(rows[i * 4 + j]).toBeCloseTo(i === j ? 4 : 0, 4);
      expect(() => initializers.orthogonal()([5])).toThrow(/rank ≥ 2/);
    });
  });

  it('zeros, ones and constant are exact', () => {
    tl.tidy(() => {
      expect(Array.from(initializers.zeros()([2, 2]).dataSync())).toEqual([0, 0, 0, 0]);
      expect(Array.from(initializers.ones()([3]).dataSync())).toEqual([1, 1, 1]);
      expect(Array.from(initializers.constant({ value: 0.5 })([2]).dataSync())).toEqual([0.5, 0.5]);
    });
  });

  it('fans follow Keras: conv kernels HWIO multiply by the receptive field', () => {
    expect(initializers.computeFans([3, 3, 16, 32])).toEqual({ fanIn: 144, fanOut: 288 });
    expect(initializers.computeFans([784, 256])).toEqual({ fanIn: 784, fanOut: 256 });
    expect(initializers.computeFans([7])).toEqual({ fanIn: 7, fanOut: 7 });
  });

  it('a seed gives the same values; the global seed makes unseeded draws reproducible', () => {
    tl.tidy(() => {
      const a = initializers.glorotUniform({ seed: 42 })([5, 5]).dataSync();
      const b = initializers.glorotUniform({ seed: 42 })([5, 5]).dataSync();
      expect(Array.from(a)).toEqual(Array.from(b));
      tl.setSeed(9);
      const c = initializers.heNormal()([5, 5]).dataSync();
      tl.setSeed(9);
      const d = initializers.heNormal()([5, 5]).dataSync();
      expect(Array.from(c)).toEqual(Array.from(d));
    });
  });

  it('serializes to {name, config} and rebuilds by getInitializer', () => {
    const init = initializers.randomUniform({ minval: -1, maxval: 2, seed: 3 });
    const saved = JSON.parse(JSON.stringify(init)) as initializers.SerializedInitializer;
    expect(saved).toEqual({ name: 'randomUniform', config: { minval: -1, maxval: 2, seed: 3 } });
    const rebuilt = initializers.getInitializer(saved);
    tl.tidy(() => {
      expect(Array.from(rebuilt([4]).dataSync())).toEqual(Array.from(init([4]).dataSync()));
    });
    expect(initializers.getInitializer('heNormal').name).toBe('heNormal');
    expect(() => initializers.getInitializer('kaiming')).toThrow(/one of glorotNormal/);
    expect(() => initializers.randomUniform({ minval: 1, maxval: 1 })).toThrow(/maxval/);
    expect(() => initializers.heNormal({ seed: -1 })).toThrow(/seed/);
  });

  it('the default kernel initializer follows the activation: He for ReLU family, LeCun for SELU, Glorot otherwise', () => {
    const expected: Record<string, string> = {
      relu: 'heNormal',
      leakyRelu: 'heNormal',
      elu: 'heNormal',
      gelu: 'heNormal',
      silu: 'heNormal',
      mish: 'heNormal',
      selu: 'lecunNormal',
      tanh: 'glorotUniform',
      sigmoid: 'glorotUniform',
      softmax: 'glorotUniform',
      linear: 'glorotUniform',
    };
    for (const [activation, name] of Object.entries(expected)) {
      const config = layers.dense({ units: 2, activation: activation as 'relu' }).getConfig();
      expect((config.kernelInitializer as { name: string }).name, activation).toBe(name);
    }
    const explicit = layers
      .dense({ units: 2, activation: 'relu', kernelInitializer: 'glorotNormal' })
      .getConfig();
    expect((explicit.kernelInitializer as { name: string }).name).toBe('glorotNormal');
    expect(
      (
        layers.conv2d({ filters: 2, kernelSize: 3, activation: 'relu' }).getConfig()
          .kernelInitializer as { name: string }
      ).name,
    ).toBe('heNormal');
  });
});
