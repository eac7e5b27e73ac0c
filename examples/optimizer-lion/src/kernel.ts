// LionUpdate for the cpu backend: the whole step for every parameter in one kernel call. A loop
// per parameter over typed arrays; the optimizers package packs the inputs and splits the output.
import type { OptimizerKernelLoop, ResolvedHyperparams } from '@tensile/optimizers';
import { registerOptimizerKernel } from '@tensile/optimizers';
import type { LionHyperparams } from './lion.js';
import { LION_KERNEL } from './lion.js';

const lionLoop: OptimizerKernelLoop<ResolvedHyperparams<LionHyperparams>> = (
  { param, grad, slots, update, nextSlots },
  { hp },
) => {
  const { lr, weightDecay } = hp;
  const [beta1, beta2] = hp.betas;
  const [expAvg] = slots;
  const [nextExpAvg] = nextSlots;
  // sign() is discontinuous: to agree with the composite path, c must be rounded exactly as the
  // float32 ops round it (coefficients to float32, each product and the sum rounded).
  const round = expAvg instanceof Float32Array ? Math.fround : (x: number) => x;
  const b1 = round(beta1);
  const c1 = round(1 - beta1);
  for (let i = 0; i < update.length; i++) {
    const c = round(round(expAvg[i] * b1) + round(grad[i] * c1));
    const direction = Math.sign(c);
    update[i] = -lr * (weightDecay === 0 ? direction : direction + weightDecay * param[i]);
    nextExpAvg[i] = beta2 * expAvg[i] + (1 - beta2) * grad[i];
  }
};

/** Registers the cpu kernel (index.ts does it on import). */
export function registerLionKernels(): void {
  registerOptimizerKernel({ kernelName: LION_KERNEL, backendName: 'cpu', loop: lionLoop });
}
