// Adam's direction (Kingma & Ba 2015) as PyTorch computes it: with m̂ = m/(1 − β₁ᵗ),
//   m̂ / (√v / √(1 − β₂ᵗ) + eps)
// eps is added after the bias correction of √v (Keras adds it before, as "epsilon hat").
// AMSGrad (Reddi et al. 2018) uses the running maximum of v instead of v.
import { add, div, maximum, mul, sqrt, ValueError, zerosLike } from '@tensile/core';
import { checkBetas, checkBoolean, checkNumber } from '../hyperparams.js';
import type { ParamsRecord } from '../params.js';
import { mapRecord } from '../params.js';
import type { GradientTransformation } from '../transform.js';
import { defineTransformation } from '../transform.js';
import { biasCorrection, emaFirst, emaSecond } from './moments.js';

export interface ScaleByAdamOptions {
  /** Decay rates of the first and second moments (default [0.9, 0.999]). */
  betas?: readonly [number, number];
  /** Added to the denominator (default 1e-8). */
  eps?: number;
  /** Use the running maximum of the second moment (default false). */
  amsgrad?: boolean;
}

export interface ScaleByAdamState {
  readonly count: number;
  readonly expAvg: ParamsRecord;
  readonly expAvgSq: ParamsRecord;
  /** Only with amsgrad. */
  readonly maxExpAvgSq?: ParamsRecord;
}

export function scaleByAdam(
  options: ScaleByAdamOptions = {},
): GradientTransformation<ScaleByAdamState> {
  const op = 'scaleByAdam';
  const [beta1, beta2] = checkBetas(op, options.betas ?? [0.9, 0.999]);
  const eps = checkNumber(op, 'eps', options.eps ?? 1e-8, { ge: 0 });
  const amsgrad = checkBoolean(op, 'amsgrad', options.amsgrad ?? false);
  return defineTransformation<ScaleByAdamState>({
    name: op,
    init: (params) => ({
      count: 0,
      expAvg: mapRecord(params, (p) => zerosLike(p)),
      expAvgSq: mapRecord(params, (p) => zerosLike(p)),
      ...(amsgrad ? { maxExpAvgSq: mapRecord(params, (p) => zerosLike(p)) } : {}),
    }),
    update(grads, state) {
      const t = state.count + 1;
      const bc1 = biasCorrection(beta1, t);
      const bc2Sqrt = Math.sqrt(biasCorrection(beta2, t));
      if (amsgrad && state.maxExpAvgSq === undefined) {
        throw new ValueError(
          `${op}.update`,
          'amsgrad is on but the state was made without it; amsgrad cannot change after init',
        );
      }
      const expAvg: ParamsRecord = {};
      const expAvgSq: ParamsRecord = {};
      const maxExpAvgSq: ParamsRecord = {};
      const updates = mapRecord(grads, (g, name) => {
        const m = (expAvg[name] = emaFirst(state.expAvg[name], g, beta1));
        let v = (expAvgSq[name] = emaSecond(state.expAvgSq[name], g, beta2));
        if (amsgrad && state.maxExpAvgSq !== undefined) {
          v = maxExpAvgSq[name] = maximum(state.maxExpAvgSq[name], v);
        }
        const denom = add(div(sqrt(v), bc2Sqrt), eps);
        return mul(div(m, denom), 1 / bc1);
      });
      const max = amsgrad
        ? { maxExpAvgSq }
        : state.maxExpAvgSq
          ? { maxExpAvgSq: state.maxExpAvgSq }
          : {};
      return { updates, state: { count: t, expAvg, expAvgSq, ...max } };
    },
  });
}
