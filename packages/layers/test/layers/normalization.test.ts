// batchNormalization and layerNormalization beyond the golden cases: inference and frozen modes,
// momentum convention, configuration and bad input.
import '@tensile/backend-cpu';
import * as tl from '@tensile/core';
import { describe, expect, it } from 'vitest';
import { layers } from '../../src/index.js';

describe('normalization layers', () => {
  it('batchNormalization defaults to torch numbers: momentum 0.9 (= torch 0.1), epsilon 1e-5', () => {
    const bn = layers.batchNormalization();
    expect(bn.getConfig()).toMatchObject({ momentum: 0.9, epsilon: 1e-5, axis: -1 });
    tl.tidy(() => {
      const x = tl.tensor([
        [1, 10],
        [3, 30],
      ]);
      bn.apply(x, { training: true });
      // running ← 0.9·running + 0.1·batch, with the unbiased variance.
      expect(Array.from(bn.movingMean?.dataSync() ?? [])).toEqual(
        [0.2, 2].map((v) => Math.fround(v)),
      );
      const v = bn.movingVariance?.dataSync() ?? [];
      expect(v[0]).toBeCloseTo(0.9 + 0.1 * 2, 6);
      expect(v[1]).toBeCloseTo(0.9 + 0.1 * 200, 4);
    });
    bn.dispose();
  });

  it('uses the running statistics in inference and when frozen (trainable = false)', () => {
    const bn = layers.batchNormalization({ inputShape: [2] });
    tl.tidy(() => {
      const x = tl.tensor([
        [1, 2],
        [3, 6],
      ]);
      bn.apply(x, { training: true });
      const inference = Array.from(bn.apply(x).dataSync());
      bn.trainable = false;
      const before = Array.from(bn.movingMean?.dataSync() ?? []);
      expect(Array.from(bn.apply(x, { training: true }).dataSync())).toEqual(inference);
      expect(Array.from(bn.movingMean?.dataSync() ?? [])).toEqual(before);
    });
    bn.dispose();
  });

  it('rejects bad configurations and batches without statistics', () => {
    expect(() => layers.batchNormalization({ momentum: 1.5 })).toThrow(
      /momentum must be a number in \[0, 1\]/,
    );
    expect(() => layers.batchNormalization({ epsilon: 0 })).toThrow(/epsilon/);
    expect(() => layers.layerNormalization({ axis: 1 })).toThrow(/axis must be −1/);
    tl.tidy(() => {
      expect(() => layers.batchNormalization().apply(tl.ones([1, 3]), { training: true })).toThrow(
        /more than one value per channel/,
      );
      expect(() => layers.batchNormalization({ axis: 0 }).apply(tl.ones([2, 3]))).toThrow(
        /axis 0 is not a feature axis/,
      );
    });
  });

  it('layerNormalization without scale and center has no weights', () => {
    const ln = layers.layerNormalization({ center: false, scale: false });
    tl.tidy(() => {
      const y = ln.apply(tl.tensor([[1, 2, 3, 4]]));
      expect(ln.weights.length).toBe(0);
      const { mean, variance } = tl.moments(y);
      expect(mean.dataSync()[0]).toBeCloseTo(0, 6);
      expect(variance.dataSync()[0]).toBeCloseTo(1, 4);
    });
  });
});
