// 2-D max and average pooling, NHWC. Padded positions never take part: max ignores them (−∞) and
// the average divides by the number of valid positions (TensorFlow's 'same',
// count_include_pad=False). Each loop runs over a window's valid taps only, with the channels
// innermost so every tap reads one contiguous run of the input.
import type { Conv2DInfo, FloatArray } from '@tensile/core';
import { endTap, firstTap } from './window.js';

/** Per-channel running max or sum of one window, and the argmax (reused across calls). */
let bestScratch = new Float64Array(0);
let argScratch = new Int32Array(0);

/** out = max over each window; a window with no valid position gives −∞. NaN propagates. */
export function maxPool2d(x: FloatArray, out: FloatArray, info: Conv2DInfo): void {
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const { dilationHeight, dilationWidth, padTop, padLeft } = info;
  if (bestScratch.length < channels) bestScratch = new Float64Array(channels);
  const best = bestScratch;
  let o = 0;
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      const hStart = oh * strideHeight - padTop;
      const khLo = firstTap(hStart, dilationHeight);
      const khHi = endTap(hStart, dilationHeight, filterHeight, inHeight);
      for (let ow = 0; ow < outWidth; ow++, o += channels) {
        const wStart = ow * strideWidth - padLeft;
        const kwLo = firstTap(wStart, dilationWidth);
        const kwHi = endTap(wStart, dilationWidth, filterWidth, inWidth);
        for (let c = 0; c < channels; c++) best[c] = -Infinity;
        for (let kh = khLo; kh < khHi; kh++) {
          const row = (b * inHeight + hStart + kh * dilationHeight) * inWidth;
          for (let kw = kwLo; kw < kwHi; kw++) {
            const src = (row + wStart + kw * dilationWidth) * channels;
            for (let c = 0; c < channels; c++) {
              const v = x[src + c];
              if (v > best[c] || v !== v) best[c] = v;
            }
          }
        }
        for (let c = 0; c < channels; c++) out[o + c] = best[c];
      }
    }
  }
}

/**
 * dx = dy routed to each window's argmax: the first maximum in scan order (row by row) on ties,
 * as PyTorch; the first NaN if there is one; the first valid position when every value is −∞.
 */
export function maxPool2dBackprop(
  dy: FloatArray,
  x: FloatArray,
  dx: FloatArray,
  info: Conv2DInfo,
): void {
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const { dilationHeight, dilationWidth, padTop, padLeft } = info;
  if (bestScratch.length < channels) bestScratch = new Float64Array(channels);
  if (argScratch.length < channels) argScratch = new Int32Array(channels);
  const best = bestScratch;
  const arg = argScratch;
  dx.fill(0);
  let o = 0;
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      const hStart = oh * strideHeight - padTop;
      const khLo = firstTap(hStart, dilationHeight);
      const khHi = endTap(hStart, dilationHeight, filterHeight, inHeight);
      for (let ow = 0; ow < outWidth; ow++, o += channels) {
        const wStart = ow * strideWidth - padLeft;
        const kwLo = firstTap(wStart, dilationWidth);
        const kwHi = endTap(wStart, dilationWidth, filterWidth, inWidth);
        if (khLo >= khHi || kwLo >= kwHi) continue;
        let first = true;
        for (let kh = khLo; kh < khHi; kh++) {
          const row = (b * inHeight + hStart + kh * dilationHeight) * inWidth;
          for (let kw = kwLo; kw < kwHi; kw++) {
            const src = (row + wStart + kw * dilationWidth) * channels;
            if (first) {
              for (let c = 0; c < channels; c++) {
                best[c] = x[src + c];
                arg[c] = src + c;
              }
              first = false;
              continue;
            }
            for (let c = 0; c < channels; c++) {
              const v = x[src + c];
              const m = best[c];
              // Strictly greater keeps the first maximum; a NaN wins once and then stays.
              if (v > m || (v !== v && m === m)) {
                best[c] = v;
                arg[c] = src + c;
              }
            }
          }
        }
        for (let c = 0; c < channels; c++) dx[arg[c]] += dy[o + c];
      }
    }
  }
}

/** out = mean over each window's valid positions; 0 for a window with none. */
export function avgPool2d(x: FloatArray, out: FloatArray, info: Conv2DInfo): void {
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const { dilationHeight, dilationWidth, padTop, padLeft } = info;
  if (bestScratch.length < channels) bestScratch = new Float64Array(channels);
  const sum = bestScratch;
  let o = 0;
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      const hStart = oh * strideHeight - padTop;
      const khLo = firstTap(hStart, dilationHeight);
      const khHi = endTap(hStart, dilationHeight, filterHeight, inHeight);
      for (let ow = 0; ow < outWidth; ow++, o += channels) {
        const wStart = ow * strideWidth - padLeft;
        const kwLo = firstTap(wStart, dilationWidth);
        const kwHi = endTap(wStart, dilationWidth, filterWidth, inWidth);
        const count = Math.max(0, khHi - khLo) * Math.max(0, kwHi - kwLo);
        for (let c = 0; c < channels; c++) sum[c] = 0;
        for (let kh = khLo; kh < khHi; kh++) {
          const row = (b * inHeight + hStart + kh * dilationHeight) * inWidth;
          for (let kw = kwLo; kw < kwHi; kw++) {
            const src = (row + wStart + kw * dilationWidth) * channels;
            for (let c = 0; c < channels; c++) sum[c] += x[src + c];
          }
        }
        // count = 0 (a window entirely in the padding) gives 0 rather than 0/0.
        for (let c = 0; c < channels; c++) out[o + c] = count === 0 ? 0 : sum[c] / count;
      }
    }
  }
}

/** dx = dy / (valid positions of the window), spread over those positions. */
export function avgPool2dBackprop(dy: FloatArray, dx: FloatArray, info: Conv2DInfo): void {
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const { dilationHeight, dilationWidth, padTop, padLeft } = info;
  if (bestScratch.length < channels) bestScratch = new Float64Array(channels);
  const share = bestScratch;
  dx.fill(0);
  let o = 0;
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      const hStart = oh * strideHeight - padTop;
      const khLo = firstTap(hStart, dilationHeight);
      const khHi = endTap(hStart, dilationHeight, filterHeight, inHeight);
      for (let ow = 0; ow < outWidth; ow++, o += channels) {
        const wStart = ow * strideWidth - padLeft;
        const kwLo = firstTap(wStart, dilationWidth);
        const kwHi = endTap(wStart, dilationWidth, filterWidth, inWidth);
        if (khLo >= khHi || kwLo >= kwHi) continue;
        const count = (khHi - khLo) * (kwHi - kwLo);
        for (let c = 0; c < channels; c++) share[c] = dy[o + c] / count;
        for (let kh = khLo; kh < khHi; kh++) {
          const row = (b * inHeight + hStart + kh * dilationHeight) * inWidth;
          for (let kw = kwLo; kw < kwHi; kw++) {
            const dst = (row + wStart + kw * dilationWidth) * channels;
            for (let c = 0; c < channels; c++) dx[dst + c] += share[c];
          }
        }
      }
    }
  }
}
