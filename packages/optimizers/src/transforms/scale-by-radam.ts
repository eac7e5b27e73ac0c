// RAdam (Liu et al. 2020) as PyTorch computes it. With ρ∞ = 2/(1 − β₂) − 1 and
// ρₜ = ρ∞ − 2t·β₂ᵗ/(1 − β₂ᵗ), the variance of the adaptive rate is tractable once ρₜ > 5; then
//   m̂ · r · √(1 − β₂ᵗ)/(√v + eps),  r = √((ρₜ − 4)(ρₜ − 2)ρ∞ / ((ρ∞ − 4)(ρ∞ − 2)ρₜ)),
// and before that plain momentum m̂ = m/(1 − β₁ᵗ).
import { add, div, mul, sqrt, zerosLike } from '@tensile/core';
import { checkBetas, checkNumber } from '../hyperparams.js';
import type { ParamsRecord } from '../params.js';
import { mapRecord } from '../params.js';
import type { GradientTransformation } from '../transform.js';
import { defineTransformation } from '../transform.js';
import { biasCorrection, emaFirst, emaSecond } from './moments.js';

export interface ScaleByRadamOptions {
  betas?: readonly [number, number];
  eps?: number;
}

export interface ScaleByRadamState {
  readonly count: number;
  readonly expAvg: ParamsRecord;
  readonly expAvgSq: ParamsRecord;
}

/** r·√(1 − β₂ᵗ) of update t (1-based) when ρₜ > 5, or `undefined` (no adaptive term yet). */
export function radamAdaptiveScale(beta2: number, t: number): number | undefined {
  const bc2 = biasCorrection(beta2, t);
  const rhoInf = 2 / (1 - beta2) - 1;
  const rhoT = rhoInf - (2 * t * beta2 ** t) / bc2;
  if (!(rhoT > 5)) return undefined;
  const rect = Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT));
  return rect * Math.sqrt(bc2);
}

export function scaleByRadam(
  options: ScaleByRadamOptions = {},
): GradientTransformation<ScaleByRadamState> {
  const op = 'scaleByRadam';
  const [beta1, beta2] = checkBetas(op, options.betas ?? [0.9, 0.999]);
  const eps = checkNumber(op, 'eps', options.eps ?? 1e-8, { ge: 0 });
  return defineTransformation<ScaleByRadamState>({
    name: op,
    init: (params) => ({
      count: 0,
      expAvg: mapRecord(params, (p) => zerosLike(p)),
      expAvgSq: mapRecord(params, (p) => zerosLike(p)),
    }),
    update(grads, state) {
      const t = state.count + 1;
      const bc1 = biasCorrection(beta1, t);
      const adaptive = radamAdaptiveScale(beta2, t);
      const expAvg: ParamsRecord = {};
      const expAvgSq: ParamsRecord = {};
      const updates = mapRecord(grads, (g, name) => {
        const m = (expAvg[name] = emaFirst(state.expAvg[name], g, beta1));
        const v = (expAvgSq[name] = emaSecond(state.expAvgSq[name], g, beta2));
        const corrected = mul(m, 1 / bc1);
        if (adaptive === undefined) return corrected;
        return mul(div(corrected, add(sqrt(v), eps)), adaptive);
      });
      return { updates, state: { count: t, expAvg, expAvgSq } };
    },
  });
}
