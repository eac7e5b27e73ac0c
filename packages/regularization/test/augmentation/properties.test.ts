// The properties every augmentation must have, one table over all of them: shapes kept, values
// kept within the input's range, deterministic per seed, and the identity when told so.
import '../helpers/backend.js';
import { describe, expect, it } from 'vitest';
import * as tl from '@tensile/core';
import {
  augment,
  gaussianNoise,
  randomContrast,
  randomCrop,
  randomFlip,
  randomRotation,
  randomShift,
  randomZoom,
} from '../../src/index.js';
import type { AugmentationOptions } from '../../src/index.js';
import { expectTensorDelta } from '../helpers/memory.js';

type Aug = (images: tl.Tensor, options: AugmentationOptions) => tl.Tensor;

interface Spec {
  name: string;
  run: Aug;
  /** Settings under which the augmentation must return its input unchanged. */
  identity: Aug;
  /** Output shape for an input [n, h, w, c] (default: the same). */
  shape?: (s: readonly number[]) => number[];
  /** How far values may leave the input's [min, max]: 0 but for noise (10σ there). */
  rangeSlack: number;
}

const specs: Spec[] = [
  {
    name: 'randomFlip',
    run: (x, o) => randomFlip(x, o),
    identity: (x, o) => randomFlip(x, { ...o, training: false }),
    rangeSlack: 0,
  },
  ...(['constant', 'nearest', 'reflect', 'wrap'] as const).flatMap((fillMode) => [
    {
      name: `randomShift (${fillMode})`,
      run: (x: tl.Tensor, o: AugmentationOptions) =>
        randomShift(x, { heightFactor: 0.3, widthFactor: [-0.2, 0.4], fillMode, ...o }),
      identity: (x: tl.Tensor, o: AugmentationOptions) =>
        randomShift(x, { heightFactor: 0, widthFactor: 0, fillMode, ...o }),
      rangeSlack: 0,
    },
    {
      name: `randomRotation (${fillMode})`,
      run: (x: tl.Tensor, o: AugmentationOptions) =>
        randomRotation(x, { factor: 0.2, fillMode, ...o }),
      identity: (x: tl.Tensor, o: AugmentationOptions) =>
        randomRotation(x, { factor: 0, fillMode, ...o }),
      rangeSlack: 0,
    },
    {
      name: `randomZoom (${fillMode})`,
      run: (x: tl.Tensor, o: AugmentationOptions) =>
        randomZoom(x, { heightFactor: 0.3, widthFactor: [-0.4, 0.5], fillMode, ...o }),
      identity: (x: tl.Tensor, o: AugmentationOptions) =>
        randomZoom(x, { heightFactor: 0, fillMode, ...o }),
      rangeSlack: 0,
    },
  ]),
  {
    name: 'randomRotation (nearest interpolation)',
    run: (x, o) => randomRotation(x, { factor: 0.5, interpolation: 'nearest', ...o }),
    identity: (x, o) => randomRotation(x, { factor: 0.5, ...o, training: false }),
    rangeSlack: 0,
  },
  {
    name: 'randomCrop',
    run: (x, o) => randomCrop(x, { height: 5, width: 7, ...o }),
    identity: (x, o) => randomCrop(x, { height: x.shape[1], width: x.shape[2], ...o }),
    shape: ([n, , , c]) => [n, 5, 7, c],
    rangeSlack: 0,
  },
  {
    name: 'gaussianNoise',
    run: (x, o) => gaussianNoise(x, { stddev: 0.1, ...o }),
    identity: (x, o) => gaussianNoise(x, { stddev: 0, ...o }),
    rangeSlack: 1,
  },
  {
    name: 'randomContrast',
    run: (x, o) => randomContrast(x, { factor: 0.5, valueRange: [0, 1], ...o }),
    identity: (x, o) => randomContrast(x, { factor: 0, ...o }),
    rangeSlack: 0,
  },
  {
    name: 'randomContrast (lower only, no clipping needed)',
    run: (x, o) => randomContrast(x, { factor: [0.9, 0], ...o }),
    identity: (x, o) => randomContrast(x, { factor: 0.9, ...o, training: false }),
    rangeSlack: 0,
  },
  {
    name: 'augment([...])',
    run: augment([
      [randomFlip, { mode: 'horizontal' }],
      [randomRotation, { factor: 0.1, fillMode: 'reflect' }],
      [randomZoom, { heightFactor: 0.2, fillMode: 'nearest' }],
      [randomContrast, { factor: 0.3, valueRange: [0, 1] }],
    ]),
    identity: augment([
      [randomShift, { heightFactor: 0 }],
      [randomRotation, { factor: 0 }],
      [randomContrast, { factor: 0 }],
    ]),
    rangeSlack: 0,
  },
];

