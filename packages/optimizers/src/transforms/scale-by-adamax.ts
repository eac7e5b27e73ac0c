// Adamax (Kingma & Ba 2015, §7.1) as PyTorch computes it: u ← max(β₂·u, |g| + eps), and the
// direction m / ((1 − β₁ᵗ)·u). eps sits inside the max, so u is never 0.
import { abs, add, div, maximum, mul, zerosLike } from '@tensile/core';
import { checkBetas, checkNumber } from '../hyperparams.js';
import type { ParamsRecord } from '../params.js';
import { mapRecord } from '../params.js';
import type { GradientTransformation } from '../transform.js';
import { defineTransformation } from '../transform.js';
import { biasCorrection, emaFirst } from './moments.js';

export interface ScaleByAdamaxOptions {
  betas?: readonly [number, number];
  eps?: number;
}

export interface ScaleByAdamaxState {
  readonly count: number;
  readonly expAvg: ParamsRecord;
  /** The exponentially weighted infinity norm u. */
  readonly expInf: ParamsRecord;
}

export function scaleByAdamax(
  options: ScaleByAdamaxOptions = {},
): GradientTransformation<ScaleByAdamaxState> {
  const op = 'scaleByAdamax';
  const [beta1, beta2] = checkBetas(op, options.betas ?? [0.9, 0.999]);
  const eps = checkNumber(op, 'eps', options.eps ?? 1e-8, { ge: 0 });
  return defineTransformation<ScaleByAdamaxState>({
    name: op,
    init: (params) => ({
      count: 0,
      expAvg: mapRecord(params, (p) => zerosLike(p)),
      expInf: mapRecord(params, (p) => zerosLike(p)),
    }),
    update(grads, state) {
      const t = state.count + 1;
      const bc1 = biasCorrection(beta1, t);
      const expAvg: ParamsRecord = {};
      const expInf: ParamsRecord = {};
      const updates = mapRecord(grads, (g, name) => {
        const m = (expAvg[name] = emaFirst(state.expAvg[name], g, beta1));
        const u = (expInf[name] = maximum(mul(state.expInf[name], beta2), add(abs(g), eps)));
        return mul(div(m, u), 1 / bc1);
      });
      return { updates, state: { count: t, expAvg, expInf } };
    },
  });
}
