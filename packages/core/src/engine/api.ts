// The public face of the engine: backends, scopes, memory, variables, kernels.
import type { KernelAttrs, KernelName } from '../kernels/types.js';
import type { Tensor, Variable } from '../tensor/tensor.js';
import { ENGINE, collectTensors } from './engine.js';
import type { MemoryInfo, TensorContainer } from './engine.js';
import type { TensorInputs } from './tensor-inputs.js';

/** Initializes the highest-priority registered backend that works. */
export const ready = (): Promise<void> => ENGINE.ready();
export const setBackend = (name: string): Promise<void> => ENGINE.setBackend(name);
/** The active backend's name. */
export const getBackend = (): string => ENGINE.activeBackendName;

/** Runs fn and disposes every tensor it made except the ones it returns (synchronous only). */
export function tidy<T>(fn: () => T): T {
  return ENGINE.tidy(fn);
}
/** Marks a tensor to survive every enclosing scope. */
export const keep = <T extends Tensor>(tensor: T): T => ENGINE.keep(tensor);
/** Opens a scope for async code; close it with endScope(result). */
export const startScope = (): void => ENGINE.startScope();
export const endScope = (result?: TensorContainer): void => ENGINE.endScope(result);
/** Disposes every tensor in a tensor, list or object. */
export function dispose(container: TensorContainer): void {
  collectTensors(container, (t) => t.dispose());
}
export const memory = (): MemoryInfo => ENGINE.memory();

export interface VariableOptions {
  name?: string;
  trainable?: boolean;
}
/** A variable initialized with `initial`'s values (no copy is made; assign replaces them). */
export const variable = (initial: Tensor, options: VariableOptions = {}): Variable =>
  ENGINE.makeVariable(initial, options.name, options.trainable ?? true);

/**
 * Runs a kernel by name on the active backend (or its composite default) with gradient
 * recording: how packages and plugins call kernels they define (see `KernelMap`).
 */
export function runKernel<K extends KernelName>(
  kernelName: K,
  inputs: TensorInputs<K>,
  attrs: KernelAttrs<K>,
  op?: string,
): Tensor {
  return ENGINE.runKernel(kernelName, inputs, attrs, op);
}
