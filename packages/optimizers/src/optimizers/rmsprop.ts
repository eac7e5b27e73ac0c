// torch.optim.RMSprop: d = g + λθ scaled by scaleByRms (eps outside the root), then optionally
// through a momentum buffer (buf ← μ·buf + d/avg), then θ ← θ − lr·(buf or d/avg).
import type { ParamsRecord } from '../params.js';
import type { LearningRate } from '../hyperparams.js';
import { checkNumber } from '../hyperparams.js';
import type { OptimizerFactory, ResolvedHyperparams } from '../plugin/define-optimizer.js';
import { defineOptimizer } from '../plugin/define-optimizer.js';
import type { StateOf } from '../plugin/from-chain.js';
import { fromChain } from '../plugin/from-chain.js';
import { chain } from '../transform.js';
import { scaleByLearningRate } from '../transforms/scale-by-learning-rate.js';
import { scaleByRms } from '../transforms/scale-by-rms.js';
import { traceMomentum } from '../transforms/trace-momentum.js';
import { addWeightDecay } from '../transforms/weight-decay.js';

export interface RmspropHyperparams {
  lr: LearningRate;
  alpha: number;
  eps: number;
  weightDecay: number;
  momentum: number;
  centered: boolean;
}

const rmspropChain = (hp: ResolvedHyperparams<RmspropHyperparams>) =>
  chain(
    addWeightDecay(hp.weightDecay),
    scaleByRms({ alpha: hp.alpha, eps: hp.eps, centered: hp.centered }),
    traceMomentum({ momentum: hp.momentum }),
    scaleByLearningRate(hp.lr),
  );

export type RmspropState = StateOf<typeof rmspropChain>;

export const RMSPROP_KERNEL = 'RmspropUpdate';

export const rmsprop: OptimizerFactory<RmspropHyperparams, RmspropState> = defineOptimizer<
  RmspropHyperparams,
  RmspropState
>({
  name: 'rmsprop',
  defaults: { lr: 0.01, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false },
  validate(hp, op) {
    checkNumber(op, 'alpha', hp.alpha, { ge: 0 });
    checkNumber(op, 'eps', hp.eps, { ge: 0 });
    checkNumber(op, 'weightDecay', hp.weightDecay, { ge: 0 });
    checkNumber(op, 'momentum', hp.momentum, { ge: 0 });
  },
  ...fromChain(rmspropChain),
  fused: {
    kernelName: RMSPROP_KERNEL,
    // Slots in kernel order: squareAvg, then gradAvg when centered, then the momentum buffer.
    read([, rms, trace], hp) {
      const slots: ParamsRecord[] = [rms.squareAvg];
      if (hp.centered) {
        if (rms.gradAvg === undefined) return undefined;
        slots.push(rms.gradAvg);
      }
      if (hp.momentum !== 0) {
        if (Object.keys(trace.momentumBuffer).length === 0) return undefined;
        slots.push(trace.momentumBuffer);
      }
      return { slots, scalars: {} };
    },
    write([decay, rms, trace], { slots }, count, hp) {
      const [squareAvg, ...rest] = slots;
      const gradAvg = hp.centered ? rest.shift() : rms.gradAvg;
      const momentumBuffer = (hp.momentum !== 0 ? rest.shift() : undefined) ?? trace.momentumBuffer;
      return [
        decay,
        { squareAvg, ...(gradAvg === undefined ? {} : { gradAvg }) },
        { count, momentumBuffer },
        { count },
      ];
    },
  },
});
