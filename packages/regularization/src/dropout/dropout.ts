// Inverted dropout (Srivastava et al. 2014, scaled at training time): in training each element is
// kept with probability 1 − rate and scaled by 1/(1 − rate), so E[output] = x and inference needs
// no rescaling; in inference the input passes through unchanged.
import type { Tensor } from '@tensile/core';
import { applyDropoutMask, clone, tidy } from '@tensile/core';
import { checkBoolean, checkFloatTensor, checkOptions, checkRate, checkSeed } from '../validate.js';
import type { NoiseShape } from './noise-shape.js';
import { keepMask, resolveNoiseShape } from './noise-shape.js';

export interface DropoutOptions {
  /**
   * Drop (true, the default of this function form, as PyTorch's `F.dropout`) or pass through
   * (false). A layer passes its own `training` flag.
   */
  training?: boolean;
  /** Seeds this call's mask; without it the mask comes from the global stream (`tl.setSeed`). */
  seed?: number;
  /** The mask's shape, broadcast against x (see noise-shape.ts); default x's shape. */
  noiseShape?: NoiseShape;
}

/**
 * x·mask/(1 − rate) with mask ~ Bernoulli(1 − rate) in training; the identity (a view of x,
 * nothing copied) in inference or when rate = 0. The mask is drawn in core from its Philox
 * stream, so a seed gives the same mask on every backend. Differentiable: ∂/∂x = mask/(1 − rate).
 */
export function dropout(x: Tensor, rate: number, options: DropoutOptions = {}): Tensor {
  const op = 'dropout';
  checkOptions(op, options, ['training', 'seed', 'noiseShape']);
  checkFloatTensor(op, 'x', x);
  checkRate(op, rate);
  const training = checkBoolean(op, 'training', options.training, true);
  const seed = checkSeed(op, options.seed);
  const noiseShape = resolveNoiseShape(op, x.shape, options.noiseShape);
  if (!training || rate === 0) return clone(x);
  return tidy(() => applyDropoutMask(x, keepMask(x, noiseShape, rate, seed), rate));
}
