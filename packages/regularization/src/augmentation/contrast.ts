// Random contrast, Keras's RandomContrast: each image's pixels move away from (factor > 1) or
// towards (factor < 1) the image's per-channel mean, x' = (x − mean)·factor + mean, with factor
// drawn uniformly from [1 − lower, 1 + upper]. Built from core ops (differentiable, any backend).
import type { Tensor } from '@tensile/core';
import {
  ValueError,
  add,
  clipByValue,
  clone,
  invalidArgument,
  mean,
  mul,
  sub,
  tensor,
  tidy,
} from '@tensile/core';
import { checkNumber, checkOptions } from '../validate.js';
import type { AugmentationOptions } from './images.js';
import { callOptions, imageBatch, uniforms } from './images.js';

export interface RandomContrastOptions extends AugmentationOptions {
  /** f in [0, 1] → factors in [1 − f, 1 + f]; [lower, upper] → [1 − lower, 1 + upper]. */
  factor: number | readonly [number, number];
  /**
   * Clip the result to [lo, hi] (e.g. [0, 1] or [0, 255]). Without it a factor above 1 can take
   * values past the input's range; with it the range is kept.
   */
  valueRange?: readonly [number, number];
}

export function randomContrast(images: Tensor, options: RandomContrastOptions): Tensor {
  const op = 'randomContrast';
  const o = checkOptions(op, options, ['factor', 'valueRange', 'seed', 'training']);
  const batch = imageBatch(op, images, true);
  const [lower, upper] = contrastBounds(op, o.factor);
  const range = o.valueRange === undefined ? null : valueRange(op, o.valueRange);
  const { training, seed } = callOptions(op, o);
  if (!training) return clone(images);
  const u = uniforms(batch.n, seed);
  const factors = Array.from(u, (ui) => 1 - lower + (lower + upper) * ui);
  if (factors.every((f) => f === 1)) return clone(images);
  return tidy(() => {
    // Per image and channel: the mean over height and width.
    const spatial = batch.single ? [0, 1] : [1, 2];
    const m = mean(images, spatial, true);
    const f = tensor(factors, batch.single ? [1, 1, 1] : [batch.n, 1, 1, 1], images.dtype);
    const out = add(mul(sub(images, m), f), m);
    return range === null ? out : clipByValue(out, range[0], range[1]);
  });
}

function contrastBounds(op: string, factor: unknown): [number, number] {
  if (typeof factor === 'number') {
    const f = checkNumber(op, 'factor', factor, { ge: 0, le: 1 });
    return [f, f];
  }
  if (!Array.isArray(factor) || factor.length !== 2) {
    throw invalidArgument(op, 'factor', 'a number in [0, 1] or a pair [lower, upper]', factor);
  }
  return [
    checkNumber(op, 'factor[0]', factor[0], { ge: 0, le: 1 }),
    checkNumber(op, 'factor[1]', factor[1], { ge: 0 }),
  ];
}

function valueRange(op: string, range: unknown): [number, number] {
  if (!Array.isArray(range) || range.length !== 2) {
    throw invalidArgument(op, 'valueRange', 'a pair [lo, hi]', range);
  }
  const lo = checkNumber(op, 'valueRange[0]', range[0]);
  const hi = checkNumber(op, 'valueRange[1]', range[1]);
  if (!(lo < hi)) throw new ValueError(op, `valueRange must have lo < hi, got [${lo}, ${hi}]`);
  return [lo, hi];
}
