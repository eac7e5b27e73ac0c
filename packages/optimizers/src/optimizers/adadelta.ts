// torch.optim.Adadelta: the scaling of scaleByAdadelta applied to d = g + λθ, then θ ← θ − lr·δ.
import type { LearningRate } from '../hyperparams.js';
import { checkNumber } from '../hyperparams.js';
import type { OptimizerFactory, ResolvedHyperparams } from '../plugin/define-optimizer.js';
import { defineOptimizer } from '../plugin/define-optimizer.js';
import type { StateOf } from '../plugin/from-chain.js';
import { fromChain } from '../plugin/from-chain.js';
import { chain } from '../transform.js';
import { scaleByAdadelta } from '../transforms/scale-by-adadelta.js';
import { scaleByLearningRate } from '../transforms/scale-by-learning-rate.js';
import { addWeightDecay } from '../transforms/weight-decay.js';

export interface AdadeltaHyperparams {
  lr: LearningRate;
  rho: number;
  eps: number;
  weightDecay: number;
}

const adadeltaChain = (hp: ResolvedHyperparams<AdadeltaHyperparams>) =>
  chain(
    addWeightDecay(hp.weightDecay),
    scaleByAdadelta({ rho: hp.rho, eps: hp.eps }),
    scaleByLearningRate(hp.lr),
  );

export type AdadeltaState = StateOf<typeof adadeltaChain>;

export const ADADELTA_KERNEL = 'AdadeltaUpdate';

export const adadelta: OptimizerFactory<AdadeltaHyperparams, AdadeltaState> = defineOptimizer<
  AdadeltaHyperparams,
  AdadeltaState
>({
  name: 'adadelta',
  defaults: { lr: 1, rho: 0.9, eps: 1e-6, weightDecay: 0 },
  validate(hp, op) {
    checkNumber(op, 'rho', hp.rho, { ge: 0, le: 1 });
    checkNumber(op, 'eps', hp.eps, { ge: 0 });
    checkNumber(op, 'weightDecay', hp.weightDecay, { ge: 0 });
  },
  ...fromChain(adadeltaChain),
  fused: {
    kernelName: ADADELTA_KERNEL,
    read: ([, delta]) => ({ slots: [delta.squareAvg, delta.accDelta], scalars: {} }),
    write: ([decay], { slots }, count) => [
      decay,
      { squareAvg: slots[0], accDelta: slots[1] },
      { count },
    ],
  },
});
