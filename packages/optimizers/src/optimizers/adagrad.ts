// torch.optim.Adagrad: sum ← sum + d², θ ← θ − clr·d/(√sum + eps), d = g + λθ, with the decayed
// rate clr = lr/(1 + (t − 1)·lrDecay) at update t, i.e. a schedule on top of lr.
import type { LearningRate } from '../hyperparams.js';
import { checkNumber } from '../hyperparams.js';
import type { OptimizerFactory, ResolvedHyperparams } from '../plugin/define-optimizer.js';
import { defineOptimizer } from '../plugin/define-optimizer.js';
import type { StateOf } from '../plugin/from-chain.js';
import { fromChain } from '../plugin/from-chain.js';
import { chain } from '../transform.js';
import { scaleByLearningRate } from '../transforms/scale-by-learning-rate.js';
import { scaleByRss } from '../transforms/scale-by-rss.js';
import { addWeightDecay } from '../transforms/weight-decay.js';

export interface AdagradHyperparams {
  lr: LearningRate;
  lrDecay: number;
  weightDecay: number;
  initialAccumulatorValue: number;
  eps: number;
}

/** lr/(1 + step·lrDecay): PyTorch's clr for update number step (0-based). */
export const adagradRate = (lr: number, lrDecay: number, step: number): number =>
  lr / (1 + step * lrDecay);

const adagradChain = (hp: ResolvedHyperparams<AdagradHyperparams>, step: number) =>
  chain(
    addWeightDecay(hp.weightDecay),
    scaleByRss({ initialAccumulatorValue: hp.initialAccumulatorValue, eps: hp.eps }),
    scaleByLearningRate(adagradRate(hp.lr, hp.lrDecay, step)),
  );

export type AdagradState = StateOf<typeof adagradChain>;

export const ADAGRAD_KERNEL = 'AdagradUpdate';

export const adagrad: OptimizerFactory<AdagradHyperparams, AdagradState> = defineOptimizer<
  AdagradHyperparams,
  AdagradState
>({
  name: 'adagrad',
  defaults: { lr: 0.01, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, eps: 1e-10 },
  validate(hp, op) {
    checkNumber(op, 'lrDecay', hp.lrDecay, { ge: 0 });
    checkNumber(op, 'weightDecay', hp.weightDecay, { ge: 0 });
    checkNumber(op, 'initialAccumulatorValue', hp.initialAccumulatorValue, { ge: 0 });
    checkNumber(op, 'eps', hp.eps, { ge: 0 });
  },
  ...fromChain(adagradChain),
  fused: {
    kernelName: ADAGRAD_KERNEL,
    read: ([, rss]) => ({ slots: [rss.sum], scalars: {} }),
    write: ([decay], { slots }, count) => [decay, { sum: slots[0] }, { count }],
  },
});
