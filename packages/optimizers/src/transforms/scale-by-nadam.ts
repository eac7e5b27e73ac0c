// NAdam (Dozat 2016) as current PyTorch (≥ 2.0) computes it, with the momentum schedule
//   μₜ = β₁(1 − ½·0.96^(t·ψ)),  ψ = momentumDecay,  Πₜ = μ₁⋯μₜ,
// and the direction
//   (1 − μₜ)/(1 − Πₜ) · g/d + μₜ₊₁/(1 − Πₜ·μₜ₊₁) · m/d,   d = √(v/(1 − β₂ᵗ)) + eps.
// PyTorch 1.13 divided the second term by 1 − Πₜ·μₜ·μₜ₊₁, a bug fixed in pytorch/pytorch#92699
// (docs/numerics.md).
import { add, div, mul, sqrt, zerosLike } from '@tensile/core';
import { checkBetas, checkNumber } from '../hyperparams.js';
import type { ParamsRecord } from '../params.js';
import { mapRecord } from '../params.js';
import type { GradientTransformation } from '../transform.js';
import { defineTransformation } from '../transform.js';
import { biasCorrection, emaFirst, emaSecond } from './moments.js';

export interface ScaleByNadamOptions {
  betas?: readonly [number, number];
  eps?: number;
  /** ψ of the momentum schedule (default 4e-3). */
  momentumDecay?: number;
}

export interface ScaleByNadamState {
  readonly count: number;
  readonly expAvg: ParamsRecord;
  readonly expAvgSq: ParamsRecord;
  /** Πₜ, the product of the momentum coefficients so far (1 before the first step). */
  readonly muProduct: number;
}

/** μₜ = β₁(1 − ½·0.96^(t·ψ)), the momentum coefficient of update t (1-based). */
export const nadamMomentum = (beta1: number, momentumDecay: number, t: number): number =>
  beta1 * (1 - 0.5 * 0.96 ** (t * momentumDecay));

export function scaleByNadam(
  options: ScaleByNadamOptions = {},
): GradientTransformation<ScaleByNadamState> {
  const op = 'scaleByNadam';
  const [beta1, beta2] = checkBetas(op, options.betas ?? [0.9, 0.999]);
  const eps = checkNumber(op, 'eps', options.eps ?? 1e-8, { ge: 0 });
  const momentumDecay = checkNumber(op, 'momentumDecay', options.momentumDecay ?? 4e-3, { ge: 0 });
  return defineTransformation<ScaleByNadamState>({
    name: op,
    init: (params) => ({
      count: 0,
      expAvg: mapRecord(params, (p) => zerosLike(p)),
      expAvgSq: mapRecord(params, (p) => zerosLike(p)),
      muProduct: 1,
    }),
    update(grads, state) {
      const t = state.count + 1;
      const bc2 = biasCorrection(beta2, t);
      const mu = nadamMomentum(beta1, momentumDecay, t);
      const muNext = nadamMomentum(beta1, momentumDecay, t + 1);
      const muProduct = state.muProduct * mu;
      const gradCoef = (1 - mu) / (1 - muProduct);
      const avgCoef = muNext / (1 - muProduct * muNext);
      const expAvg: ParamsRecord = {};
      const expAvgSq: ParamsRecord = {};
      const updates = mapRecord(grads, (g, name) => {
        const m = (expAvg[name] = emaFirst(state.expAvg[name], g, beta1));
        const v = (expAvgSq[name] = emaSecond(state.expAvgSq[name], g, beta2));
        const denom = add(sqrt(div(v, bc2)), eps);
        return add(mul(div(g, denom), gradCoef), mul(div(m, denom), avgCoef));
      });
      return { updates, state: { count: t, expAvg, expAvgSq, muProduct } };
    },
  });
}
