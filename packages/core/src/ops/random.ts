// Random tensors, generated in core from the seeded Philox stream so that every backend gets the
// same values for the same seed.
import { ENGINE } from '../engine/engine.js';
import { DtypeError, ShapeError, formatShape, invalidArgument } from '../errors.js';
import { asTensor } from './convert.js';
import { normalFloats, streamFor, uniformFloats } from '../random/seed.js';
import type { DType } from '../tensor/dtypes.js';
import { isFloatDType, makeTypedArray } from '../tensor/dtypes.js';
import type { Shape } from '../tensor/shape.js';
import { assertValidShape, shapesEqual, sizeFromShape } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';

function floatDtype(op: string, dtype: DType | undefined): DType {
  const d = dtype ?? ENGINE.defaultFloat;
  if (!isFloatDType(d)) throw new DtypeError(op, `dtype must be float32 or float64, got ${d}`);
  return d;
}

function write(op: string, shape: Shape, dtype: DType, values: Float64Array): Tensor {
  const out = makeTypedArray(dtype, values.length);
  out.set(values);
  return ENGINE.makeTensor(out, shape, dtype, op);
}

/** Uniform in [minval, maxval). */
export function randomUniform(
  shape: Shape,
  minval = 0,
  maxval = 1,
  dtype?: DType,
  seed?: number,
): Tensor {
  const op = 'randomUniform';
  assertValidShape(op, shape);
  if (!(maxval > minval)) throw invalidArgument(op, 'maxval', `> minval (${minval})`, maxval);
  const u = uniformFloats(streamFor(op, seed), sizeFromShape(shape));
  for (let i = 0; i < u.length; i++) u[i] = minval + (maxval - minval) * u[i];
  return write(op, shape, floatDtype(op, dtype), u);
}

export function randomNormal(
  shape: Shape,
  mean = 0,
  stddev = 1,
  dtype?: DType,
  seed?: number,
): Tensor {
  const op = 'randomNormal';
  assertValidShape(op, shape);
  if (!(stddev >= 0)) throw invalidArgument(op, 'stddev', '≥ 0', stddev);
  const z = normalFloats(streamFor(op, seed), sizeFromShape(shape));
  for (let i = 0; i < z.length; i++) z[i] = mean + stddev * z[i];
  return write(op, shape, floatDtype(op, dtype), z);
}

/** Normal values redrawn until they lie within two standard deviations (TensorFlow's definition). */
export function truncatedNormal(
  shape: Shape,
  mean = 0,
  stddev = 1,
  dtype?: DType,
  seed?: number,
): Tensor {
  const op = 'truncatedNormal';
  assertValidShape(op, shape);
  if (!(stddev >= 0)) throw invalidArgument(op, 'stddev', '≥ 0', stddev);
  const stream = streamFor(op, seed);
  const size = sizeFromShape(shape);
  const out = new Float64Array(size);
  let filled = 0;
  while (filled < size) {
    const z = normalFloats(stream, Math.max(16, Math.ceil((size - filled) * 1.1)));
    for (let i = 0; i < z.length && filled < size; i++) {
      if (Math.abs(z[i]) <= 2) out[filled++] = mean + stddev * z[i];
    }
  }
  return write(op, shape, floatDtype(op, dtype), out);
}

/** 1 with probability p, else 0. */
export function bernoulli(
  shape: Shape,
  p = 0.5,
  dtype?: DType,
  seed?: number,
  op = 'bernoulli',
): Tensor {
  assertValidShape(op, shape);
  if (!(p >= 0 && p <= 1)) throw invalidArgument(op, 'p', 'in [0, 1]', p);
  const u = uniformFloats(streamFor(op, seed), sizeFromShape(shape));
  for (let i = 0; i < u.length; i++) u[i] = u[i] < p ? 1 : 0;
  return write(op, shape, floatDtype(op, dtype), u);
}

/** The keep-mask of inverted dropout: 1 with probability 1 − rate, else 0. */
export function dropoutMask(shape: Shape, rate: number, dtype?: DType, seed?: number): Tensor {
  if (!(rate >= 0 && rate < 1)) throw invalidArgument('dropoutMask', 'rate', 'in [0, 1)', rate);
  return bernoulli(shape, 1 - rate, dtype, seed, 'dropoutMask');
}

/**
 * x·mask/(1 − rate): inverted dropout with a given keep-mask of x's shape (one fused kernel where
 * the backend has it). Dropped positions are 0·x, so NaN and ±Infinity propagate as in PyTorch.
 */
export function applyDropoutMask(x: Tensor, mask: Tensor, rate: number): Tensor {
  const op = 'applyDropoutMask';
  x = asTensor(op, 'x', x);
  mask = asTensor(op, 'mask', mask);
  if (!(rate >= 0 && rate < 1)) throw invalidArgument(op, 'rate', 'in [0, 1)', rate);
  if (!shapesEqual(x.shape, mask.shape)) {
    throw new ShapeError(
      op,
      `mask must have x's shape: x is ${formatShape(x.shape)}, mask is ${formatShape(mask.shape)}`,
    );
  }
  if (mask.dtype !== x.dtype)
    throw new DtypeError(op, `dtypes differ: x is ${x.dtype}, mask is ${mask.dtype}`);
  return ENGINE.runKernel('Dropout', { x, mask }, { rate }, op);
}
