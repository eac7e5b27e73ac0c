import type { KernelInputs, KernelName, TensorInfo } from '../kernels/types.js';
import type { Tensor } from '../tensor/tensor.js';

/** A kernel's inputs as tensors (what ops pass to the engine and gradients receive). */
export type TensorInputs<K extends KernelName> = {
  [P in keyof KernelInputs<K>]: Exclude<KernelInputs<K>[P], undefined> extends readonly TensorInfo[]
    ? Tensor[]
    : Tensor;
};

/** [argument name, tensor] pairs of an inputs object, list inputs as `name[i]`. */
export function namedInputs(inputs: object): Array<[string, Tensor]> {
  const out: Array<[string, Tensor]> = [];
  for (const [name, value] of Object.entries(inputs) as Array<
    [string, Tensor | Tensor[] | undefined]
  >) {
    if (value === undefined) continue;
    if (Array.isArray(value)) value.forEach((t, i) => out.push([`${name}[${i}]`, t]));
    else out.push([name, value]);
  }
  return out;
}
