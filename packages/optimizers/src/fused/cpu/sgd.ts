// SgdUpdate on typed arrays: the chain of optimizers/sgd.ts in one pass.
import type { SgdHyperparams } from '../../optimizers/sgd.js';
import type { ResolvedHyperparams } from '../../plugin/define-optimizer.js';
import type { OptimizerKernelLoop } from '../kernel.js';

export const sgdLoop: OptimizerKernelLoop<ResolvedHyperparams<SgdHyperparams>> = (
  { param, grad, slots, update, nextSlots },
  { hp, step },
) => {
  const { lr, momentum, dampening, nesterov, weightDecay } = hp;
  const n = update.length;
  if (momentum === 0) {
    // Only with fused: true: by default a step without state skips the kernel (fused-spec.ts).
    for (let i = 0; i < n; i++) {
      update[i] = -lr * (weightDecay === 0 ? grad[i] : grad[i] + weightDecay * param[i]);
    }
    return;
  }
  const buf = slots[0];
  const next = nextSlots[0];
  const first = step === 0;
  for (let i = 0; i < n; i++) {
    const d = weightDecay === 0 ? grad[i] : grad[i] + weightDecay * param[i];
    // PyTorch: the buffer is the gradient itself on the first step (no dampening).
    const b = first ? d : momentum * buf[i] + (1 - dampening) * d;
    next[i] = b;
    update[i] = -lr * (nesterov ? d + momentum * b : b);
  }
};
