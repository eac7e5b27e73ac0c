import '../helpers/backend.js';
import { describe, expect, it } from 'vitest';
import * as tl from '@tensile/core';
import { assertClose } from '@tensile/core/testing';
import { dropout } from '../../src/index.js';
import { expectNoLeak, expectTensorDelta } from '../helpers/memory.js';

const MILLION = 1_000_000;

/** Fraction of non-zero entries and the mean of the values. */
function stats(values: ArrayLike<number>): { kept: number; mean: number } {
  let kept = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i] !== 0) kept++;
    sum += values[i];
  }
  return { kept: kept / values.length, mean: sum / values.length };
}

describe('dropout statistics over 10⁶ elements', () => {
  for (const [rate, seed] of [
    [0.1, 1],
    [0.25, 2],
    [0.5, 3],
    [0.8, 4],
  ]) {
    it(`rate ${rate}: kept fraction 1 − rate ± 0.2%, mean preserved ± 0.5%`, () => {
      // Inputs in [0.5, 1.5), never 0, so a zero in the output is a dropped element.
      const x = tl.randomUniform([1000, 1000], 0.5, 1.5, 'float32', 100 + seed);
      const y = expectTensorDelta(1, () => dropout(x, rate, { seed, training: true }));
      const out = stats(y.dataSync());
      const input = stats(x.dataSync());
      expect(Math.abs(out.kept - (1 - rate))).toBeLessThan(0.002);
      expect(Math.abs(out.mean / input.mean - 1)).toBeLessThan(0.005);
      tl.dispose([x, y]);
    });
  }

  it('keeps x/(1 − rate) exactly where it keeps and 0 elsewhere', () => {
    const x = tl.randomNormal([MILLION / 10], 0, 1, 'float32', 8);
    const y = dropout(x, 0.3, { seed: 9 });
    const [xs, ys] = [x.dataSync(), y.dataSync()];
    const scale = Math.fround(1 / 0.7);
    for (let i = 0; i < xs.length; i++) {
      if (ys[i] === 0) continue;
      // The kernel multiplies in float64 or by the float32 scale: within one float32 ulp.
      expect(Math.abs(ys[i] - xs[i] * scale)).toBeLessThanOrEqual(Math.abs(ys[i]) * 2 ** -23);
    }
    tl.dispose([x, y]);
  });
});

describe('dropout in inference and edge rates', () => {
  it('is the identity in inference: same values, no buffer copied', () => {
    const x = tl.randomNormal([64, 32], 0, 1, 'float32', 1);
    const before = tl.memory();
    const y = dropout(x, 0.5, { training: false });
    expect(tl.memory().numTensors).toBe(before.numTensors + 1);
    expect(tl.memory().numDataBuffers).toBe(before.numDataBuffers);
    expect(y).not.toBe(x);
    expect(Array.from(y.dataSync())).toEqual(Array.from(x.dataSync()));
    y.dispose();
    expect(x.isDisposed).toBe(false);
    x.dispose();
  });

  it('is the identity at rate 0, and training defaults to true', () => {
    const x = tl.ones([10, 10]);
    const same = dropout(x, 0);
    expect(Array.from(same.dataSync())).toEqual(Array.from(x.dataSync()));
    const dropped = dropout(x, 0.5, { seed: 1 });
    expect(stats(dropped.dataSync()).kept).toBeLessThan(1);
    tl.dispose([x, same, dropped]);
  });

  it('works on float64 and on variables', () => {
    const x = tl.tensor([1, 2, 3, 4], [4], 'float64');
    const y = dropout(x, 0.5, { seed: 3 });
    expect(y.dtype).toBe('float64');
    const v = tl.variable(tl.ones([8]), { name: 'dropout-variable' });
    const z = dropout(v, 0.5, { seed: 3 });
    expect(Array.from(z.dataSync()).every((e) => e === 0 || e === 2)).toBe(true);
    tl.dispose([x, y, v, z]);
  });
});

describe('dropout masks come from the seeded RNG', () => {
  it('same seed → same mask; another seed → another mask', () => {
    const x = tl.ones([1000]);
    const [a, b, c] = [1, 1, 2].map((seed) => dropout(x, 0.5, { seed }));
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    expect(Array.from(a.dataSync())).not.toEqual(Array.from(c.dataSync()));
    tl.dispose([x, a, b, c]);
  });

  it('without a seed, draws from the global stream: tl.setSeed makes runs repeat', () => {
    const x = tl.ones([500]);
    tl.setSeed(42);
    const first = [dropout(x, 0.4), dropout(x, 0.4)];
    tl.setSeed(42);
    const second = [dropout(x, 0.4), dropout(x, 0.4)];
    expect(Array.from(first[0].dataSync())).toEqual(Array.from(second[0].dataSync()));
    expect(Array.from(first[1].dataSync())).toEqual(Array.from(second[1].dataSync()));
    expect(Array.from(first[0].dataSync())).not.toEqual(Array.from(first[1].dataSync()));
    tl.dispose([x, ...first, ...second]);
  });

  it('the mask is the one tl.dropoutMask draws for the same seed', () => {
    const x = tl.ones([300]);
    const y = dropout(x, 0.35, { seed: 17 });
    const mask = tl.dropoutMask([300], 0.35, 'float32', 17);
    const kept = Array.from(y.dataSync(), (v) => (v === 0 ? 0 : 1));
    expect(kept).toEqual(Array.from(mask.dataSync()));
    tl.dispose([x, y, mask]);
  });
});

