import { describe, expect, it } from 'vitest';
import { needsInversion, resample, toMnistInput } from '../src/image/digit.js';
import type { GrayImage } from '../src/image/png.js';

/** A w × h page of `background` with a filled rectangle of `ink`. */
function page(
  w: number,
  h: number,
  background: number,
  ink: number,
  box: [number, number, number, number],
): GrayImage {
  const pixels = new Float32Array(w * h).fill(background);
  const [x0, y0, x1, y1] = box;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) pixels[y * w + x] = ink;
  return { width: w, height: h, pixels };
}

function centreOfMass(pixels: Float32Array): [number, number] {
  let m = 0;
  let cx = 0;
  let cy = 0;
  pixels.forEach((v, i) => {
    m += v;
    cx += v * ((i % 28) + 0.5);
    cy += v * (Math.floor(i / 28) + 0.5);
  });
  return [cx / m, cy / m];
}

describe('toMnistInput', () => {
  it('inverts a dark digit on a light page, scales it to 20 px and centres its mass', () => {
    const img = page(100, 60, 1, 0, [10, 5, 30, 55]); // a 20 × 50 dark bar, off-centre
    expect(needsInversion(img, 'auto')).toBe(true);
    const x = toMnistInput(img);
    expect(x).toHaveLength(784);
    expect(Math.max(...x)).toBeCloseTo(1, 5);
    expect(Math.min(...x)).toBe(0);
    const rows = new Set<number>();
    x.forEach((v, i) => (v > 0 ? rows.add(Math.floor(i / 28)) : 0));
    expect(rows.size).toBe(20);
    const [cx, cy] = centreOfMass(x);
    expect(Math.abs(cx - 14)).toBeLessThanOrEqual(1);
    expect(Math.abs(cy - 14)).toBeLessThanOrEqual(1);
  });

  it('keeps a 28 × 28 white-on-black image as it is', () => {
    const img = page(28, 28, 0, 0.8, [10, 10, 14, 20]);
    expect(Array.from(toMnistInput(img))).toEqual(Array.from(img.pixels));
  });

  it('follows --invert over the automatic choice', () => {
    const img = page(28, 28, 0, 1, [10, 10, 14, 20]);
    expect(toMnistInput(img, 'yes')[0]).toBe(1);
    expect(needsInversion(page(28, 28, 1, 0, [1, 1, 2, 2]), 'no')).toBe(false);
  });

  it('gives an empty field for an empty page', () => {
    expect(Math.max(...toMnistInput(page(50, 50, 1, 1, [0, 0, 0, 0])))).toBe(0);
  });
});

describe('resample', () => {
  it('averages areas when shrinking and keeps the mean', () => {
    const src = Float32Array.from([0, 1, 1, 0, 0, 1, 1, 0]);
    expect(Array.from(resample(src, 4, 2, 2, 1))).toEqual([0.5, 0.5]);
    const big = Float32Array.from({ length: 9 * 7 }, (_, i) => (i * 13) % 7);
    const small = resample(big, 9, 7, 4, 3);
    const mean = (a: Float32Array): number => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(small)).toBeCloseTo(mean(big), 4);
  });
});
