// A wasm kernel: its name and how it registers, so register.ts can list them.
import type { KernelFunc, KernelName } from '@tensile/core';
import { registerKernel } from '@tensile/core';
import type { WasmBackend } from '../backend.js';

export interface WasmKernel {
  readonly kernelName: KernelName;
  register(backendName: string): void;
}

export function defineKernel<K extends KernelName>(
  kernelName: K,
  kernelFunc: KernelFunc<K, WasmBackend>,
): WasmKernel {
  return {
    kernelName,
    register: (backendName) => registerKernel({ kernelName, backendName, kernelFunc }),
  };
}
