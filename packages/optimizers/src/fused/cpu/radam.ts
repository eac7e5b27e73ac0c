// RadamUpdate on typed arrays: the chain of optimizers/radam.ts in one pass.
import type { RadamHyperparams } from '../../optimizers/radam.js';
import type { ResolvedHyperparams } from '../../plugin/define-optimizer.js';
import { biasCorrection } from '../../transforms/moments.js';
import { radamAdaptiveScale } from '../../transforms/scale-by-radam.js';
import type { OptimizerKernelLoop } from '../kernel.js';

export const radamLoop: OptimizerKernelLoop<ResolvedHyperparams<RadamHyperparams>> = (
  { param, grad, slots, update, nextSlots },
  { hp, step },
) => {
  const { lr, eps, weightDecay, decoupledWeightDecay } = hp;
  const [beta1, beta2] = hp.betas;
  const t = step + 1;
  const adaptive = radamAdaptiveScale(beta2, t);
  const stepSize = (-lr * (adaptive ?? 1)) / biasCorrection(beta1, t);
  const coupled = decoupledWeightDecay ? 0 : weightDecay;
  const decay = decoupledWeightDecay ? -lr * weightDecay : 0;
  const [expAvg, expAvgSq] = slots;
  const [nextExpAvg, nextExpAvgSq] = nextSlots;
  for (let i = 0; i < update.length; i++) {
    const d = coupled === 0 ? grad[i] : grad[i] + coupled * param[i];
    const m = beta1 * expAvg[i] + (1 - beta1) * d;
    const v = beta2 * expAvgSq[i] + (1 - beta2) * d * d;
    nextExpAvg[i] = m;
    nextExpAvgSq[i] = v;
    const u = adaptive === undefined ? stepSize * m : (stepSize * m) / (Math.sqrt(v) + eps);
    update[i] = decay === 0 ? u : u + decay * param[i];
  }
};
