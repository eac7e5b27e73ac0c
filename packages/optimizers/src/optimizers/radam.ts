// torch.optim.RAdam: scaleByRadam with coupled weight decay or, with decoupledWeightDecay
// (PyTorch ≥ 2.1), decoupled decay as in AdamW.
import type { LearningRate } from '../hyperparams.js';
import { checkBetas, checkNumber } from '../hyperparams.js';
import type { OptimizerFactory, ResolvedHyperparams } from '../plugin/define-optimizer.js';
import { defineOptimizer } from '../plugin/define-optimizer.js';
import type { StateOf } from '../plugin/from-chain.js';
import { fromChain } from '../plugin/from-chain.js';
import { chain } from '../transform.js';
import { scaleByLearningRate } from '../transforms/scale-by-learning-rate.js';
import { scaleByRadam } from '../transforms/scale-by-radam.js';
import { addDecayedWeights, addWeightDecay } from '../transforms/weight-decay.js';

export interface RadamHyperparams {
  lr: LearningRate;
  betas: readonly [number, number];
  eps: number;
  weightDecay: number;
  decoupledWeightDecay: boolean;
}

const radamChain = (hp: ResolvedHyperparams<RadamHyperparams>) =>
  chain(
    addWeightDecay(hp.decoupledWeightDecay ? 0 : hp.weightDecay),
    scaleByRadam({ betas: hp.betas, eps: hp.eps }),
    addDecayedWeights(hp.decoupledWeightDecay ? hp.weightDecay : 0),
    scaleByLearningRate(hp.lr),
  );

export type RadamState = StateOf<typeof radamChain>;

export const RADAM_KERNEL = 'RadamUpdate';

export const radam: OptimizerFactory<RadamHyperparams, RadamState> = defineOptimizer<
  RadamHyperparams,
  RadamState
>({
  name: 'radam',
  defaults: {
    lr: 1e-3,
    betas: [0.9, 0.999],
    eps: 1e-8,
    weightDecay: 0,
    decoupledWeightDecay: false,
  },
  validate(hp, op) {
    checkBetas(op, hp.betas);
    checkNumber(op, 'eps', hp.eps, { ge: 0 });
    checkNumber(op, 'weightDecay', hp.weightDecay, { ge: 0 });
  },
  ...fromChain(radamChain),
  fused: {
    kernelName: RADAM_KERNEL,
    read: ([, moments]) => ({ slots: [moments.expAvg, moments.expAvgSq], scalars: {} }),
    write: ([coupled, , decoupled], { slots }, count) => [
      coupled,
      { count, expAvg: slots[0], expAvgSq: slots[1] },
      decoupled,
      { count },
    ],
  },
});
