// torch.optim.Adam: d = g + λθ (coupled, L2 into the gradient), scaled by scaleByAdam, times −lr.
import type { LearningRate } from '../hyperparams.js';
import { checkBetas, checkNumber } from '../hyperparams.js';
import type { ParamsRecord } from '../params.js';
import type { OptimizerFactory, ResolvedHyperparams } from '../plugin/define-optimizer.js';
import { defineOptimizer } from '../plugin/define-optimizer.js';
import type { FusedState } from '../plugin/fused-spec.js';
import type { StateOf } from '../plugin/from-chain.js';
import { fromChain } from '../plugin/from-chain.js';
import { chain } from '../transform.js';
import type { ScaleByAdamState } from '../transforms/scale-by-adam.js';
import { scaleByAdam } from '../transforms/scale-by-adam.js';
import { scaleByLearningRate } from '../transforms/scale-by-learning-rate.js';
import { addWeightDecay } from '../transforms/weight-decay.js';

export interface AdamHyperparams {
  lr: LearningRate;
  betas: readonly [number, number];
  eps: number;
  weightDecay: number;
  amsgrad: boolean;
}

export const ADAM_DEFAULTS = {
  lr: 1e-3,
  betas: [0.9, 0.999] as const,
  eps: 1e-8,
  weightDecay: 0,
  amsgrad: false,
};

export function validateAdam(hp: Readonly<AdamHyperparams>, op: string): void {
  checkBetas(op, hp.betas);
  checkNumber(op, 'eps', hp.eps, { ge: 0 });
  checkNumber(op, 'weightDecay', hp.weightDecay, { ge: 0 });
}

/** Adam's slots in kernel order: expAvg, expAvgSq, then maxExpAvgSq with amsgrad. */
export function readAdamSlots(state: ScaleByAdamState, amsgrad: boolean): FusedState | undefined {
  const slots: ParamsRecord[] = [state.expAvg, state.expAvgSq];
  if (amsgrad) {
    if (state.maxExpAvgSq === undefined) return undefined;
    slots.push(state.maxExpAvgSq);
  }
  return { slots, scalars: {} };
}

export function writeAdamSlots(
  state: ScaleByAdamState,
  slots: readonly ParamsRecord[],
  count: number,
  amsgrad: boolean,
): ScaleByAdamState {
  const max = amsgrad ? slots[2] : state.maxExpAvgSq;
  return {
    count,
    expAvg: slots[0],
    expAvgSq: slots[1],
    ...(max === undefined ? {} : { maxExpAvgSq: max }),
  };
}

const adamChain = (hp: ResolvedHyperparams<AdamHyperparams>) =>
  chain(
    addWeightDecay(hp.weightDecay),
    scaleByAdam({ betas: hp.betas, eps: hp.eps, amsgrad: hp.amsgrad }),
    scaleByLearningRate(hp.lr),
  );

export type AdamState = StateOf<typeof adamChain>;

export const ADAM_KERNEL = 'AdamUpdate';

export const adam: OptimizerFactory<AdamHyperparams, AdamState> = defineOptimizer<
  AdamHyperparams,
  AdamState
>({
  name: 'adam',
  defaults: ADAM_DEFAULTS,
  validate: validateAdam,
  ...fromChain(adamChain),
  fused: {
    kernelName: ADAM_KERNEL,
    read: ([, moments], hp) => readAdamSlots(moments, hp.amsgrad),
    write: ([decay, moments], { slots }, count, hp) => [
      decay,
      writeAdamSlots(moments, slots, count, hp.amsgrad),
      { count },
    ],
  },
});
