// Window options shared by conv2d and the pooling layers: sizes and strides as a number or
// [height, width], padding 'valid' | 'same' (TensorFlow's) | a number of zeros on every side.
import * as tl from '@tensile/core';
import type { Padding, Pair } from '@tensile/core';
import { checkRank } from './shape-checks.js';
import type { SymbolicShape } from './symbolic.js';

export function checkPair(op: string, arg: string, value: unknown): [number, number] {
  const pair = typeof value === 'number' ? [value, value] : value;
  if (
    !Array.isArray(pair) ||
    pair.length !== 2 ||
    pair.some((v) => typeof v !== 'number' || !Number.isInteger(v) || v < 1)
  ) {
    throw tl.invalidArgument(op, arg, 'a positive integer or [height, width]', value);
  }
  return [pair[0] as number, pair[1] as number];
}

export function checkPadding(op: string, value: unknown): Padding {
  if (value === 'valid' || value === 'same') return value;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  throw tl.invalidArgument(op, 'padding', "'valid', 'same' or a non-negative integer", value);
}

/**
 * The NHWC output shape of a window of `window` (HWIO, or [fh, fw, C, C] for pooling) over
 * `shape`; unknown spatial sizes stay unknown.
 */
export function windowOutputShape(
  layer: string,
  shape: SymbolicShape,
  window: [number, number, number, number],
  strides: Pair,
  padding: Padding,
  dilations: Pair = 1,
): SymbolicShape {
  checkRank(layer, shape, 4);
  const [, h, w] = shape;
  const info = tl.computeConv2DInfo(
    layer,
    [1, h ?? window[0] * 4, w ?? window[1] * 4, window[2]],
    window,
    strides,
    padding,
    dilations,
  );
  return [
    shape[0] ?? null,
    h === null ? null : info.outHeight,
    w === null ? null : info.outWidth,
    window[3],
  ];
}
