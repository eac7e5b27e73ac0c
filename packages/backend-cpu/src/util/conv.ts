// 2-D convolution, NHWC × HWIO, as im2col + GEMM. Rows of the patch matrix are output pixels
// (batch, oh, ow) and its columns (kh, kw, ci) in HWIO order, so the flattened filter is already
// the [fh·fw·inC, outC] right-hand matrix and the output rows land in NHWC order:
//   out = patches · W,   dW = patchesᵀ · dy,   dPatches = dy · Wᵀ (scatter-added back: col2im).
// The patch matrix is built for a range of rows at a time in a reused scratch buffer.
import type { Conv2DInfo, FloatArray } from '@tensile/core';
import { gemm } from './gemm.js';
import { endTap, firstTap } from './window.js';

/** Elements of the patch matrix per GEMM call: small enough to stay in cache between its writing
 * and GEMM's packing of it (measured faster than one large matrix). */
const PATCH_BUDGET = 1 << 17;

/** Patch matrices, reused: float32 for float32 tensors (half the memory traffic), else float64. */
let patches32 = new Float32Array(0);
let patches64 = new Float64Array(0);

function patchBuffer(like: FloatArray, size: number): FloatArray {
  if (like instanceof Float64Array) {
    if (patches64.length < size) patches64 = new Float64Array(size);
    return patches64;
  }
  if (patches32.length < size) patches32 = new Float32Array(size);
  return patches32;
}

/** Rows of the patch matrix per GEMM call, but at least 128 so GEMM's packing pays off. */
function rowsPerCall(info: Conv2DInfo): number {
  const patch = info.filterHeight * info.filterWidth * info.inChannels;
  return Math.max(128, Math.floor(PATCH_BUDGET / patch));
}

/** A 1×1, stride-1, unpadded convolution: x itself, [N·H·W, inC], is the patch matrix. */
function isPointwise(info: Conv2DInfo): boolean {
  return (
    info.filterHeight === 1 &&
    info.filterWidth === 1 &&
    info.strideHeight === 1 &&
    info.strideWidth === 1 &&
    info.padTop === 0 &&
    info.padLeft === 0 &&
    info.outHeight === info.inHeight &&
    info.outWidth === info.inWidth
  );
}

/**
 * Patch-matrix rows [r0, r1) into cols (row-major, fh·fw·inC wide), or with `scatter` the
 * reverse: cols added back into the input positions they were read from (col2im).
 */
function patchRows(
  image: FloatArray,
  cols: FloatArray,
  info: Conv2DInfo,
  r0: number,
  r1: number,
  scatter: boolean,
): void {
  const { inHeight, inWidth, inChannels, outHeight, outWidth, filterHeight, filterWidth } = info;
  const { strideHeight, strideWidth, dilationHeight, dilationWidth, padTop, padLeft } = info;
  const tapWidth = filterWidth * inChannels;
  const perImage = outHeight * outWidth;
  let b = Math.floor(r0 / perImage);
  let oh = Math.floor((r0 - b * perImage) / outWidth);
  let ow = r0 - b * perImage - oh * outWidth;
  let dst = 0;
  for (let r = r0; r < r1; r++) {
    const hStart = oh * strideHeight - padTop;
    const wStart = ow * strideWidth - padLeft;
    const kwLo = firstTap(wStart, dilationWidth);
    const kwHi = Math.max(kwLo, endTap(wStart, dilationWidth, filterWidth, inWidth));
    for (let kh = 0; kh < filterHeight; kh++, dst += tapWidth) {
      const ih = hStart + kh * dilationHeight;
      if (ih < 0 || ih >= inHeight || kwHi === kwLo) {
        if (!scatter) for (let t = dst; t < dst + tapWidth; t++) cols[t] = 0;
        continue;
      }
      const rowStart = (b * inHeight + ih) * inWidth;
      const first = dst + kwLo * inChannels;
      if (!scatter) {
        // Zeros for taps in the padding (plain loops: TypedArray#fill is a runtime call).
        for (let t = dst; t < first; t++) cols[t] = 0;
        for (let t = dst + kwHi * inChannels; t < dst + tapWidth; t++) cols[t] = 0;
      }
      if (dilationWidth === 1) {
        // Taps of one filter row read one contiguous run of the input row.
        const src = (rowStart + wStart + kwLo) * inChannels;
        const count = (kwHi - kwLo) * inChannels;
        if (scatter) for (let t = 0; t < count; t++) image[src + t] += cols[first + t];
        else for (let t = 0; t < count; t++) cols[first + t] = image[src + t];
      } else {
        for (let kw = kwLo, d = first; kw < kwHi; kw++, d += inChannels) {
          const src = (rowStart + wStart + kw * dilationWidth) * inChannels;
          if (scatter) for (let t = 0; t < inChannels; t++) image[src + t] += cols[d + t];
          else for (let t = 0; t < inChannels; t++) cols[d + t] = image[src + t];
        }
      }
    }
    if (++ow === outWidth) {
      ow = 0;
      if (++oh === outHeight) {
        oh = 0;
        b++;
      }
    }
  }
}

