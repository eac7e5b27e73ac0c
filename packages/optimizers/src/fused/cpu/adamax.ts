// AdamaxUpdate on typed arrays: the chain of optimizers/adamax.ts in one pass.
import type { AdamaxHyperparams } from '../../optimizers/adamax.js';
import type { ResolvedHyperparams } from '../../plugin/define-optimizer.js';
import { biasCorrection } from '../../transforms/moments.js';
import type { OptimizerKernelLoop } from '../kernel.js';

export const adamaxLoop: OptimizerKernelLoop<ResolvedHyperparams<AdamaxHyperparams>> = (
  { param, grad, slots, update, nextSlots },
  { hp, step },
) => {
  const { lr, eps, weightDecay } = hp;
  const [beta1, beta2] = hp.betas;
  const stepSize = -lr / biasCorrection(beta1, step + 1);
  const [expAvg, expInf] = slots;
  const [nextExpAvg, nextExpInf] = nextSlots;
  for (let i = 0; i < update.length; i++) {
    const d = weightDecay === 0 ? grad[i] : grad[i] + weightDecay * param[i];
    const m = beta1 * expAvg[i] + (1 - beta1) * d;
    const u = Math.max(beta2 * expInf[i], Math.abs(d) + eps);
    nextExpAvg[i] = m;
    nextExpInf[i] = u;
    update[i] = (stepSize * m) / u;
  }
};
