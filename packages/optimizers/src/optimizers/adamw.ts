// torch.optim.AdamW (Loshchilov & Hutter 2019): Adam's direction plus decoupled weight decay, the
// three-link chain of optax's adamw; θ ← θ(1 − lr·λ) − lr·adam. Default weightDecay 1e-2.
import type { OptimizerFactory, ResolvedHyperparams } from '../plugin/define-optimizer.js';
import { defineOptimizer } from '../plugin/define-optimizer.js';
import type { StateOf } from '../plugin/from-chain.js';
import { fromChain } from '../plugin/from-chain.js';
import { chain } from '../transform.js';
import { scaleByAdam } from '../transforms/scale-by-adam.js';
import { scaleByLearningRate } from '../transforms/scale-by-learning-rate.js';
import { addDecayedWeights } from '../transforms/weight-decay.js';
import type { AdamHyperparams } from './adam.js';
import { ADAM_DEFAULTS, readAdamSlots, validateAdam, writeAdamSlots } from './adam.js';

export type AdamwHyperparams = AdamHyperparams;

const adamwChain = (hp: ResolvedHyperparams<AdamwHyperparams>) =>
  chain(
    scaleByAdam({ betas: hp.betas, eps: hp.eps, amsgrad: hp.amsgrad }),
    addDecayedWeights(hp.weightDecay),
    scaleByLearningRate(hp.lr),
  );

export type AdamwState = StateOf<typeof adamwChain>;

export const ADAMW_KERNEL = 'AdamwUpdate';

export const adamw: OptimizerFactory<AdamwHyperparams, AdamwState> = defineOptimizer<
  AdamwHyperparams,
  AdamwState
>({
  name: 'adamw',
  defaults: { ...ADAM_DEFAULTS, weightDecay: 1e-2 },
  validate: validateAdam,
  ...fromChain(adamwChain),
  fused: {
    kernelName: ADAMW_KERNEL,
    read: ([moments], hp) => readAdamSlots(moments, hp.amsgrad),
    write: ([moments, decay], { slots }, count, hp) => [
      writeAdamSlots(moments, slots, count, hp.amsgrad),
      decay,
      { count },
    ],
  },
});
