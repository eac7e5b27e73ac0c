// Convolution and pooling geometry, computed once in core and handed to every backend's kernel.
// Layout: x NHWC, filter HWIO. Padding follows TensorFlow: 'same' gives out = ⌈in/stride⌉ and puts
// the odd pixel at the bottom/right; a number pads that many zeros on every side.
import { ShapeError, ValueError, formatShape, invalidArgument } from '../errors.js';

export type Padding = 'valid' | 'same' | number;
export type Pair = number | [number, number];

export interface Conv2DInfo {
  batchSize: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  outChannels: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  dilationHeight: number;
  dilationWidth: number;
  padTop: number;
  padBottom: number;
  padLeft: number;
  padRight: number;
  /** [batch, inHeight, inWidth, inChannels] */
  inShape: [number, number, number, number];
  /** [batch, outHeight, outWidth, outChannels] */
  outShape: [number, number, number, number];
  /** [filterHeight, filterWidth, inChannels, outChannels] (HWIO); for pooling outChannels = inChannels */
  filterShape: [number, number, number, number];
}

function pair(op: string, name: string, value: Pair): [number, number] {
  const [h, w] = typeof value === 'number' ? [value, value] : value;
  if (!Number.isInteger(h) || !Number.isInteger(w) || h < 1 || w < 1) {
    throw invalidArgument(op, name, 'a positive integer or a pair of them', value);
  }
  return [h, w];
}

function padAlong(
  op: string,
  pad: Padding,
  inSize: number,
  stride: number,
  effectiveFilter: number,
): { out: number; before: number; after: number } {
  if (pad === 'same') {
    const out = Math.ceil(inSize / stride);
    const total = Math.max((out - 1) * stride + effectiveFilter - inSize, 0);
    const before = Math.floor(total / 2);
    return { out, before, after: total - before };
  }
  const p = pad === 'valid' ? 0 : pad;
  if (typeof p !== 'number' || !Number.isInteger(p) || p < 0) {
    throw invalidArgument(op, 'pad', "'valid', 'same' or a non-negative integer", pad);
  }
  const out = Math.floor((inSize + 2 * p - effectiveFilter) / stride) + 1;
  return { out, before: p, after: p };
}

/**
 * Geometry of a 2-D convolution of `xShape` (NHWC) with `filterShape` (HWIO), or of a pooling window
 * when `filterShape` is `[fh, fw, C, C]`.
 */
export function computeConv2DInfo(
  op: string,
  xShape: readonly number[],
  filterShape: readonly number[],
  strides: Pair,
  pad: Padding,
  dilations: Pair = 1,
): Conv2DInfo {
  if (xShape.length !== 4) {
    throw new ShapeError(op, `x must be rank 4 (NHWC), got shape ${formatShape(xShape)}`);
  }
  if (filterShape.length !== 4) {
    throw new ShapeError(op, `filter must be rank 4 (HWIO), got shape ${formatShape(filterShape)}`);
  }
  const [batchSize, inHeight, inWidth, inChannels] = xShape;
  const [filterHeight, filterWidth, filterIn, outChannels] = filterShape;
  if (filterIn !== inChannels) {
    throw new ShapeError(
      op,
      `input channels differ: x is ${formatShape(xShape)}, filter is ${formatShape(filterShape)} (${inChannels} ≠ ${filterIn})`,
    );
  }
  const [strideHeight, strideWidth] = pair(op, 'strides', strides);
  const [dilationHeight, dilationWidth] = pair(op, 'dilations', dilations);
  const effH = (filterHeight - 1) * dilationHeight + 1;
  const effW = (filterWidth - 1) * dilationWidth + 1;
  const rows = padAlong(op, pad, inHeight, strideHeight, effH);
  const cols = padAlong(op, pad, inWidth, strideWidth, effW);
  if (rows.out < 1 || cols.out < 1) {
    throw new ValueError(
      op,
      `the window is larger than the padded input: x is ${formatShape(xShape)}, window ${effH}×${effW}, pad ${String(pad)}`,
    );
  }
  return {
    batchSize,
    inHeight,
    inWidth,
    inChannels,
    outHeight: rows.out,
    outWidth: cols.out,
    outChannels,
    filterHeight,
    filterWidth,
    strideHeight,
    strideWidth,
    dilationHeight,
    dilationWidth,
    padTop: rows.before,
    padBottom: rows.after,
    padLeft: cols.before,
    padRight: cols.after,
    inShape: [batchSize, inHeight, inWidth, inChannels],
    outShape: [batchSize, rows.out, cols.out, outChannels],
    filterShape: [filterHeight, filterWidth, inChannels, outChannels],
  };
}
