// Random translation, Keras's RandomTranslation: each image moves by a fraction of its height
// and width drawn uniformly from the factors (positive: down / right).
import type { Tensor } from '@tensile/core';
import { clone } from '@tensile/core';
import { checkOptions } from '../validate.js';
import type { FactorRange } from './factor.js';
import { factorRange, lerp } from './factor.js';
import type { AugmentationOptions } from './images.js';
import { callOptions, imageBatch, uniforms } from './images.js';
import type { Affine, SamplingOptions } from './sampling.js';
import { SAMPLING_KEYS, resampleImages, resolveSampling } from './sampling.js';

export interface RandomShiftOptions extends AugmentationOptions, SamplingOptions {
  /** Vertical shift as a fraction of the height: f in [0, 1] → [−f, f]; or [lower, upper] in [−1, 1]. Default 0. */
  heightFactor?: FactorRange;
  /** Horizontal shift as a fraction of the width, likewise. Default 0. */
  widthFactor?: FactorRange;
}

/**
 * Shifts each image of an NHWC batch by (dy, dx) = (heightFactor·H, widthFactor·W) pixels,
 * fractional shifts interpolated: output (x, y) reads the input at (x − dx, y − dy).
 */
export function randomShift(images: Tensor, options: RandomShiftOptions = {}): Tensor {
  const op = 'randomShift';
  const o = checkOptions(op, options, [
    'heightFactor',
    'widthFactor',
    'seed',
    'training',
    ...SAMPLING_KEYS,
  ]);
  const batch = imageBatch(op, images, true);
  const unit = { ge: -1, le: 1 };
  const hRange = factorRange(op, 'heightFactor', o.heightFactor ?? 0, { ge: 0, le: 1 }, unit);
  const wRange = factorRange(op, 'widthFactor', o.widthFactor ?? 0, { ge: 0, le: 1 }, unit);
  const sampling = resolveSampling(op, o);
  const { training, seed } = callOptions(op, o);
  if (!training) return clone(images);
  const u = uniforms(2 * batch.n, seed);
  const maps = Array.from({ length: batch.n }, (_, b): Affine => {
    const dy = lerp(hRange, u[2 * b]) * batch.height;
    const dx = lerp(wRange, u[2 * b + 1]) * batch.width;
    return [1, 0, -dx, 0, 1, -dy];
  });
  return resampleImages(images, batch, maps, sampling);
}
