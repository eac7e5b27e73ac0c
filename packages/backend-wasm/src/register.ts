// Registers the wasm backend and every kernel it implements natively.
import { registerBackend } from '@tensile/core';
import type { WasmBackend } from './backend.js';
import { binaryKernels } from './kernels/binary.js';
import { convKernels } from './kernels/conv.js';
import type { WasmKernel } from './kernels/define.js';
import { elementwiseKernels } from './kernels/elementwise.js';
import { matMulKernels } from './kernels/matmul.js';
import { normalizationKernels } from './kernels/normalization.js';
import { registerOptimizerKernels } from './kernels/optimizers.js';
import { poolKernels } from './kernels/pool.js';
import { reduceKernels } from './kernels/reduce.js';
import { shapeKernels } from './kernels/shape.js';
import { createWasmBackend } from './runtime.js';

export const WASM_KERNELS: readonly WasmKernel[] = [
  ...elementwiseKernels,
  ...binaryKernels,
  ...reduceKernels,
  ...matMulKernels,
  ...shapeKernels,
  ...convKernels,
  ...poolKernels,
  ...normalizationKernels,
];

const instances = new Set<WasmBackend>();

/**
 * Registers the backend under `name` (default 'wasm', priority 2: above cpu) with all its kernels,
 * including the fused optimizer updates of @tensile/optimizers (SgdUpdate, AdamUpdate, …).
 * The factory is asynchronous (it compiles the module): call `await tl.ready()` or
 * `await tl.setBackend('wasm')` before the first op.
 */
export function registerWasmBackend(name = 'wasm', priority = 2): void {
  registerBackend(
    name,
    async () => {
      const backend = await createWasmBackend();
      instances.add(backend);
      return backend;
    },
    priority,
  );
  for (const kernel of WASM_KERNELS) kernel.register(name);
  registerOptimizerKernels(name);
}

/** The wasm backend instances created so far (setThreadCount applies to each). */
export function wasmBackends(): readonly WasmBackend[] {
  return [...instances];
}
