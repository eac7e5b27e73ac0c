// Turning an arbitrary picture of a digit into an MNIST input, the way MNIST itself was made
// (LeCun et al.): white digit on black; the digit's bounding box scaled, keeping its aspect ratio,
// to fit a 20 × 20 box; placed in a 28 × 28 field so that its centre of mass is at the centre.
// A picture that is already 28 × 28 is taken as an MNIST image and only inverted if needed.
import type { GrayImage } from './png.js';

export const SIDE = 28;
const BOX = 20;
/** A pixel counts as ink above this fraction of the brightest pixel (for the bounding box). */
const INK = 0.1;

export type InvertMode = 'auto' | 'yes' | 'no';

/** Mean grey level of the outermost rows and columns. */
function borderMean(img: GrayImage): number {
  const { width: w, height: h, pixels } = img;
  let sum = 0;
  let count = 0;
  for (let x = 0; x < w; x++) {
    sum += pixels[x] + pixels[(h - 1) * w + x];
    count += 2;
  }
  for (let y = 1; y < h - 1; y++) {
    sum += pixels[y * w] + pixels[y * w + w - 1];
    count += 2;
  }
  return count === 0 ? 0 : sum / count;
}

/** Whether the picture is dark-on-light and must be inverted (auto: its border is light). */
export function needsInversion(img: GrayImage, mode: InvertMode): boolean {
  if (mode === 'yes') return true;
  if (mode === 'no') return false;
  return borderMean(img) > 0.5;
}

/**
 * Area-averaging resample of a w × h image to tw × th: each output pixel is the mean of the input
 * area it covers (with fractional edge weights), so downscaling does not alias thin strokes.
 */
export function resample(
  src: Float32Array,
  w: number,
  h: number,
  tw: number,
  th: number,
): Float32Array {
  const horizontal = new Float32Array(tw * h);
  const sx = w / tw;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < tw; x++)
      horizontal[y * tw + x] = coverMean(src, y * w, 1, w, x * sx, (x + 1) * sx);
  }
  const out = new Float32Array(tw * th);
  const sy = h / th;
  for (let x = 0; x < tw; x++) {
    for (let y = 0; y < th; y++)
      out[y * tw + x] = coverMean(horizontal, x, tw, h, y * sy, (y + 1) * sy);
  }
  return out;
}

/** Mean of samples base + i·step over the real interval [from, to) of indices 0 … n−1. */
function coverMean(
  src: Float32Array,
  base: number,
  step: number,
  n: number,
  from: number,
  to: number,
): number {
  let sum = 0;
  let weight = 0;
  for (let i = Math.floor(from); i < Math.min(n, Math.ceil(to)); i++) {
    const cover = Math.min(to, i + 1) - Math.max(from, i);
    if (cover <= 0) continue;
    sum += src[base + i * step] * cover;
    weight += cover;
  }
  return weight > 0 ? sum / weight : 0;
}

/** The 784 inputs (row-major 28 × 28, white-on-black in [0, 1]) for a picture of one digit. */
export function toMnistInput(img: GrayImage, invert: InvertMode = 'auto'): Float32Array {
  const flip = needsInversion(img, invert);
  const ink = Float32Array.from(img.pixels, (v) => (flip ? 1 - v : v));
  if (img.width === SIDE && img.height === SIDE) return ink;
  let peak = 0;
  for (const v of ink) peak = Math.max(peak, v);
  if (peak === 0) return new Float32Array(SIDE * SIDE);
  let [x0, y0, x1, y1] = [img.width, img.height, -1, -1];
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      if (ink[y * img.width + x] > INK * peak) {
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
      }
    }
  }
  const bw = x1 - x0 + 1;
  const bh = y1 - y0 + 1;
  const crop = new Float32Array(bw * bh);
  for (let y = 0; y < bh; y++) {
    for (let x = 0; x < bw; x++) crop[y * bw + x] = ink[(y0 + y) * img.width + x0 + x];
  }
  const scale = BOX / Math.max(bw, bh);
  const tw = Math.max(1, Math.round(bw * scale));
  const th = Math.max(1, Math.round(bh * scale));
  const small = resample(crop, bw, bh, tw, th);
  // Centre of mass of the scaled digit, to be placed at the field's centre.
  let mass = 0;
  let cx = 0;
  let cy = 0;
  for (let y = 0; y < th; y++) {
    for (let x = 0; x < tw; x++) {
      const v = small[y * tw + x];
      mass += v;
      cx += v * (x + 0.5);
      cy += v * (y + 0.5);
    }
  }
  const left = clamp(Math.round(SIDE / 2 - cx / mass), 0, SIDE - tw);
  const top = clamp(Math.round(SIDE / 2 - cy / mass), 0, SIDE - th);
  const out = new Float32Array(SIDE * SIDE);
  const max = small.reduce((a, b) => Math.max(a, b), 0);
  for (let y = 0; y < th; y++) {
    for (let x = 0; x < tw; x++) out[(top + y) * SIDE + left + x] = small[y * tw + x] / max;
  }
  return out;
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
