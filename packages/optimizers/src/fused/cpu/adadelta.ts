// AdadeltaUpdate on typed arrays: the chain of optimizers/adadelta.ts in one pass.
import type { AdadeltaHyperparams } from '../../optimizers/adadelta.js';
import type { ResolvedHyperparams } from '../../plugin/define-optimizer.js';
import type { OptimizerKernelLoop } from '../kernel.js';

export const adadeltaLoop: OptimizerKernelLoop<ResolvedHyperparams<AdadeltaHyperparams>> = (
  { param, grad, slots, update, nextSlots },
  { hp },
) => {
  const { lr, rho, eps, weightDecay } = hp;
  const [squareAvg, accDelta] = slots;
  const [nextSquareAvg, nextAccDelta] = nextSlots;
  for (let i = 0; i < update.length; i++) {
    const d = weightDecay === 0 ? grad[i] : grad[i] + weightDecay * param[i];
    const sq = rho * squareAvg[i] + (1 - rho) * d * d;
    const delta = Math.sqrt((accDelta[i] + eps) / (sq + eps)) * d;
    nextSquareAvg[i] = sq;
    nextAccDelta[i] = rho * accDelta[i] + (1 - rho) * delta * delta;
    update[i] = -lr * delta;
  }
};
