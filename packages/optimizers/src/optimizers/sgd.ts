// torch.optim.SGD: θ ← θ − lr·d with d = g + λθ, optionally through PyTorch's momentum buffer
// (first step buf = d, then buf ← μ·buf + (1 − dampening)·d; Nesterov: d + μ·buf).
import { ValueError } from '@tensile/core';
import type { LearningRate } from '../hyperparams.js';
import { checkNumber } from '../hyperparams.js';
import type {
  OptimizerFactory,
  OptimizerOptions,
  ResolvedHyperparams,
} from '../plugin/define-optimizer.js';
import { defineOptimizer } from '../plugin/define-optimizer.js';
import type { StateOf } from '../plugin/from-chain.js';
import { fromChain } from '../plugin/from-chain.js';
import { chain } from '../transform.js';
import { scaleByLearningRate } from '../transforms/scale-by-learning-rate.js';
import { traceMomentum } from '../transforms/trace-momentum.js';
import { addWeightDecay } from '../transforms/weight-decay.js';

export interface SgdHyperparams {
  /** Required, as in PyTorch 1.x. */
  lr: LearningRate;
  momentum: number;
  dampening: number;
  nesterov: boolean;
  weightDecay: number;
}

export type SgdOptions = OptimizerOptions<SgdHyperparams> & { lr: LearningRate };

const sgdChain = (hp: ResolvedHyperparams<SgdHyperparams>) =>
  chain(
    addWeightDecay(hp.weightDecay),
    traceMomentum({ momentum: hp.momentum, dampening: hp.dampening, nesterov: hp.nesterov }),
    scaleByLearningRate(hp.lr),
  );

export type SgdState = StateOf<typeof sgdChain>;

export const SGD_KERNEL = 'SgdUpdate';

export const sgd: OptimizerFactory<SgdHyperparams, SgdState, SgdOptions> = defineOptimizer<
  SgdHyperparams,
  SgdState
>({
  name: 'sgd',
  defaults: { lr: undefined, momentum: 0, dampening: 0, nesterov: false, weightDecay: 0 },
  validate(hp, op) {
    checkNumber(op, 'momentum', hp.momentum, { ge: 0 });
    checkNumber(op, 'weightDecay', hp.weightDecay, { ge: 0 });
    if (hp.nesterov && (hp.momentum <= 0 || hp.dampening !== 0)) {
      throw new ValueError(
        op,
        `nesterov needs momentum > 0 and dampening 0, got momentum ${hp.momentum} and dampening ${hp.dampening}`,
      );
    }
  },
  ...fromChain(sgdChain),
  fused: {
    kernelName: SGD_KERNEL,
    read([, trace], hp) {
      if (hp.momentum === 0) return { slots: [], scalars: {} };
      const buffers = trace.momentumBuffer;
      return Object.keys(buffers).length ? { slots: [buffers], scalars: {} } : undefined;
    },
    write: ([decay, trace], { slots }, count) => [
      decay,
      { count, momentumBuffer: slots[0] ?? trace.momentumBuffer },
      { count },
    ],
  },
});