describe('dropout gradient and memory', () => {
  it('∂/∂x = mask/(1 − rate), and training leaves no tensor behind', () => {
    const x = tl.randomNormal([20, 30], 0, 1, 'float32', 5);
    expectNoLeak(() => {
      const { value, grad } = tl.valueAndGrad((t) => tl.sum(dropout(t, 0.25, { seed: 6 })))(x);
      const mask = tl.dropoutMask([20, 30], 0.25, 'float32', 6);
      assertClose(
        grad.dataSync(),
        Array.from(mask.dataSync(), (m) => m / 0.75),
      );
      return [value, grad, mask];
    });
    expectNoLeak(() => dropout(x, 0.5, { seed: 1, noiseShape: [20, 1] }));
    x.dispose();
  });
});

describe('noiseShape', () => {
  it('[batch, 1, 1, channels] drops whole feature maps (spatial dropout)', () => {
    const x = tl.ones([4, 5, 6, 8]);
    const y = dropout(x, 0.5, { seed: 3, noiseShape: [4, 1, 1, 8] });
    const v = y.dataSync();
    for (let b = 0; b < 4; b++) {
      for (let c = 0; c < 8; c++) {
        const first = v[((b * 5 + 0) * 6 + 0) * 8 + c];
        for (let i = 0; i < 5; i++) {
          for (let j = 0; j < 6; j++) expect(v[((b * 5 + i) * 6 + j) * 8 + c]).toBe(first);
        }
      }
    }
    // The maps dropped are those of the [4,1,1,8] mask drawn with the same seed.
    const mask = tl.dropoutMask([4, 1, 1, 8], 0.5, 'float32', 3);
    const firstPixel = Array.from({ length: 32 }, (_, k) =>
      v[Math.floor(k / 8) * 5 * 6 * 8 + (k % 8)] === 0 ? 0 : 1,
    );
    expect(firstPixel).toEqual(Array.from(mask.dataSync()));
    tl.dispose([x, y, mask]);
  });

  it('takes null for "the size of x" (Keras None)', () => {
    const x = tl.ones([3, 7, 4]);
    const a = dropout(x, 0.5, { seed: 5, noiseShape: [null, 1, null] });
    const b = dropout(x, 0.5, { seed: 5, noiseShape: [3, 1, 4] });
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    tl.dispose([x, a, b]);
  });

  it('must broadcast to x', () => {
    const x = tl.ones([3, 4]);
    expect(() => dropout(x, 0.5, { noiseShape: [3] })).toThrow(
      "dropout: noiseShape must have x's rank 2: noiseShape is [3], x is [3,4]",
    );
    expect(() => dropout(x, 0.5, { noiseShape: [3, 2] })).toThrow(
      'dropout: noiseShape [3,2] does not broadcast to x [3,4]: entry 1 must be 1, 4 or null',
    );
    expect(() => dropout(x, 0.5, { noiseShape: [3, 2] })).toThrow(tl.ShapeError);
    x.dispose();
  });
});

describe('dropout errors', () => {
  const x = tl.ones([2, 2]);

  it.each([
    [1.2, 'dropout: rate must be a finite number in [0, 1), got 1.2'],
    [1, 'dropout: rate must be a finite number in [0, 1), got 1'],
    [-0.1, 'dropout: rate must be a finite number in [0, 1), got -0.1'],
    [Number.NaN, 'dropout: rate must be a finite number in [0, 1), got NaN'],
  ])('rejects rate %s', (rate, message) => {
    expect(() => dropout(x, rate)).toThrow(tl.ValueError);
    expect(() => dropout(x, rate)).toThrow(message);
  });

  it('rejects bad options and inputs', () => {
    expect(() => dropout(x, 0.5, { seed: -1 })).toThrow(
      'dropout: seed must be a non-negative safe integer, got -1',
    );
    expect(() => dropout(x, 0.5, { noise_shape: [2, 1] } as never)).toThrow(
      "dropout: unknown option 'noise_shape' (known: training, seed, noiseShape)",
    );
    expect(() => dropout(x, 0.5, { training: 1 } as never)).toThrow(
      'dropout: training must be a boolean, got 1',
    );
    const ints = tl.tensor([1, 2], [2], 'int32');
    expect(() => dropout(ints, 0.5)).toThrow(tl.DtypeError);
    ints.dispose();
  });
});
