// Default bodies of composite kernels (gelu, fusedMatMul, batchNorm, …), built from other ops.
// The engine runs one when the active backend has no kernel of that name, and records it on the
// tape as a single node, so its gradient is the composite's own and a backend kernel registered
// under the same name keeps the backward.
import type { KernelAttrs, KernelName } from '../kernels/types.js';
import type { Tensor } from '../tensor/tensor.js';
import type { TensorInputs } from './tensor-inputs.js';

export type CompositeFunc<K extends KernelName> = (
  inputs: TensorInputs<K>,
  attrs: KernelAttrs<K>,
) => Tensor;

const composites = new Map<KernelName, CompositeFunc<KernelName>>();

export function registerComposite<K extends KernelName>(
  kernelName: K,
  body: CompositeFunc<K>,
): void {
  composites.set(kernelName, body as unknown as CompositeFunc<KernelName>);
}

export function getComposite<K extends KernelName>(kernelName: K): CompositeFunc<K> | undefined {
  return composites.get(kernelName) as CompositeFunc<K> | undefined;
}

export function listComposites(): KernelName[] {
  return [...composites.keys()].sort();
}
