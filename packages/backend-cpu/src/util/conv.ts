// 2-D convolution, NHWC × HWIO, as im2col + GEMM per batch element. The HWIO filter flattened is
// already the [fh·fw·inC, outC] matrix the patches multiply, and both backprops are GEMMs too:
// dPatches = dy·Wᵀ (then scattered back, col2im) and dW = Σ patchesᵀ·dy.
import type { Conv2DInfo, FloatArray } from '@tensile/core';
import { gemm } from './gemm.js';

let scratch = new Float64Array(0);

function columns(size: number): Float64Array {
  if (scratch.length < size) scratch = new Float64Array(size);
  return scratch;
}

/** Visits each (output position, filter tap) pair with the input offset it reads, or -1 in the padding. */
function forEachTap(
  info: Conv2DInfo,
  batch: number,
  visit: (row: number, tap: number, inputOffset: number) => void,
): void {
  const { inHeight, inWidth, inChannels, outHeight, outWidth, filterHeight, filterWidth } = info;
  for (let oh = 0; oh < outHeight; oh++) {
    for (let ow = 0; ow < outWidth; ow++) {
      const row = oh * outWidth + ow;
      for (let fh = 0; fh < filterHeight; fh++) {
        const ih = oh * info.strideHeight - info.padTop + fh * info.dilationHeight;
        for (let fw = 0; fw < filterWidth; fw++) {
          const iw = ow * info.strideWidth - info.padLeft + fw * info.dilationWidth;
          const inside = ih >= 0 && ih < inHeight && iw >= 0 && iw < inWidth;
          visit(
            row,
            fh * filterWidth + fw,
            inside ? ((batch * inHeight + ih) * inWidth + iw) * inChannels : -1,
          );
        }
      }
    }
  }
}

function im2col(x: FloatArray, info: Conv2DInfo, batch: number, cols: Float64Array): void {
  const c = info.inChannels;
  const patch = info.filterHeight * info.filterWidth * c;
  forEachTap(info, batch, (row, tap, offset) => {
    const dst = row * patch + tap * c;
    if (offset < 0) cols.fill(0, dst, dst + c);
    else for (let ch = 0; ch < c; ch++) cols[dst + ch] = x[offset + ch];
  });
}

export function conv2d(x: FloatArray, filter: FloatArray, out: FloatArray, info: Conv2DInfo): void {
  const rows = info.outHeight * info.outWidth;
  const patch = info.filterHeight * info.filterWidth * info.inChannels;
  const cols = columns(rows * patch);
  for (let b = 0; b < info.batchSize; b++) {
    im2col(x, info, b, cols);
    gemm(
      cols,
      0,
      filter,
      0,
      out,
      b * rows * info.outChannels,
      rows,
      info.outChannels,
      patch,
      false,
      false,
    );
  }
}

export function conv2dBackpropInput(
  dy: FloatArray,
  filter: FloatArray,
  dx: FloatArray,
  info: Conv2DInfo,
): void {
  const rows = info.outHeight * info.outWidth;
  const c = info.inChannels;
  const patch = info.filterHeight * info.filterWidth * c;
  const cols = columns(rows * patch);
  dx.fill(0);
  for (let b = 0; b < info.batchSize; b++) {
    gemm(
      dy,
      b * rows * info.outChannels,
      filter,
      0,
      cols,
      0,
      rows,
      patch,
      info.outChannels,
      false,
      true,
    );
    forEachTap(info, b, (row, tap, offset) => {
      if (offset < 0) return;
      const src = row * patch + tap * c;
      for (let ch = 0; ch < c; ch++) dx[offset + ch] += cols[src + ch];
    });
  }
}

export function conv2dBackpropFilter(
  x: FloatArray,
  dy: FloatArray,
  dFilter: FloatArray,
  info: Conv2DInfo,
): void {
  const rows = info.outHeight * info.outWidth;
  const patch = info.filterHeight * info.filterWidth * info.inChannels;
  const cols = columns(rows * patch);
  dFilter.fill(0);
  for (let b = 0; b < info.batchSize; b++) {
    im2col(x, info, b, cols);
    gemm(
      cols,
      0,
      dy,
      b * rows * info.outChannels,
      dFilter,
      0,
      patch,
      info.outChannels,
      rows,
      true,
      false,
      true,
    );
  }
}
