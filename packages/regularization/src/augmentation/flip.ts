// Random flips, Keras's RandomFlip: each image is mirrored left-right and/or top-bottom, each with
// probability 1/2, independently per image. Pure data movement: any dtype, values unchanged.
import type { Tensor } from '@tensile/core';
import { clone, makeTypedArray } from '@tensile/core';
import { checkOneOf, checkOptions } from '../validate.js';
import type { AugmentationOptions } from './images.js';
import { callOptions, imageBatch, imagesTensor, uniforms } from './images.js';

export type FlipMode = 'horizontal' | 'vertical' | 'horizontal_and_vertical';

export interface RandomFlipOptions extends AugmentationOptions {
  /** 'horizontal' (left-right), 'vertical' (top-bottom) or both (default, as Keras). */
  mode?: FlipMode;
}

export function randomFlip(images: Tensor, options: RandomFlipOptions = {}): Tensor {
  const op = 'randomFlip';
  const o = checkOptions(op, options, ['mode', 'seed', 'training']);
  const batch = imageBatch(op, images, false);
  const mode = checkOneOf(
    op,
    'mode',
    o.mode,
    ['horizontal', 'vertical', 'horizontal_and_vertical'],
    'horizontal_and_vertical',
  );
  const { training, seed } = callOptions(op, o);
  if (!training) return clone(images);
  // Two draws per image whatever the mode, so a seed flips the same images in every mode.
  const u = uniforms(2 * batch.n, seed);
  const flipH = (b: number): boolean => mode !== 'vertical' && u[2 * b] < 0.5;
  const flipV = (b: number): boolean => mode !== 'horizontal' && u[2 * b + 1] < 0.5;
  if (!Array.from({ length: batch.n }, (_, b) => flipH(b) || flipV(b)).some(Boolean)) {
    return clone(images);
  }
  const { n, height: h, width: w, channels: c } = batch;
  const input = images.dataSync();
  const out = makeTypedArray(batch.dtype, input.length);
  for (let b = 0; b < n; b++) {
    const base = b * h * w * c;
    const horizontal = flipH(b);
    const vertical = flipV(b);
    for (let y = 0; y < h; y++) {
      const sy = vertical ? h - 1 - y : y;
      for (let x = 0; x < w; x++) {
        const sx = horizontal ? w - 1 - x : x;
        const from = base + (sy * w + sx) * c;
        out.set(input.subarray(from, from + c), base + (y * w + x) * c);
      }
    }
  }
  return imagesTensor(out, batch);
}
