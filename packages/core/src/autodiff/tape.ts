// The tape: the kernels run while gradients are being recorded, in order. Only kernels with an
// input that depends on a watched tensor are kept (micrograd's graph, built lazily).
import { namedInputs } from '../engine/tensor-inputs.js';
import type { KernelName } from '../kernels/types.js';
import { isFloatDType } from '../tensor/dtypes.js';
import type { Tensor } from '../tensor/tensor.js';

export interface TapeNode {
  kernelName: KernelName;
  inputs: Record<string, Tensor | Tensor[] | undefined>;
  attrs: unknown;
  output: Tensor;
}

export class Tape {
  readonly nodes: TapeNode[] = [];
  /** Tensors whose scope ended while this tape still needed them; freed after the backward pass. */
  readonly owned: Tensor[] = [];
  private readonly dependsOnWatched = new Set<number>();
  private readonly referenced = new Set<number>();

  watch(tensor: Tensor): void {
    this.dependsOnWatched.add(tensor.id);
  }

  isTracked(tensor: Tensor): boolean {
    return this.dependsOnWatched.has(tensor.id);
  }

  references(tensor: Tensor): boolean {
    return this.referenced.has(tensor.id);
  }

  record(kernelName: KernelName, inputs: object, attrs: unknown, output: Tensor): void {
    if (!isFloatDType(output.dtype)) return;
    const named = namedInputs(inputs);
    if (!named.some(([, t]) => this.dependsOnWatched.has(t.id))) return;
    this.nodes.push({ kernelName, inputs: inputs as TapeNode['inputs'], attrs, output });
    this.dependsOnWatched.add(output.id);
    this.referenced.add(output.id);
    for (const [, t] of named) this.referenced.add(t.id);
  }
}