const SHAPE = [6, 9, 11, 3];

/** Images in [0.2, 0.9] but for one 0 and one 1, so 0 (the default fill) lies in range. */
function images(seed: number): tl.Tensor {
  return tl.tidy(() => {
    const x = tl.randomUniform(SHAPE, 0.2, 0.9, 'float32', seed);
    const values = x.dataSync();
    values[0] = 0;
    values[values.length - 1] = 1;
    return tl.tensor(values, SHAPE);
  });
}

const range = (v: ArrayLike<number>) => {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < v.length; i++) {
    lo = Math.min(lo, v[i]);
    hi = Math.max(hi, v[i]);
  }
  return [lo, hi];
};

describe.each(specs)('$name', ({ run, identity, shape, rangeSlack }) => {
  it('keeps the shape (and dtype) and leaves only its result behind', () => {
    const x = images(1);
    const y = expectTensorDelta(1, () => run(x, { seed: 3 }));
    expect(y.shape).toEqual(shape ? shape(SHAPE) : SHAPE);
    expect(y.dtype).toBe('float32');
    expect(x.isDisposed).toBe(false);
    tl.dispose([x, y]);
  });

  it("keeps values within the input's [min, max]", () => {
    const x = images(2);
    const [lo, hi] = range(x.dataSync());
    for (const seed of [1, 2, 3, 4, 5]) {
      const y = run(x, { seed });
      const [ylo, yhi] = range(y.dataSync());
      expect(ylo).toBeGreaterThanOrEqual(lo - rangeSlack);
      expect(yhi).toBeLessThanOrEqual(hi + rangeSlack);
      y.dispose();
    }
    x.dispose();
  });

  it('is deterministic per seed and varies across seeds', () => {
    const x = images(3);
    const [a, b, c] = [11, 11, 12].map((seed) => run(x, { seed }));
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    expect(Array.from(c.dataSync())).not.toEqual(Array.from(a.dataSync()));
    tl.dispose([x, a, b, c]);
  });

  it('is reproducible from tl.setSeed without a seed of its own', () => {
    const x = images(4);
    tl.setSeed(5);
    const a = run(x, {});
    tl.setSeed(5);
    const b = run(x, {});
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    tl.dispose([x, a, b]);
  });

  it('returns the input unchanged with identity settings and in inference', () => {
    const x = images(5);
    const expected = Array.from(x.dataSync());
    for (const y of [identity(x, { seed: 1 }), identity(x, {}), run(x, { training: false })]) {
      if (shape === undefined) expect(Array.from(y.dataSync())).toEqual(expected);
      y.dispose();
    }
    const y = identity(x, { seed: 1 });
    expect(Array.from(y.dataSync())).toEqual(expected);
    tl.dispose([x, y]);
  });

  it('accepts a single HWC image', () => {
    const x = tl.tidy(() => tl.squeeze(tl.slice(images(6), [0], [1]), 0));
    const y = run(x, { seed: 1 });
    expect(y.rank).toBe(3);
    tl.dispose([x, y]);
  });
});
