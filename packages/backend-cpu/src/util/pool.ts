// 2-D max and average pooling, NHWC. Padded positions never take part: max ignores them and the
// average divides by the number of valid positions (TensorFlow's 'same', count_include_pad=False).
import type { Conv2DInfo, FloatArray } from '@tensile/core';

/** Calls visit(outIndex, first input index of the window's valid positions…) per output element. */
function forEachWindow(
  info: Conv2DInfo,
  visit: (
    outIndex: number,
    batch: number,
    h0: number,
    h1: number,
    w0: number,
    w1: number,
    channel: number,
  ) => void,
): void {
  const { batchSize, inHeight, inWidth, outHeight, outWidth, outChannels: channels } = info;
  let outIndex = 0;
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      const top = oh * info.strideHeight - info.padTop;
      const h0 = Math.max(top, 0);
      const h1 = Math.min(top + info.filterHeight, inHeight);
      for (let ow = 0; ow < outWidth; ow++) {
        const left = ow * info.strideWidth - info.padLeft;
        const w0 = Math.max(left, 0);
        const w1 = Math.min(left + info.filterWidth, inWidth);
        for (let ch = 0; ch < channels; ch++) visit(outIndex++, b, h0, h1, w0, w1, ch);
      }
    }
  }
}

const index = (info: Conv2DInfo, b: number, h: number, w: number, ch: number): number =>
  ((b * info.inHeight + h) * info.inWidth + w) * info.inChannels + ch;

/** Index of the window's maximum; the first one in scan order on ties (PyTorch). */
function argMaxOf(
  x: FloatArray,
  info: Conv2DInfo,
  b: number,
  h0: number,
  h1: number,
  w0: number,
  w1: number,
  ch: number,
): number {
  let best = -1;
  let bestValue = -Infinity;
  for (let h = h0; h < h1; h++) {
    for (let w = w0; w < w1; w++) {
      const i = index(info, b, h, w, ch);
      if (best < 0 || x[i] > bestValue || x[i] !== x[i]) {
        best = i;
        bestValue = x[i];
        if (x[i] !== x[i]) return i;
      }
    }
  }
  return best;
}

export function maxPool2d(x: FloatArray, out: FloatArray, info: Conv2DInfo): void {
  forEachWindow(info, (o, b, h0, h1, w0, w1, ch) => {
    out[o] = x[argMaxOf(x, info, b, h0, h1, w0, w1, ch)];
  });
}

export function maxPool2dBackprop(
  dy: FloatArray,
  x: FloatArray,
  dx: FloatArray,
  info: Conv2DInfo,
): void {
  dx.fill(0);
  forEachWindow(info, (o, b, h0, h1, w0, w1, ch) => {
    dx[argMaxOf(x, info, b, h0, h1, w0, w1, ch)] += dy[o];
  });
}

export function avgPool2d(x: FloatArray, out: FloatArray, info: Conv2DInfo): void {
  forEachWindow(info, (o, b, h0, h1, w0, w1, ch) => {
    let sum = 0;
    for (let h = h0; h < h1; h++) for (let w = w0; w < w1; w++) sum += x[index(info, b, h, w, ch)];
    out[o] = sum / ((h1 - h0) * (w1 - w0));
  });
}

export function avgPool2dBackprop(dy: FloatArray, dx: FloatArray, info: Conv2DInfo): void {
  dx.fill(0);
  forEachWindow(info, (o, b, h0, h1, w0, w1, ch) => {
    const share = dy[o] / ((h1 - h0) * (w1 - w0));
    for (let h = h0; h < h1; h++)
      for (let w = w0; w < w1; w++) dx[index(info, b, h, w, ch)] += share;
  });
}
