// The gradient table: one rule per kernel, written with ops. Broadcasting is undone once, in
// backprop.ts, so no rule sums a gradient back to its input's shape itself.
import type { TensorInputs } from '../engine/tensor-inputs.js';
import type { KernelAttrs, KernelInputs, KernelName } from '../kernels/types.js';
import type { Tensor } from '../tensor/tensor.js';

export interface GradContext<K extends KernelName> {
  inputs: TensorInputs<K>;
  attrs: KernelAttrs<K>;
  output: Tensor;
}

/** For each differentiable input, a thunk giving d(loss)/d(input) from dy = d(loss)/d(output). */
export type GradFunc<K extends KernelName> = (
  dy: Tensor,
  ctx: GradContext<K>,
) => { [P in keyof KernelInputs<K>]?: () => Exclude<TensorInputs<K>[P], undefined> };

const table = new Map<KernelName, GradFunc<KernelName>>();

export function registerGradient<K extends KernelName>(kernelName: K, gradient: GradFunc<K>): void {
  table.set(kernelName, gradient as unknown as GradFunc<KernelName>);
}

export function getGradient<K extends KernelName>(kernelName: K): GradFunc<K> | undefined {
  return table.get(kernelName) as GradFunc<K> | undefined;
}

/** Kernels whose output carries no gradient (integer or boolean results, piecewise constants). */
export function registerZeroGradient(...kernelNames: KernelName[]): void {
  for (const name of kernelNames) table.set(name, () => ({}));
}
