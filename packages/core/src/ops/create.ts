// Tensors made from a shape: constants, ranges, identity, one-hot.
import { ENGINE } from '../engine/engine.js';
import { DtypeError, ValueError, invalidArgument } from '../errors.js';
import type { DType } from '../tensor/dtypes.js';
import { makeTypedArray } from '../tensor/dtypes.js';
import type { Shape } from '../tensor/shape.js';
import { assertValidShape, sizeFromShape } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';

export function fill(shape: Shape, value: number, dtype: DType = ENGINE.defaultFloat): Tensor {
  assertValidShape('fill', shape);
  const values = makeTypedArray(dtype, sizeFromShape(shape));
  if (value !== 0) values.fill(value);
  return ENGINE.makeTensor(values, shape, dtype, 'fill');
}

export function zeros(shape: Shape, dtype: DType = ENGINE.defaultFloat): Tensor {
  return fill(shape, 0, dtype);
}

export function ones(shape: Shape, dtype: DType = ENGINE.defaultFloat): Tensor {
  return fill(shape, 1, dtype);
}

export function zerosLike(x: Tensor): Tensor {
  x.assertUsable('zerosLike', 'x');
  return fill(x.shape, 0, x.dtype);
}

export function onesLike(x: Tensor): Tensor {
  x.assertUsable('onesLike', 'x');
  return fill(x.shape, 1, x.dtype);
}

/** start, start + step, … up to but excluding stop (NumPy's arange). */
export function range(start: number, stop?: number, step = 1, dtype: DType = 'float32'): Tensor {
  if (stop === undefined) [start, stop] = [0, start];
  if (step === 0 || !Number.isFinite(step))
    throw invalidArgument('range', 'step', 'finite and ≠ 0', step);
  if (dtype === 'bool') throw new DtypeError('range', 'dtype must be numeric, got bool');
  const count = Math.max(0, Math.ceil((stop - start) / step));
  const values = makeTypedArray(dtype, count);
  for (let i = 0; i < count; i++) values[i] = start + i * step;
  return ENGINE.makeTensor(values, [count], dtype, 'range');
}

/** An identity matrix [n, m] (m = n by default). */
export function eye(n: number, m = n, dtype: DType = ENGINE.defaultFloat): Tensor {
  if (!Number.isInteger(n) || n < 0) throw invalidArgument('eye', 'n', 'a non-negative integer', n);
  if (!Number.isInteger(m) || m < 0) throw invalidArgument('eye', 'm', 'a non-negative integer', m);
  const values = makeTypedArray(dtype, n * m);
  for (let i = 0; i < Math.min(n, m); i++) values[i * m + i] = 1;
  return ENGINE.makeTensor(values, [n, m], dtype, 'eye');
}

/** indices (int32, any shape) → float [..., depth] with onValue at each index. */
export function oneHot(
  indices: Tensor,
  depth: number,
  onValue = 1,
  offValue = 0,
  dtype: DType = 'float32',
): Tensor {
  indices.assertUsable('oneHot', 'indices');
  if (indices.dtype !== 'int32') {
    throw new DtypeError('oneHot', `indices must be int32, got ${indices.dtype}`);
  }
  if (!Number.isInteger(depth) || depth < 1) {
    throw new ValueError('oneHot', `depth must be a positive integer, got ${depth}`);
  }
  return ENGINE.runKernel('OneHot', { indices }, { depth, onValue, offValue, dtype }, 'oneHot');
}
