// The last link of every optimizer chain: multiply by −lr (updates are added to the parameters,
// as in optax). A schedule is evaluated at the number of updates this transformation has made.
import { mul, ValueError } from '@tensile/core';
import { quoteList } from '../errors.js';
import type { LearningRate } from '../hyperparams.js';
import { checkLearningRate, learningRateAt } from '../hyperparams.js';
import { mapRecord } from '../params.js';
import type { HyperparameterizedTransformation } from '../transform.js';
import { defineTransformation } from '../transform.js';

export interface ScaleByLearningRateState {
  /** Updates made so far: the step the schedule is evaluated at. */
  readonly count: number;
}

export type ScaleByLearningRate = HyperparameterizedTransformation<
  ScaleByLearningRateState,
  { lr: LearningRate }
>;

/** u·(−lr), with `lr` a number or a schedule `(step) => lr`. */
export function scaleByLearningRate(lr: LearningRate): ScaleByLearningRate {
  const op = 'scaleByLearningRate';
  checkLearningRate(op, lr);
  const base = defineTransformation<ScaleByLearningRateState>({
    name: op,
    init: () => ({ count: 0 }),
    update(grads, state) {
      const rate = learningRateAt(op, lr, state.count);
      return {
        updates: mapRecord(grads, (g) => mul(g, -rate)),
        state: { count: state.count + 1 },
      };
    },
  });
  return {
    ...base,
    hyperparams: Object.freeze({ lr }),
    withHyperparams(overrides) {
      for (const key of Object.keys(overrides)) {
        if (key !== 'lr') {
          throw new ValueError(
            `${op}.withHyperparams`,
            `unknown hyper-parameter '${key}'; expected one of ${quoteList(['lr'])}`,
          );
        }
      }
      return scaleByLearningRate(overrides.lr ?? lr);
    },
  };
}
