// Convolution and pooling, NHWC with HWIO filters. A rank-3 x (HWC) is treated as a batch of one.
import { ENGINE } from '../engine/engine.js';
import { DtypeError } from '../errors.js';
import type { Conv2DInfo, Padding, Pair } from '../kernels/conv-geometry.js';
import { computeConv2DInfo } from '../kernels/conv-geometry.js';
import { FLOAT_DTYPES, assertDType } from '../tensor/dtypes.js';
import type { Tensor } from '../tensor/tensor.js';
import { asTensor } from './convert.js';
import { reshape } from './shape.js';

export interface Conv2DOptions {
  strides?: Pair;
  pad?: Padding;
  dilations?: Pair;
}

export interface Pool2DOptions {
  filterSize: Pair;
  strides?: Pair;
  pad?: Padding;
}

function batched(op: string, x: Tensor, run: (x4: Tensor) => Tensor): Tensor {
  x = asTensor(op, 'x', x);
  assertDType(op, 'x', x.dtype, FLOAT_DTYPES);
  if (x.rank !== 3) return run(x);
  return ENGINE.tidy(() => {
    const out = run(reshape(x, [1, ...x.shape]));
    return reshape(out, out.shape.slice(1));
  });
}

export function conv2d(x: Tensor, filter: Tensor, options: Conv2DOptions = {}): Tensor {
  const op = 'conv2d';
  const { strides = 1, pad = 'valid', dilations = 1 } = options;
  filter = asTensor(op, 'filter', filter);
  return batched(op, x, (x4) => {
    if (filter.dtype !== x4.dtype)
      throw new DtypeError(op, `dtypes differ: x is ${x4.dtype}, filter is ${filter.dtype}`);
    const info = computeConv2DInfo(op, x4.shape, filter.shape, strides, pad, dilations);
    return ENGINE.runKernel('Conv2D', { x: x4, filter }, { info }, op);
  });
}

function poolInfo(op: string, x: Tensor, options: Pool2DOptions): Conv2DInfo {
  const { filterSize, strides = filterSize, pad = 'valid' } = options;
  const [fh, fw] = typeof filterSize === 'number' ? [filterSize, filterSize] : filterSize;
  const channels = x.shape[3];
  return computeConv2DInfo(op, x.shape, [fh, fw, channels, channels], strides, pad, 1);
}

/** Max over each window; padded positions never win. */
export function maxPool2d(x: Tensor, options: Pool2DOptions): Tensor {
  return batched('maxPool2d', x, (x4) =>
    ENGINE.runKernel(
      'MaxPool',
      { x: x4 },
      { info: poolInfo('maxPool2d', x4, options) },
      'maxPool2d',
    ),
  );
}

/** Mean over each window's valid (unpadded) positions. */
export function avgPool2d(x: Tensor, options: Pool2DOptions): Tensor {
  return batched('avgPool2d', x, (x4) =>
    ENGINE.runKernel(
      'AvgPool',
      { x: x4 },
      { info: poolInfo('avgPool2d', x4, options) },
      'avgPool2d',
    ),
  );
}
