// NadamUpdate on typed arrays: the chain of optimizers/nadam.ts in one pass (PyTorch ≥ 2.0 rule).
import type { NadamHyperparams } from '../../optimizers/nadam.js';
import type { ResolvedHyperparams } from '../../plugin/define-optimizer.js';
import { biasCorrection } from '../../transforms/moments.js';
import { nadamMomentum } from '../../transforms/scale-by-nadam.js';
import type { OptimizerKernelLoop } from '../kernel.js';

export const nadamLoop: OptimizerKernelLoop<ResolvedHyperparams<NadamHyperparams>> = (
  { param, grad, slots, update, nextSlots },
  { hp, step, scalars },
) => {
  const { lr, eps, weightDecay, momentumDecay, decoupledWeightDecay } = hp;
  const [beta1, beta2] = hp.betas;
  const t = step + 1;
  const bc2 = biasCorrection(beta2, t);
  const mu = nadamMomentum(beta1, momentumDecay, t);
  const muNext = nadamMomentum(beta1, momentumDecay, t + 1);
  const muProduct = scalars.muProduct * mu;
  const gradStep = (-lr * (1 - mu)) / (1 - muProduct);
  const avgStep = (-lr * muNext) / (1 - muProduct * muNext);
  const invBc2 = 1 / bc2;
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
    const u = (gradStep * d + avgStep * m) / (Math.sqrt(v * invBc2) + eps);
    update[i] = decay === 0 ? u : u + decay * param[i];
  }
};
