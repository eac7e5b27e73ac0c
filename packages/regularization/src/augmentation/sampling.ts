// Resampling a batch through a per-image affine map, the engine of randomShift, randomRotation
// and randomZoom. As Keras's ImageProjectiveTransform, each OUTPUT pixel (x, y) (pixel centres at
// integer coordinates) is mapped to an input position
//   x' = a0·x + a1·y + a2,   y' = b0·x + b1·y + b2
// and the input is read there: 'bilinear' mixes the four surrounding pixels, 'nearest' takes the
// closest (Math.round, halves up). Pixels outside the image are supplied by the fill mode, applied
// to each pixel index read:
//   'constant'  k k k k | a b c d | k k k k   (fillValue, default 0)
//   'nearest'   a a a a | a b c d | d d d d
//   'reflect'   d c b a | a b c d | d c b a   (edge pixel repeated)
//   'wrap'      a b c d | a b c d | a b c d
// Output values are convex combinations of input pixels (and fillValue under 'constant'), so
// they stay within [min, max] of the input, widened to include fillValue if it lies outside.
import type { Tensor, TypedArray } from '@tensile/core';
import { clone, makeTypedArray } from '@tensile/core';
import { checkNumber, checkOneOf } from '../validate.js';
import type { ImageBatch } from './images.js';
import { imagesTensor } from './images.js';

export type FillMode = 'constant' | 'nearest' | 'reflect' | 'wrap';
export type Interpolation = 'bilinear' | 'nearest';

export interface SamplingOptions {
  /** How pixels outside the image are filled (default 'constant'; Keras's default is 'reflect'). */
  fillMode?: FillMode;
  /** The value of 'constant' fill (default 0). */
  fillValue?: number;
  /** 'bilinear' (default) or 'nearest'. */
  interpolation?: Interpolation;
}

export interface Sampling {
  fillMode: FillMode;
  fillValue: number;
  interpolation: Interpolation;
}

export const SAMPLING_KEYS = ['fillMode', 'fillValue', 'interpolation'] as const;

export function resolveSampling(op: string, options: SamplingOptions): Sampling {
  return {
    fillMode: checkOneOf(
      op,
      'fillMode',
      options.fillMode,
      ['constant', 'nearest', 'reflect', 'wrap'],
      'constant',
    ),
    fillValue: checkNumber(op, 'fillValue', options.fillValue ?? 0),
    interpolation: checkOneOf(
      op,
      'interpolation',
      options.interpolation,
      ['bilinear', 'nearest'],
      'bilinear',
    ),
  };
}

/** Output → input coordinates: x' = a0·x + a1·y + a2, y' = b0·x + b1·y + b2. */
export type Affine = readonly [number, number, number, number, number, number];

export const IDENTITY: Affine = [1, 0, 0, 0, 1, 0];

function isIdentity(m: Affine): boolean {
  return m.every((v, i) => v === IDENTITY[i]);
}

/** A pixel index under the fill mode, or −1 for "use fillValue". */
function mapIndex(i: number, length: number, mode: FillMode): number {
  if (i >= 0 && i < length) return i;
  switch (mode) {
    case 'constant':
      return -1;
    case 'nearest':
      return i < 0 ? 0 : length - 1;
    case 'wrap':
      return ((i % length) + length) % length;
    case 'reflect': {
      const period = 2 * length;
      const m = ((i % period) + period) % period;
      return m < length ? m : period - 1 - m;
    }
  }
}

/** Resamples each image of `input` through its map (one per image). */
export function resample(
  input: TypedArray,
  batch: ImageBatch,
  maps: readonly Affine[],
  sampling: Sampling,
): TypedArray {
  const { n, height: h, width: w, channels: c } = batch;
  const out = makeTypedArray(batch.dtype, input.length);
  const imageSize = h * w * c;
  // Up to four source pixels per output pixel: their offsets (−1: fill) and weights.
  const offsets = new Int32Array(4);
  const weights = new Float64Array(4);
  const { fillMode, fillValue } = sampling;
  for (let b = 0; b < n; b++) {
    const base = b * imageSize;
    const m = maps[b];
    if (isIdentity(m)) {
      out.set(input.subarray(base, base + imageSize), base);
      continue;
    }
    const [a0, a1, a2, b0, b1, b2] = m;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const sx = a0 * x + a1 * y + a2;
        const sy = b0 * x + b1 * y + b2;
        // 'nearest' is bilinear at the rounded position with zero fractions: one source pixel.
        const nearest = sampling.interpolation === 'nearest';
        const x0 = nearest ? Math.round(sx) : Math.floor(sx);
        const y0 = nearest ? Math.round(sy) : Math.floor(sy);
        const fx = nearest ? 0 : sx - x0;
        const fy = nearest ? 0 : sy - y0;
        let count = 0;
        for (let k = 0; k < 4; k++) {
          const dx = k & 1;
          const dy = k >> 1;
          const weight = (dx ? fx : 1 - fx) * (dy ? fy : 1 - fy);
          if (weight === 0) continue;
          const my = mapIndex(y0 + dy, h, fillMode);
          const mx = mapIndex(x0 + dx, w, fillMode);
          offsets[count] = my < 0 || mx < 0 ? -1 : base + (my * w + mx) * c;
          weights[count++] = weight;
        }
        const target = base + (y * w + x) * c;
        for (let ch = 0; ch < c; ch++) {
          let value = 0;
          let lo = Infinity;
          let hi = -Infinity;
          for (let k = 0; k < count; k++) {
            const v = offsets[k] < 0 ? fillValue : input[offsets[k] + ch];
            value += weights[k] * v;
            if (v < lo) lo = v;
            if (v > hi) hi = v;
          }
          // Rounding can push a convex combination a hair outside its inputs; clamp it back.
          out[target + ch] = count === 1 ? value : Math.min(hi, Math.max(lo, value));
        }
      }
    }
  }
  return out;
}

/** Reads the batch, resamples every image through its map and returns the new tensor. */
export function resampleImages(
  images: Tensor,
  batch: ImageBatch,
  maps: readonly Affine[],
  sampling: Sampling,
): Tensor {
  if (maps.every(isIdentity)) return clone(images);
  return imagesTensor(resample(images.dataSync(), batch, maps, sampling), batch);
}
