// RMSprop's scaling (Hinton 2012) as PyTorch computes it: sq ← α·sq + (1 − α)·g², and the
// direction g/(√sq + eps) with eps OUTSIDE the root (optax, Keras and TF.js put it inside:
// docs/numerics.md). Centered (Graves 2013) subtracts the squared mean gradient first:
// g/(√(sq − ḡ²) + eps) with ḡ ← α·ḡ + (1 − α)·g.
import { add, div, sqrt, square, sub, ValueError, zerosLike } from '@tensile/core';
import { checkBoolean, checkNumber } from '../hyperparams.js';
import type { ParamsRecord } from '../params.js';
import { mapRecord } from '../params.js';
import type { GradientTransformation } from '../transform.js';
import { defineTransformation } from '../transform.js';
import { emaFirst, emaSecond } from './moments.js';

export interface ScaleByRmsOptions {
  /** Smoothing constant (default 0.99). */
  alpha?: number;
  /** Added to the root (default 1e-8). */
  eps?: number;
  /** Normalize by the estimated variance instead of the second moment (default false). */
  centered?: boolean;
}

export interface ScaleByRmsState {
  readonly squareAvg: ParamsRecord;
  /** Only when centered. */
  readonly gradAvg?: ParamsRecord;
}

export function scaleByRms(
  options: ScaleByRmsOptions = {},
): GradientTransformation<ScaleByRmsState> {
  const op = 'scaleByRms';
  const alpha = checkNumber(op, 'alpha', options.alpha ?? 0.99, { ge: 0 });
  const eps = checkNumber(op, 'eps', options.eps ?? 1e-8, { ge: 0 });
  const centered = checkBoolean(op, 'centered', options.centered ?? false);
  return defineTransformation<ScaleByRmsState>({
    name: op,
    init: (params) => ({
      squareAvg: mapRecord(params, (p) => zerosLike(p)),
      ...(centered ? { gradAvg: mapRecord(params, (p) => zerosLike(p)) } : {}),
    }),
    update(grads, state) {
      if (centered && state.gradAvg === undefined) {
        throw new ValueError(
          `${op}.update`,
          'centered is on but the state was made without it; centered cannot change after init',
        );
      }
      const squareAvg: ParamsRecord = {};
      const gradAvg: ParamsRecord = {};
      const updates = mapRecord(grads, (g, name) => {
        const sq = (squareAvg[name] = emaSecond(state.squareAvg[name], g, alpha));
        let variance = sq;
        if (centered && state.gradAvg !== undefined) {
          const mean = (gradAvg[name] = emaFirst(state.gradAvg[name], g, alpha));
          variance = sub(sq, square(mean));
        }
        return div(g, add(sqrt(variance), eps));
      });
      const kept = centered ? { gradAvg } : state.gradAvg ? { gradAvg: state.gradAvg } : {};
      return { updates, state: { squareAvg, ...kept } };
    },
  });
}
