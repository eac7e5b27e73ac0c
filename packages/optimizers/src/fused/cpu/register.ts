// The cpu backend's fused optimizer kernels, by list. They use only the Backend interface
// (readSync/write), so this package registers them without importing @tensile/backend-cpu.
import { ADADELTA_KERNEL } from '../../optimizers/adadelta.js';
import { ADAGRAD_KERNEL } from '../../optimizers/adagrad.js';
import { ADAM_KERNEL } from '../../optimizers/adam.js';
import { ADAMAX_KERNEL } from '../../optimizers/adamax.js';
import { ADAMW_KERNEL } from '../../optimizers/adamw.js';
import { NADAM_KERNEL } from '../../optimizers/nadam.js';
import { RADAM_KERNEL } from '../../optimizers/radam.js';
import { RMSPROP_KERNEL } from '../../optimizers/rmsprop.js';
import { SGD_KERNEL } from '../../optimizers/sgd.js';
import type { OptimizerKernelLoop } from '../kernel.js';
import { registerOptimizerKernel } from '../kernel.js';
import { adadeltaLoop } from './adadelta.js';
import { adagradLoop } from './adagrad.js';
import { adamKernelLoop, adamwKernelLoop } from './adam.js';
import { adamaxLoop } from './adamax.js';
import { nadamLoop } from './nadam.js';
import { radamLoop } from './radam.js';
import { rmspropLoop } from './rmsprop.js';
import { sgdLoop } from './sgd.js';

// Each loop is typed by its optimizer's hyper-parameters; the registry takes them all.
const CPU_OPTIMIZER_KERNELS: ReadonlyArray<[string, OptimizerKernelLoop<never>]> = [
  [SGD_KERNEL, sgdLoop],
  [ADAGRAD_KERNEL, adagradLoop],
  [ADADELTA_KERNEL, adadeltaLoop],
  [RMSPROP_KERNEL, rmspropLoop],
  [ADAM_KERNEL, adamKernelLoop],
  [ADAMW_KERNEL, adamwKernelLoop],
  [NADAM_KERNEL, nadamLoop],
  [ADAMAX_KERNEL, adamaxLoop],
  [RADAM_KERNEL, radamLoop],
];

/** Registers every fused optimizer kernel for the 'cpu' backend (done on import of the package). */
export function registerCpuOptimizerKernels(): void {
  for (const [kernelName, loop] of CPU_OPTIMIZER_KERNELS) {
    registerOptimizerKernel({ kernelName, backendName: 'cpu', loop });
  }
}

/** The names of the built-in fused kernels. */
export const FUSED_KERNEL_NAMES: readonly string[] = CPU_OPTIMIZER_KERNELS.map(([name]) => name);
