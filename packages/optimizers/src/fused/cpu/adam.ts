// AdamUpdate and AdamwUpdate on typed arrays: the chains of optimizers/adam.ts and adamw.ts in one
// pass. Slots: expAvg, expAvgSq, then maxExpAvgSq with amsgrad.
import type { AdamHyperparams } from '../../optimizers/adam.js';
import type { ResolvedHyperparams } from '../../plugin/define-optimizer.js';
import { biasCorrection } from '../../transforms/moments.js';
import type { OptimizerKernelLoop } from '../kernel.js';

function adamLoop(decoupled: boolean): OptimizerKernelLoop<ResolvedHyperparams<AdamHyperparams>> {
  return ({ param, grad, slots, update, nextSlots }, { hp, step }) => {
    const { lr, eps, weightDecay, amsgrad } = hp;
    const [beta1, beta2] = hp.betas;
    const t = step + 1;
    // PyTorch's step_size = lr/(1 − β₁ᵗ) and denominator √v/√(1 − β₂ᵗ) + eps.
    const stepSize = -lr / biasCorrection(beta1, t);
    const invBc2Sqrt = 1 / Math.sqrt(biasCorrection(beta2, t));
    const coupled = decoupled ? 0 : weightDecay;
    const decay = decoupled ? -lr * weightDecay : 0;
    const [expAvg, expAvgSq, maxExpAvgSq] = slots;
    const [nextExpAvg, nextExpAvgSq, nextMax] = nextSlots;
    for (let i = 0; i < update.length; i++) {
      const d = coupled === 0 ? grad[i] : grad[i] + coupled * param[i];
      const m = beta1 * expAvg[i] + (1 - beta1) * d;
      let v = beta2 * expAvgSq[i] + (1 - beta2) * d * d;
      nextExpAvg[i] = m;
      nextExpAvgSq[i] = v;
      if (amsgrad) {
        v = Math.max(maxExpAvgSq[i], v);
        nextMax[i] = v;
      }
      const u = (stepSize * m) / (Math.sqrt(v) * invBc2Sqrt + eps);
      update[i] = decay === 0 ? u : u + decay * param[i];
    }
  };
}

export const adamKernelLoop = adamLoop(false);
export const adamwKernelLoop = adamLoop(true);
