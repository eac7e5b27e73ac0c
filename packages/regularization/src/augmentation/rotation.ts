// Random rotation about the image centre, Keras's RandomRotation: each image turns by an angle
// drawn uniformly from factor·2π (factor f: [−f, f] of a full turn), positive counter-clockwise.
import type { Tensor } from '@tensile/core';
import { clone } from '@tensile/core';
import { checkOptions } from '../validate.js';
import type { FactorRange } from './factor.js';
import { factorRange, lerp } from './factor.js';
import type { AugmentationOptions } from './images.js';
import { callOptions, imageBatch, uniforms } from './images.js';
import type { Affine, SamplingOptions } from './sampling.js';
import { SAMPLING_KEYS, resampleImages, resolveSampling } from './sampling.js';

export interface RandomRotationOptions extends AugmentationOptions, SamplingOptions {
  /** Fraction of a full turn: f → angles in [−2πf, 2πf]; [lower, upper] → [2π·lower, 2π·upper]. */
  factor: FactorRange;
}

/**
 * Rotates each image of an NHWC batch about its centre ((W − 1)/2, (H − 1)/2): output pixel p
 * reads the input at R(θ)·(p − centre) + centre. Corners come from the fill mode.
 */
export function randomRotation(images: Tensor, options: RandomRotationOptions): Tensor {
  const op = 'randomRotation';
  const o = checkOptions(op, options, ['factor', 'seed', 'training', ...SAMPLING_KEYS]);
  const batch = imageBatch(op, images, true);
  const range = factorRange(op, 'factor', o.factor, { ge: 0 }, {});
  const sampling = resolveSampling(op, o);
  const { training, seed } = callOptions(op, o);
  if (!training) return clone(images);
  const u = uniforms(batch.n, seed);
  const cx = (batch.width - 1) / 2;
  const cy = (batch.height - 1) / 2;
  const maps = Array.from(u, (ui): Affine => {
    const angle = 2 * Math.PI * lerp(range, ui);
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    return [cos, -sin, cx - cos * cx + sin * cy, sin, cos, cy - sin * cx - cos * cy];
  });
  return resampleImages(images, batch, maps, sampling);
}
