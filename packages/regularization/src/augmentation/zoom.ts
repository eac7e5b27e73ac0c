// Random zoom about the image centre, Keras's RandomZoom: a factor z drawn from 1 + factor range
// scales the sampled area, so positive factors zoom out (more of the scene, borders from the fill
// mode) and negative ones zoom in.
import type { Tensor } from '@tensile/core';
import { clone } from '@tensile/core';
import { checkOptions } from '../validate.js';
import type { FactorRange } from './factor.js';
import { factorRange, lerp } from './factor.js';
import type { AugmentationOptions } from './images.js';
import { callOptions, imageBatch, uniforms } from './images.js';
import type { Affine, SamplingOptions } from './sampling.js';
import { SAMPLING_KEYS, resampleImages, resolveSampling } from './sampling.js';

export interface RandomZoomOptions extends AugmentationOptions, SamplingOptions {
  /** Vertical zoom: f in [0, 1) → z in [1 − f, 1 + f]; or [lower, upper] with lower > −1. */
  heightFactor: FactorRange;
  /** Horizontal zoom, likewise; when omitted each image keeps its aspect ratio (z_x = z_y). */
  widthFactor?: FactorRange;
}

/** Output pixel p reads the input at centre + z·(p − centre), per axis. */
export function randomZoom(images: Tensor, options: RandomZoomOptions): Tensor {
  const op = 'randomZoom';
  const o = checkOptions(op, options, [
    'heightFactor',
    'widthFactor',
    'seed',
    'training',
    ...SAMPLING_KEYS,
  ]);
  const batch = imageBatch(op, images, true);
  const single = { ge: 0, lt: 1 };
  const pair = { gt: -1 };
  const hRange = factorRange(op, 'heightFactor', o.heightFactor, single, pair);
  const wRange =
    o.widthFactor === undefined
      ? null
      : factorRange(op, 'widthFactor', o.widthFactor, single, pair);
  const sampling = resolveSampling(op, o);
  const { training, seed } = callOptions(op, o);
  if (!training) return clone(images);
  const u = uniforms(2 * batch.n, seed);
  const cx = (batch.width - 1) / 2;
  const cy = (batch.height - 1) / 2;
  const maps = Array.from({ length: batch.n }, (_, b): Affine => {
    const zy = 1 + lerp(hRange, u[2 * b]);
    const zx = wRange === null ? zy : 1 + lerp(wRange, u[2 * b + 1]);
    return [zx, 0, cx * (1 - zx), 0, zy, cy * (1 - zy)];
  });
  return resampleImages(images, batch, maps, sampling);
}
