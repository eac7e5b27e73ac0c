// Every built-in is a short chain of public building blocks: the same chain written by hand gives
// the same trajectory (what optax's aliases promise, and what a plugin author can rely on).
import '@tensile/backend-cpu';
import { describe, it } from 'vitest';
import type { GradientTransformation } from '../../src/index.js';
import {
  adadelta,
  adagrad,
  adam,
  adamax,
  adamw,
  addDecayedWeights,
  addWeightDecay,
  chain,
  nadam,
  radam,
  rmsprop,
  scaleByAdadelta,
  scaleByAdam,
  scaleByAdamax,
  scaleByLearningRate,
  scaleByNadam,
  scaleByRadam,
  scaleByRms,
  scaleByRss,
  sgd,
  traceMomentum,
} from '../../src/index.js';
import { quadratic, runFunctional } from '../../src/testing/index.js';
import { expectSameTrajectory } from '../../src/testing/trajectory.js';

const CASES: Array<[string, GradientTransformation<unknown>, GradientTransformation<unknown>]> = [
  [
    'sgd',
    sgd({ lr: 0.05, momentum: 0.9, dampening: 0.1, weightDecay: 0.01, fused: false }),
    chain(
      addWeightDecay(0.01),
      traceMomentum({ momentum: 0.9, dampening: 0.1 }),
      scaleByLearningRate(0.05),
    ),
  ],
  [
    'adagrad',
    adagrad({ lr: 0.1, lrDecay: 0.01, initialAccumulatorValue: 0.1, fused: false }),
    chain(
      scaleByRss({ initialAccumulatorValue: 0.1 }),
      scaleByLearningRate((t) => 0.1 / (1 + t * 0.01)),
    ),
  ],
  ['adadelta', adadelta({ fused: false }), chain(scaleByAdadelta(), scaleByLearningRate(1))],
  [
    'rmsprop',
    rmsprop({ momentum: 0.5, centered: true, fused: false }),
    chain(scaleByRms({ centered: true }), traceMomentum(0.5), scaleByLearningRate(0.01)),
  ],
  [
    'adam',
    adam({ lr: 0.05, amsgrad: true, weightDecay: 0.1, fused: false }),
    chain(addWeightDecay(0.1), scaleByAdam({ amsgrad: true }), scaleByLearningRate(0.05)),
  ],
  [
    'adamw',
    adamw({ lr: 0.05, fused: false }),
    chain(scaleByAdam(), addDecayedWeights(0.01), scaleByLearningRate(0.05)),
  ],
  [
    'nadam (decoupled)',
    nadam({ weightDecay: 0.1, decoupledWeightDecay: true, fused: false }),
    chain(scaleByNadam(), addDecayedWeights(0.1), scaleByLearningRate(2e-3)),
  ],
  ['adamax', adamax({ fused: false }), chain(scaleByAdamax(), scaleByLearningRate(2e-3))],
  [
    'radam',
    radam({ lr: 0.05, weightDecay: 0.1, fused: false }),
    chain(addWeightDecay(0.1), scaleByRadam(), scaleByLearningRate(0.05)),
  ],
];

describe('each built-in is its chain of building blocks', () => {
  for (const [name, named, handMade] of CASES) {
    it(name, () => {
      const a = runFunctional(named, quadratic(), { steps: 8 });
      const b = runFunctional(handMade, quadratic(), { steps: 8 });
      expectSameTrajectory(name, a, b, 0);
    });
  }
});
