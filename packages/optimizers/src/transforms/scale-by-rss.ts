// Adagrad's scaling (Duchi et al. 2011) as PyTorch computes it: sum ← sum + g², and the direction
// g/(√sum + eps) with eps = 1e-10 outside the root and the sum starting at 0 (optax and Keras
// start it at 0.1 and put eps = 1e-7 inside the root; docs/numerics.md).
import { add, div, fill, sqrt, square } from '@tensile/core';
import { checkNumber } from '../hyperparams.js';
import type { ParamsRecord } from '../params.js';
import { mapRecord } from '../params.js';
import type { GradientTransformation } from '../transform.js';
import { defineTransformation } from '../transform.js';

export interface ScaleByRssOptions {
  /** Starting value of the sum of squares (default 0). */
  initialAccumulatorValue?: number;
  /** Added to √sum (default 1e-10). */
  eps?: number;
}

export interface ScaleByRssState {
  readonly sum: ParamsRecord;
}

/** Scales by the root of the sum of squared gradients so far (optax's `scale_by_rss`). */
export function scaleByRss(
  options: ScaleByRssOptions = {},
): GradientTransformation<ScaleByRssState> {
  const op = 'scaleByRss';
  const initial = checkNumber(op, 'initialAccumulatorValue', options.initialAccumulatorValue ?? 0, {
    ge: 0,
  });
  const eps = checkNumber(op, 'eps', options.eps ?? 1e-10, { ge: 0 });
  return defineTransformation<ScaleByRssState>({
    name: op,
    init: (params) => ({ sum: mapRecord(params, (p) => fill(p.shape, initial, p.dtype)) }),
    update(grads, state) {
      const sum: ParamsRecord = {};
      const updates = mapRecord(grads, (g, name) => {
        const s = (sum[name] = add(state.sum[name], square(g)));
        return div(g, add(sqrt(s), eps));
      });
      return { updates, state: { sum } };
    },
  });
}
