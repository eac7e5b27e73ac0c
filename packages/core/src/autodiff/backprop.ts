// The backward pass: walk the tape in reverse, apply each kernel's gradient rule, and sum the
// gradient of every input back to its shape (undoing broadcasting once, here).
import { TensileError } from '../errors.js';
import { add } from '../ops/binary.js';
import { sumToShape } from '../ops/reduce.js';
import { isFloatDType } from '../tensor/dtypes.js';
import { shapesEqual } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { getGradient } from './registry.js';
import type { GradContext } from './registry.js';
import type { Tape } from './tape.js';
import type { KernelName } from '../kernels/types.js';

/** d(Σ dy·y)/d(t) for every tensor t on the tape that depends on a watched one, by tensor id. */
export function backprop(tape: Tape, y: Tensor, dy: Tensor): Map<number, Tensor> {
  const grads = new Map<number, Tensor>([[y.id, dy]]);
  const accumulate = (t: Tensor, g: Tensor): void => {
    const shaped = shapesEqual(g.shape, t.shape) ? g : sumToShape(g, t.shape);
    const previous = grads.get(t.id);
    grads.set(t.id, previous ? add(previous, shaped) : shaped);
  };
  for (let i = tape.nodes.length - 1; i >= 0; i--) {
    const node = tape.nodes[i];
    const dOut = grads.get(node.output.id);
    if (dOut === undefined) continue;
    const rule = getGradient(node.kernelName);
    if (rule === undefined) {
      throw new TensileError('grad', `no gradient is registered for kernel '${node.kernelName}'`);
    }
    const thunks = rule(dOut, node as unknown as GradContext<KernelName>) as Record<
      string,
      (() => Tensor | Tensor[]) | undefined
    >;
    for (const [name, input] of Object.entries(node.inputs)) {
      const thunk = thunks[name];
      if (input === undefined || thunk === undefined) continue;
      if (Array.isArray(input)) {
        if (!input.some((t) => tape.isTracked(t))) continue;
        const parts = thunk() as Tensor[];
        input.forEach((t, j) => tape.isTracked(t) && accumulate(t, parts[j]));
      } else if (tape.isTracked(input) && isFloatDType(input.dtype)) {
        accumulate(input, thunk() as Tensor);
      }
    }
  }
  return grads;
}
