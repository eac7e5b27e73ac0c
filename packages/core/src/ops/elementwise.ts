// Shared entry points of the element-wise ops: dtype checks, broadcasting checks, number operands.
import { ENGINE } from '../engine/engine.js';
import { DtypeError } from '../errors.js';
import type { KernelAttrs, KernelMap } from '../kernels/types.js';
import type { DType } from '../tensor/dtypes.js';
import { assertDType } from '../tensor/dtypes.js';
import { broadcastShapes } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { asTensor } from './convert.js';

type UnaryKernel = {
  [K in keyof KernelMap]: KernelMap[K]['inputs'] extends { x: unknown } ? K : never;
}[keyof KernelMap];
type BinaryKernel = {
  [K in keyof KernelMap]: KernelMap[K]['inputs'] extends { a: unknown; b: unknown } ? K : never;
}[keyof KernelMap];

export function unary<K extends UnaryKernel>(
  kernel: K,
  op: string,
  x: Tensor,
  allowed: readonly DType[],
  attrs: KernelAttrs<K>,
): Tensor {
  x = asTensor(op, 'x', x);
  assertDType(op, 'x', x.dtype, allowed);
  return ENGINE.runKernel(kernel, { x } as never, attrs, op);
}

/** A binary op with NumPy broadcasting; a number operand takes the other operand's dtype. */
export function binary<K extends BinaryKernel>(
  kernel: K,
  op: string,
  a: Tensor | number,
  b: Tensor | number,
  allowed: readonly DType[],
): Tensor {
  if (a instanceof Tensor && b instanceof Tensor) return runBinary(kernel, op, a, b, allowed);
  return ENGINE.tidy(() => {
    const ta = asTensor(op, 'a', a, b instanceof Tensor ? b.dtype : undefined);
    const tb = asTensor(op, 'b', b, ta.dtype);
    return runBinary(kernel, op, ta, tb, allowed);
  });
}

function runBinary<K extends BinaryKernel>(
  kernel: K,
  op: string,
  a: Tensor,
  b: Tensor,
  allowed: readonly DType[],
): Tensor {
  a.assertUsable(op, 'a');
  b.assertUsable(op, 'b');
  if (a.dtype !== b.dtype) {
    throw new DtypeError(
      op,
      `dtypes differ: a is ${a.dtype}, b is ${b.dtype}; cast one explicitly`,
    );
  }
  assertDType(op, 'a', a.dtype, allowed);
  broadcastShapes(op, a.shape, b.shape);
  return ENGINE.runKernel(kernel, { a, b } as never, {} as KernelAttrs<K>, op);
}
