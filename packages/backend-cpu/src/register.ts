// Registers the cpu backend and every kernel it implements.
import { registerBackend } from '@tensile/core';
import { CpuBackend } from './backend.js';
import { binaryKernels } from './kernels/binary.js';
import { convKernels } from './kernels/conv.js';
import { matMulKernels } from './kernels/matmul.js';
import { normalizationKernels } from './kernels/normalization.js';
import { reduceKernels } from './kernels/reduce.js';
import { shapeKernels } from './kernels/shape.js';
import { softmaxKernels } from './kernels/softmax.js';
import { unaryKernels } from './kernels/unary.js';
import { whereKernel } from './kernels/where.js';
import type { CpuKernel } from './util/define.js';

export const CPU_KERNELS: readonly CpuKernel[] = [
  ...unaryKernels,
  ...binaryKernels,
  whereKernel,
  ...reduceKernels,
  ...matMulKernels,
  ...softmaxKernels,
  ...shapeKernels,
  ...convKernels,
  ...normalizationKernels,
];

/** Registers the backend under `name` (default 'cpu', priority 1) with all its kernels. */
export function registerCpuBackend(name = 'cpu', priority = 1): void {
  registerBackend(name, () => new CpuBackend(), priority);
  for (const kernel of CPU_KERNELS) kernel.register(name);
}
