// A cpu kernel: its name and how it registers, so register.ts can list them.
import type { DType, KernelFunc, KernelName, TensorInfo, TypedArray } from '@tensile/core';
import { makeTypedArray, registerKernel, sizeFromShape } from '@tensile/core';
import type { CpuBackend } from '../backend.js';

export interface CpuKernel {
  readonly kernelName: KernelName;
  register(backendName: string): void;
}

export function defineKernel<K extends KernelName>(
  kernelName: K,
  kernelFunc: KernelFunc<K, CpuBackend>,
): CpuKernel {
  return {
    kernelName,
    register: (backendName) => registerKernel({ kernelName, backendName, kernelFunc }),
  };
}

/** A zeroed output buffer and the function that hands it to the backend once filled. */
export function allocate(
  backend: CpuBackend,
  shape: readonly number[],
  dtype: DType,
): { values: TypedArray; finish: () => TensorInfo } {
  const values = makeTypedArray(dtype, sizeFromShape(shape));
  return { values, finish: () => backend.adopt(values, shape, dtype) };
}
