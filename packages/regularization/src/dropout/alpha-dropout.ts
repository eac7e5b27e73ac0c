// Alpha dropout (Klambauer et al. 2017, "Self-Normalizing Neural Networks"), the dropout of SELU
// networks. Dropped units are set to SELU's negative saturation α' = −λα instead of 0, then an
// affine map a·x + b restores the input's mean and variance:
//   a = ((1 − p)(1 + p·α'²))^(−1/2),   b = −a·α'·p        (p = rate)
// For an input of mean 0 and variance 1 the output has mean 0 and variance 1 exactly in
// expectation. Same as PyTorch's F.alpha_dropout and Keras's AlphaDropout.
import type { Tensor } from '@tensile/core';
import { SELU_ALPHA, SELU_SCALE, add, clone, greater, mul, tidy, where } from '@tensile/core';
import { checkBoolean, checkFloatTensor, checkOptions, checkRate, checkSeed } from '../validate.js';
import type { DropoutOptions } from './dropout.js';
import { keepMask, resolveNoiseShape } from './noise-shape.js';

/** SELU's negative saturation value −λα ≈ −1.7581. */
export const ALPHA_PRIME = -SELU_SCALE * SELU_ALPHA;

/** The affine correction (a, b) of alpha dropout at drop probability `rate`. */
export function alphaDropoutCoefficients(rate: number): { a: number; b: number } {
  const p = checkRate('alphaDropoutCoefficients', rate);
  const a = 1 / Math.sqrt((1 - p) * (1 + p * ALPHA_PRIME * ALPHA_PRIME));
  return { a, b: -a * ALPHA_PRIME * p };
}

/**
 * a·(mask ? x : α') + b in training; the identity in inference or when rate = 0. Options as
 * `dropout` (training defaults to true; a seed gives the same mask on every backend).
 */
export function alphaDropout(x: Tensor, rate: number, options: DropoutOptions = {}): Tensor {
  const op = 'alphaDropout';
  checkOptions(op, options, ['training', 'seed', 'noiseShape']);
  checkFloatTensor(op, 'x', x);
  checkRate(op, rate);
  const training = checkBoolean(op, 'training', options.training, true);
  const seed = checkSeed(op, options.seed);
  const noiseShape = resolveNoiseShape(op, x.shape, options.noiseShape);
  if (!training || rate === 0) return clone(x);
  const { a, b } = alphaDropoutCoefficients(rate);
  return tidy(() => {
    const kept = greater(keepMask(x, noiseShape, rate, seed), 0);
    return add(mul(where(kept, x, ALPHA_PRIME), a), b);
  });
}
