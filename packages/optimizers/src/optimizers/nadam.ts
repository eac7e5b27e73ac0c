// torch.optim.NAdam, PyTorch ≥ 2.0's rule (scaleByNadam), with coupled weight decay or, with
// decoupledWeightDecay (PyTorch ≥ 2.1, "NAdamW"), decoupled decay as in AdamW.
import type { LearningRate } from '../hyperparams.js';
import { checkBetas, checkNumber } from '../hyperparams.js';
import type { OptimizerFactory, ResolvedHyperparams } from '../plugin/define-optimizer.js';
import { defineOptimizer } from '../plugin/define-optimizer.js';
import type { StateOf } from '../plugin/from-chain.js';
import { fromChain } from '../plugin/from-chain.js';
import { chain } from '../transform.js';
import { scaleByLearningRate } from '../transforms/scale-by-learning-rate.js';
import { nadamMomentum, scaleByNadam } from '../transforms/scale-by-nadam.js';
import { addDecayedWeights, addWeightDecay } from '../transforms/weight-decay.js';

export interface NadamHyperparams {
  lr: LearningRate;
  betas: readonly [number, number];
  eps: number;
  weightDecay: number;
  momentumDecay: number;
  decoupledWeightDecay: boolean;
}

// Both decay links are always present (one of them with 0), so the state keeps one layout.
const nadamChain = (hp: ResolvedHyperparams<NadamHyperparams>) =>
  chain(
    addWeightDecay(hp.decoupledWeightDecay ? 0 : hp.weightDecay),
    scaleByNadam({ betas: hp.betas, eps: hp.eps, momentumDecay: hp.momentumDecay }),
    addDecayedWeights(hp.decoupledWeightDecay ? hp.weightDecay : 0),
    scaleByLearningRate(hp.lr),
  );

export type NadamState = StateOf<typeof nadamChain>;

export const NADAM_KERNEL = 'NadamUpdate';

export const nadam: OptimizerFactory<NadamHyperparams, NadamState> = defineOptimizer<
  NadamHyperparams,
  NadamState
>({
  name: 'nadam',
  defaults: {
    lr: 2e-3,
    betas: [0.9, 0.999],
    eps: 1e-8,
    weightDecay: 0,
    momentumDecay: 4e-3,
    decoupledWeightDecay: false,
  },
  validate(hp, op) {
    checkBetas(op, hp.betas);
    checkNumber(op, 'eps', hp.eps, { ge: 0 });
    checkNumber(op, 'weightDecay', hp.weightDecay, { ge: 0 });
    checkNumber(op, 'momentumDecay', hp.momentumDecay, { ge: 0 });
  },
  ...fromChain(nadamChain),
  fused: {
    kernelName: NADAM_KERNEL,
    read: ([, moments]) => ({
      slots: [moments.expAvg, moments.expAvgSq],
      scalars: { muProduct: moments.muProduct },
    }),
    write: ([coupled, , decoupled], { slots, scalars }, count) => [
      coupled,
      { count, expAvg: slots[0], expAvgSq: slots[1], muProduct: scalars.muProduct },
      decoupled,
      { count },
    ],
    // Πₜ = Πₜ₋₁·μₜ, as scaleByNadam updates it.
    advance: (scalars, hp, step) => ({
      muProduct: scalars.muProduct * nadamMomentum(hp.betas[0], hp.momentumDecay, step + 1),
    }),
  },
});
