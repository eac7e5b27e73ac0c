// Weight decay, in its two forms. Coupled (PyTorch's `weight_decay` everywhere but AdamW): the L2
// term goes into the gradient, g + λθ, before any adaptive scaling. Decoupled (AdamW, Loshchilov &
// Hutter 2019): λθ is added to the update after the scaling, so with `scaleByLearningRate` after
// it the step is θ ← θ − lr·(direction + λθ) = θ(1 − lr·λ) − lr·direction.
import { add, mul } from '@tensile/core';
import { checkNumber } from '../hyperparams.js';
import { mapRecord, requireParams } from '../params.js';
import type { GradientTransformation } from '../transform.js';
import { defineTransformation } from '../transform.js';

/** The state of a stateless transformation. */
export type EmptyState = Record<string, never>;

function addScaledParams(name: string, weightDecay: number): GradientTransformation<EmptyState> {
  checkNumber(name, 'weightDecay', weightDecay, { ge: 0 });
  return defineTransformation<EmptyState>({
    name,
    init: () => ({}),
    update(grads, state, params) {
      if (weightDecay === 0) return { updates: grads, state };
      const p = requireParams(`${name}.update`, params);
      return { updates: mapRecord(grads, (g, n) => add(g, mul(p[n], weightDecay))), state };
    },
  });
}

/** Coupled weight decay (L2 into the gradient): g + weightDecay·θ. Needs `params`. */
export function addWeightDecay(weightDecay: number): GradientTransformation<EmptyState> {
  return addScaledParams('addWeightDecay', weightDecay);
}

/**
 * Decoupled weight decay: u + weightDecay·θ, placed after the adaptive scaling and before
 * `scaleByLearningRate` (optax's `add_decayed_weights`). Needs `params`.
 */
export function addDecayedWeights(weightDecay: number): GradientTransformation<EmptyState> {
  return addScaledParams('addDecayedWeights', weightDecay);
}
