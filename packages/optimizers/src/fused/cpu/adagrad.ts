// AdagradUpdate on typed arrays: the chain of optimizers/adagrad.ts in one pass.
import { adagradRate } from '../../optimizers/adagrad.js';
import type { AdagradHyperparams } from '../../optimizers/adagrad.js';
import type { ResolvedHyperparams } from '../../plugin/define-optimizer.js';
import type { OptimizerKernelLoop } from '../kernel.js';

export const adagradLoop: OptimizerKernelLoop<ResolvedHyperparams<AdagradHyperparams>> = (
  { param, grad, slots, update, nextSlots },
  { hp, step },
) => {
  const { weightDecay, eps } = hp;
  const clr = adagradRate(hp.lr, hp.lrDecay, step);
  const sum = slots[0];
  const nextSum = nextSlots[0];
  for (let i = 0; i < update.length; i++) {
    const d = weightDecay === 0 ? grad[i] : grad[i] + weightDecay * param[i];
    const s = sum[i] + d * d;
    nextSum[i] = s;
    update[i] = (-clr * d) / (Math.sqrt(s) + eps);
  }
};