/** out[N, outH, outW, outC] = conv(x[N, H, W, inC], filter[fh, fw, inC, outC]). */
export function conv2d(x: FloatArray, filter: FloatArray, out: FloatArray, info: Conv2DInfo): void {
  const rows = info.batchSize * info.outHeight * info.outWidth;
  const patch = info.filterHeight * info.filterWidth * info.inChannels;
  const outC = info.outChannels;
  if (isPointwise(info)) {
    gemm(x, 0, filter, 0, out, 0, rows, outC, patch, false, false);
    return;
  }
  const step = Math.min(rows, rowsPerCall(info));
  const cols = patchBuffer(x, step * patch);
  for (let r0 = 0; r0 < rows; r0 += step) {
    const count = Math.min(step, rows - r0);
    patchRows(x, cols, info, r0, r0 + count, false);
    gemm(cols, 0, filter, 0, out, r0 * outC, count, outC, patch, false, false);
  }
}

/** dx[N, H, W, inC] = ∂out/∂x applied to dy[N, outH, outW, outC]. */
export function conv2dBackpropInput(
  dy: FloatArray,
  filter: FloatArray,
  dx: FloatArray,
  info: Conv2DInfo,
): void {
  const rows = info.batchSize * info.outHeight * info.outWidth;
  const patch = info.filterHeight * info.filterWidth * info.inChannels;
  const outC = info.outChannels;
  if (isPointwise(info)) {
    gemm(dy, 0, filter, 0, dx, 0, rows, patch, outC, false, true);
    return;
  }
  dx.fill(0);
  const step = Math.min(rows, rowsPerCall(info));
  const cols = patchBuffer(dx, step * patch);
  for (let r0 = 0; r0 < rows; r0 += step) {
    const count = Math.min(step, rows - r0);
    gemm(dy, r0 * outC, filter, 0, cols, 0, count, patch, outC, false, true);
    patchRows(dx, cols, info, r0, r0 + count, true);
  }
}

/** dFilter[fh, fw, inC, outC] = Σ over batch and pixels of patchesᵀ · dy. */
export function conv2dBackpropFilter(
  x: FloatArray,
  dy: FloatArray,
  dFilter: FloatArray,
  info: Conv2DInfo,
): void {
  const rows = info.batchSize * info.outHeight * info.outWidth;
  const patch = info.filterHeight * info.filterWidth * info.inChannels;
  const outC = info.outChannels;
  if (isPointwise(info) || rows === 0) {
    gemm(x, 0, dy, 0, dFilter, 0, patch, outC, rows, true, false);
    return;
  }
  const step = Math.min(rows, rowsPerCall(info));
  const cols = patchBuffer(x, step * patch);
  for (let r0 = 0; r0 < rows; r0 += step) {
    const count = Math.min(step, rows - r0);
    patchRows(x, cols, info, r0, r0 + count, false);
    gemm(cols, 0, dy, r0 * outC, dFilter, 0, patch, outC, count, true, false, r0 > 0);
  }
}
