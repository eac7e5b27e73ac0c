// Adadelta (Zeiler 2012) as PyTorch computes it:
//   sq ← ρ·sq + (1 − ρ)·g²,  δ = √(acc + eps)/√(sq + eps) · g,  acc ← ρ·acc + (1 − ρ)·δ²,
// and the direction δ (PyTorch then scales it by lr, default 1).
import { add, div, mul, sqrt, zerosLike } from '@tensile/core';
import { checkNumber } from '../hyperparams.js';
import type { ParamsRecord } from '../params.js';
import { mapRecord } from '../params.js';
import type { GradientTransformation } from '../transform.js';
import { defineTransformation } from '../transform.js';
import { emaSecond } from './moments.js';

export interface ScaleByAdadeltaOptions {
  /** Decay of both running averages (default 0.9). */
  rho?: number;
  /** Added inside both roots (default 1e-6). */
  eps?: number;
}

export interface ScaleByAdadeltaState {
  readonly squareAvg: ParamsRecord;
  readonly accDelta: ParamsRecord;
}

export function scaleByAdadelta(
  options: ScaleByAdadeltaOptions = {},
): GradientTransformation<ScaleByAdadeltaState> {
  const op = 'scaleByAdadelta';
  const rho = checkNumber(op, 'rho', options.rho ?? 0.9, { ge: 0, le: 1 });
  const eps = checkNumber(op, 'eps', options.eps ?? 1e-6, { ge: 0 });
  return defineTransformation<ScaleByAdadeltaState>({
    name: op,
    init: (params) => ({
      squareAvg: mapRecord(params, (p) => zerosLike(p)),
      accDelta: mapRecord(params, (p) => zerosLike(p)),
    }),
    update(grads, state) {
      const squareAvg: ParamsRecord = {};
      const accDelta: ParamsRecord = {};
      const updates = mapRecord(grads, (g, name) => {
        const sq = (squareAvg[name] = emaSecond(state.squareAvg[name], g, rho));
        const std = sqrt(add(sq, eps));
        const delta = mul(div(sqrt(add(state.accDelta[name], eps)), std), g);
        accDelta[name] = emaSecond(state.accDelta[name], delta, rho);
        return delta;
      });
      return { updates, state: { squareAvg, accDelta } };
    },
  });
}
