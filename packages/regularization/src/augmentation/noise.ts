// Additive Gaussian noise, Keras's GaussianNoise: x + N(0, stddev²) in training, x in inference.
// Built from core ops, so it works on any tensor shape, on any backend, and is differentiable
// (usable inside a model as well as in a data pipeline).
import type { Tensor } from '@tensile/core';
import { add, clone, randomNormal, tidy } from '@tensile/core';
import { checkFloatTensor, checkNumber, checkOptions } from '../validate.js';
import type { AugmentationOptions } from './images.js';
import { callOptions } from './images.js';

export interface GaussianNoiseOptions extends AugmentationOptions {
  /** Standard deviation of the noise, ≥ 0. */
  stddev: number;
}

export function gaussianNoise(x: Tensor, options: GaussianNoiseOptions): Tensor {
  const op = 'gaussianNoise';
  const o = checkOptions(op, options, ['stddev', 'seed', 'training']);
  checkFloatTensor(op, 'x', x);
  const stddev = checkNumber(op, 'stddev', o.stddev, { ge: 0 });
  const { training, seed } = callOptions(op, o);
  if (!training || stddev === 0) return clone(x);
  return tidy(() => add(x, randomNormal(x.shape, 0, stddev, x.dtype, seed)));
}
