// torch.optim.Adamax: d = g + λθ scaled by scaleByAdamax, times −lr.
import type { LearningRate } from '../hyperparams.js';
import { checkBetas, checkNumber } from '../hyperparams.js';
import type { OptimizerFactory, ResolvedHyperparams } from '../plugin/define-optimizer.js';
import { defineOptimizer } from '../plugin/define-optimizer.js';
import type { StateOf } from '../plugin/from-chain.js';
import { fromChain } from '../plugin/from-chain.js';
import { chain } from '../transform.js';
import { scaleByAdamax } from '../transforms/scale-by-adamax.js';
import { scaleByLearningRate } from '../transforms/scale-by-learning-rate.js';
import { addWeightDecay } from '../transforms/weight-decay.js';

export interface AdamaxHyperparams {
  lr: LearningRate;
  betas: readonly [number, number];
  eps: number;
  weightDecay: number;
}

const adamaxChain = (hp: ResolvedHyperparams<AdamaxHyperparams>) =>
  chain(
    addWeightDecay(hp.weightDecay),
    scaleByAdamax({ betas: hp.betas, eps: hp.eps }),
    scaleByLearningRate(hp.lr),
  );

export type AdamaxState = StateOf<typeof adamaxChain>;

export const ADAMAX_KERNEL = 'AdamaxUpdate';

export const adamax: OptimizerFactory<AdamaxHyperparams, AdamaxState> = defineOptimizer<
  AdamaxHyperparams,
  AdamaxState
>({
  name: 'adamax',
  defaults: { lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0 },
  validate(hp, op) {
    checkBetas(op, hp.betas);
    checkNumber(op, 'eps', hp.eps, { ge: 0 });
    checkNumber(op, 'weightDecay', hp.weightDecay, { ge: 0 });
  },
  ...fromChain(adamaxChain),
  fused: {
    kernelName: ADAMAX_KERNEL,
    read: ([, moments]) => ({ slots: [moments.expAvg, moments.expInf], scalars: {} }),
    write: ([decay], { slots }, count) => [
      decay,
      { count, expAvg: slots[0], expInf: slots[1] },
      { count },
    ],
  },
});
