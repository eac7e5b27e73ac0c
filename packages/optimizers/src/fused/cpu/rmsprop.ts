// RmspropUpdate on typed arrays: the chain of optimizers/rmsprop.ts in one pass. Slots:
// squareAvg, then gradAvg when centered, then the momentum buffer when momentum ≠ 0.
import type { RmspropHyperparams } from '../../optimizers/rmsprop.js';
import type { ResolvedHyperparams } from '../../plugin/define-optimizer.js';
import type { OptimizerKernelLoop } from '../kernel.js';

export const rmspropLoop: OptimizerKernelLoop<ResolvedHyperparams<RmspropHyperparams>> = (
  { param, grad, slots, update, nextSlots },
  { hp, step },
) => {
  const { lr, alpha, eps, weightDecay, momentum, centered } = hp;
  const squareAvg = slots[0];
  const nextSquareAvg = nextSlots[0];
  const gradAvg = centered ? slots[1] : undefined;
  const nextGradAvg = centered ? nextSlots[1] : undefined;
  const bufIndex = centered ? 2 : 1;
  const buf = momentum !== 0 ? slots[bufIndex] : undefined;
  const nextBuf = momentum !== 0 ? nextSlots[bufIndex] : undefined;
  const first = step === 0;
  for (let i = 0; i < update.length; i++) {
    const d = weightDecay === 0 ? grad[i] : grad[i] + weightDecay * param[i];
    const sq = alpha * squareAvg[i] + (1 - alpha) * d * d;
    nextSquareAvg[i] = sq;
    let variance = sq;
    if (gradAvg !== undefined && nextGradAvg !== undefined) {
      const mean = alpha * gradAvg[i] + (1 - alpha) * d;
      nextGradAvg[i] = mean;
      variance = sq - mean * mean;
    }
    let x = d / (Math.sqrt(variance) + eps);
    if (buf !== undefined && nextBuf !== undefined) {
      x = first ? x : momentum * buf[i] + x;
      nextBuf[i] = x;
    }
    update[i] = -lr * x;
  }
};
