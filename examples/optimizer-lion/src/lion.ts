// Lion (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms", Algorithm 2):
//   c = β₁·m + (1 − β₁)·g          interpolate the momentum and the gradient,
//   θ ← θ − lr·(sign(c) + λ·θ)     step by the sign only, with decoupled weight decay,
//   m ← β₂·m + (1 − β₂)·g          then update the momentum with the other β.
// Written with core ops only, so it runs on every backend; kernel.ts adds a fused cpu kernel.
import * as tl from '@tensile/core';
import type { LearningRate, ParamsRecord } from '@tensile/optimizers';
import { defineOptimizer } from '@tensile/optimizers';

export interface LionHyperparams {
  lr: LearningRate;
  /** β₁ interpolates for the step, β₂ updates the momentum (defaults [0.9, 0.99]). */
  betas: readonly [number, number];
  /** Decoupled, as in AdamW (default 0). */
  weightDecay: number;
}

/** One momentum buffer per parameter, keyed by parameter name (the optimizers convention). */
export interface LionState {
  expAvg: ParamsRecord;
}

export const LION_KERNEL = 'LionUpdate';

export const lion = defineOptimizer<LionHyperparams, LionState>({
  name: 'lion',
  // The paper's defaults for β, and the reference implementation's lr (3–10× below AdamW's).
  defaults: { lr: 1e-4, betas: [0.9, 0.99], weightDecay: 0 },

  // Types and lr are checked already (they follow the defaults); ranges are ours to check.
  validate(hp, op) {
    hp.betas.forEach((beta, i) => {
      if (!(beta >= 0 && beta < 1)) {
        throw new tl.ValueError(op, `betas[${i}] must be in [0, 1), got ${beta}`);
      }
    });
    if (!(hp.weightDecay >= 0)) {
      throw new tl.ValueError(op, `weightDecay must be >= 0, got ${hp.weightDecay}`);
    }
  },

  init: (params) => ({
    expAvg: Object.fromEntries(Object.entries(params).map(([name, p]) => [name, tl.zerosLike(p)])),
  }),

  // Plain tensor math: temporaries, keeping the new state and freeing the old are handled by
  // defineOptimizer. The updates are what gets added to the parameters, hence −lr.
  update(grads, state, params, hp) {
    const [beta1, beta2] = hp.betas;
    const updates: ParamsRecord = {};
    const expAvg: ParamsRecord = {};
    for (const [name, g] of Object.entries(grads)) {
      const m = state.expAvg[name];
      let direction = tl.sign(tl.add(tl.mul(m, beta1), tl.mul(g, 1 - beta1)));
      if (hp.weightDecay !== 0) {
        if (params === undefined) {
          throw new tl.ValueError('lion.update', 'weight decay needs the parameters');
        }
        direction = tl.add(direction, tl.mul(params[name], hp.weightDecay));
      }
      updates[name] = tl.mul(direction, -hp.lr);
      expAvg[name] = tl.add(tl.mul(m, beta2), tl.mul(g, 1 - beta2));
    }
    return { updates, state: { expAvg } };
  },

  // The state is a plain object of slot records, so naming the slot is all the fused path needs.
  fused: { kernelName: LION_KERNEL, slots: ['expAvg'] },
});
