import '../helpers/backend.js';
import { describe, expect, it } from 'vitest';
import * as tl from '@tensile/core';
import {
  augment,
  gaussianNoise,
  randomCrop,
  randomFlip,
  randomRotation,
  randomShift,
} from '../../src/index.js';
import type { AugmentationOptions } from '../../src/index.js';
import { expectTensorDelta } from '../helpers/memory.js';

describe('augment', () => {
  const x = tl.randomUniform([4, 8, 8, 3], 0, 1, 'float32', 1);

  it('applies the steps in order, handing each the call options', () => {
    const seen: string[] = [];
    const record =
      (name: string) =>
      (images: tl.Tensor, options?: AugmentationOptions): tl.Tensor => {
        seen.push(`${name}:${options?.training}:${typeof options?.seed}`);
        return tl.add(images, 1);
      };
    const pipeline = augment([record('a'), record('b'), record('c')]);
    const y = expectTensorDelta(1, () => pipeline(x, { seed: 3 }));
    expect(seen).toEqual(['a:true:number', 'b:true:number', 'c:true:number']);
    const diff = tl.sub(y, x);
    expect(Array.from(diff.dataSync()).every((d) => Math.abs(d - 3) < 1e-6)).toBe(true);
    pipeline(x, { training: false }).dispose();
    expect(seen.slice(3)).toEqual(['a:false:undefined', 'b:false:undefined', 'c:false:undefined']);
    tl.dispose([y, diff]);
  });

  it('gives every step its own seed, derived from the call seed', () => {
    const seeds: number[] = [];
    const spy = (images: tl.Tensor, options?: AugmentationOptions) => {
      seeds.push(options?.seed as number);
      return tl.clone(images);
    };
    const pipeline = augment([spy, spy, spy]);
    pipeline(x, { seed: 1 }).dispose();
    pipeline(x, { seed: 1 }).dispose();
    pipeline(x, { seed: 2 }).dispose();
    expect(seeds.slice(0, 3)).toEqual(seeds.slice(3, 6));
    expect(new Set(seeds.slice(0, 3)).size).toBe(3);
    expect(seeds.slice(6)).not.toEqual(seeds.slice(0, 3));
    for (const s of seeds) expect(Number.isSafeInteger(s) && s >= 0).toBe(true);
  });

  it('is a crop-then-augment pipeline usable on batches, with no leaks', () => {
    const pipeline = augment([
      [randomCrop, { height: 6, width: 6 }],
      [randomFlip, { mode: 'horizontal' }],
      [randomShift, { heightFactor: 0.1, widthFactor: 0.1, fillMode: 'reflect' }],
      [gaussianNoise, { stddev: 0.01 }],
    ]);
    tl.setSeed(10);
    const batches = [0, 1, 2].map(() => expectTensorDelta(1, () => pipeline(x)));
    expect(batches.map((b) => b.shape)).toEqual(new Array(3).fill([4, 6, 6, 3]));
    // Each call draws anew from the global stream: the epochs see different augmentations.
    expect(Array.from(batches[0].dataSync())).not.toEqual(Array.from(batches[1].dataSync()));
    const center = pipeline(x, { training: false });
    expect(center.shape).toEqual([4, 6, 6, 3]);
    tl.dispose([...batches, center]);
  });

  it('an empty pipeline is the identity', () => {
    const y = augment([])(x);
    expect(Array.from(y.dataSync())).toEqual(Array.from(x.dataSync()));
    y.dispose();
  });

  it('checks steps when composed and options when called', () => {
    expect(() => augment([3 as never])).toThrow(
      'augment: steps[0] must be an augmentation or a [function, options] pair, got 3',
    );
    const pipeline = augment([[randomRotation, { factor: 0.1 }]]);
    expect(() => pipeline(x, { seed: 1.5 })).toThrow(
      'augment: seed must be a non-negative safe integer, got 1.5',
    );
    expect(() => pipeline(x, { sed: 1 } as never)).toThrow("augment: unknown option 'sed'");
    const broken = augment([() => 5 as never]);
    expect(() => broken(x)).toThrow('augment: step 0 returned 5, not a Tensor');
  });

  it('type-checks each [fn, options] pair against fn', () => {
    // @ts-expect-error: 'diagonal' is not a flip mode
    augment([[randomFlip, { mode: 'diagonal' }]]);
    // @ts-expect-error: randomRotation needs a factor
    augment([[randomRotation, {}]]);
    augment([
      [randomRotation, { factor: [0, 0.1] }],
      [randomFlip, {}],
    ]);
  });
});
