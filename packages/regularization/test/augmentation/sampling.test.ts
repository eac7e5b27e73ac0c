// The resampler shared by randomShift, randomRotation and randomZoom, checked through exact,
// hand-computed transforms.
import '../helpers/backend.js';
import { describe, expect, it } from 'vitest';
import * as tl from '@tensile/core';
import { assertClose } from '@tensile/core/testing';
import { randomRotation, randomShift, randomZoom } from '../../src/index.js';
import type { FillMode } from '../../src/index.js';

/** One row [1, 1, 6, 1] holding a b c d e f = 1 … 6. */
const row = () => tl.tensor([1, 2, 3, 4, 5, 6], [1, 1, 6, 1]);

describe('fill modes (a shift of the row 1…6 by +3 and −3 pixels)', () => {
  it.each<[FillMode, number[], number[]]>([
    ['constant', [7, 7, 7, 1, 2, 3], [4, 5, 6, 7, 7, 7]],
    ['nearest', [1, 1, 1, 1, 2, 3], [4, 5, 6, 6, 6, 6]],
    ['reflect', [3, 2, 1, 1, 2, 3], [4, 5, 6, 6, 5, 4]],
    ['wrap', [4, 5, 6, 1, 2, 3], [4, 5, 6, 1, 2, 3]],
  ])('%s', (fillMode, right, left) => {
    const x = row();
    for (const [factor, expected] of [
      [0.5, right],
      [-0.5, left],
    ] as const) {
      for (const interpolation of ['bilinear', 'nearest'] as const) {
        const y = randomShift(x, {
          widthFactor: [factor, factor],
          fillMode,
          fillValue: 7,
          interpolation,
          seed: 1,
        });
        expect(Array.from(y.dataSync())).toEqual(expected);
        y.dispose();
      }
    }
    x.dispose();
  });

  it('reflect and wrap repeat with the period of the image', () => {
    const x = row();
    const y = randomShift(x, { widthFactor: [-1, -1], fillMode: 'reflect', seed: 1 });
    expect(Array.from(y.dataSync())).toEqual([6, 5, 4, 3, 2, 1]);
    const z = randomShift(x, { widthFactor: [1, 1], fillMode: 'wrap', seed: 1 });
    expect(Array.from(z.dataSync())).toEqual([1, 2, 3, 4, 5, 6]);
    tl.dispose([x, y, z]);
  });
});

describe('interpolation', () => {
  it('bilinear mixes neighbours by distance; nearest takes the closest', () => {
    const x = row();
    // A shift of +0.25 pixel: output x reads input x − 0.25.
    const bilinear = randomShift(x, {
      widthFactor: [0.25 / 6, 0.25 / 6],
      fillMode: 'nearest',
      seed: 1,
    });
    assertClose(bilinear.dataSync(), [1, 1.75, 2.75, 3.75, 4.75, 5.75]);
    const nearest = randomShift(x, {
      widthFactor: [0.25 / 6, 0.25 / 6],
      interpolation: 'nearest',
      seed: 1,
    });
    expect(Array.from(nearest.dataSync())).toEqual([1, 2, 3, 4, 5, 6]);
    tl.dispose([x, bilinear, nearest]);
  });

  it('under constant fill, a border pixel mixes with fillValue', () => {
    const x = row();
    const y = randomShift(x, { widthFactor: [0.5 / 6, 0.5 / 6], fillValue: 10, seed: 1 });
    assertClose(y.dataSync(), [5.5, 1.5, 2.5, 3.5, 4.5, 5.5]);
    tl.dispose([x, y]);
  });
});

describe('randomShift', () => {
  it('moves a 2-D image by (heightFactor·H, widthFactor·W) pixels, channels together', () => {
    const [h, w] = [8, 4];
    const x = tl.reshape(tl.range(1, h * w * 2 + 1), [1, h, w, 2]);
    const y = randomShift(x, { heightFactor: [0.25, 0.25], widthFactor: [-0.5, -0.5], seed: 3 });
    const [xs, ys] = [x.dataSync(), y.dataSync()];
    for (let r = 0; r < h; r++) {
      for (let c = 0; c < w; c++) {
        for (let k = 0; k < 2; k++) {
          // output (r, c) reads input (r − 2, c + 2)
          const [sr, sc] = [r - 2, c + 2];
          const inside = sr >= 0 && sr < h && sc >= 0 && sc < w;
          expect(ys[(r * w + c) * 2 + k]).toBe(inside ? xs[(sr * w + sc) * 2 + k] : 0);
        }
      }
    }
    tl.dispose([x, y]);
  });

  it('draws shifts within the factor range', () => {
    // Each image is constant but for a marker; where the marker lands gives the shift.
    const n = 50;
    const [h, w] = [11, 11];
    const data = new Float32Array(n * h * w);
    for (let b = 0; b < n; b++) data[b * h * w + 5 * w + 5] = 1;
    const x = tl.tensor(data, [n, h, w, 1]);
    const y = randomShift(x, {
      heightFactor: [-0.2, 0.2],
      widthFactor: [0, 0.4],
      interpolation: 'nearest',
      seed: 8,
    });
    const out = y.dataSync();
    const shifts: number[][] = [];
    for (let b = 0; b < n; b++) {
      const at = out.subarray(b * h * w, (b + 1) * h * w).indexOf(1);
      shifts.push([Math.floor(at / w) - 5, (at % w) - 5]);
    }
    for (const [dy, dx] of shifts) {
      expect(Math.abs(dy)).toBeLessThanOrEqual(Math.round(0.2 * h));
      expect(dx).toBeGreaterThanOrEqual(0);
      expect(dx).toBeLessThanOrEqual(Math.round(0.4 * w));
    }
    expect(new Set(shifts.map((s) => s.join())).size).toBeGreaterThan(5);
    tl.dispose([x, y]);
  });

  it('rejects factors outside [-1, 1] and integer images', () => {
    const x = tl.zeros([1, 2, 2, 1]);
    expect(() => randomShift(x, { heightFactor: 1.5 })).toThrow(
      'randomShift: heightFactor must be a finite number in [0, 1], got 1.5',
    );
    expect(() => randomShift(x, { widthFactor: [0.5, -0.5] })).toThrow(
      'randomShift: widthFactor must have lower ≤ upper, got [0.5, -0.5]',
    );
    expect(() => randomShift(x, { widthFactor: [-2, 0] })).toThrow(
      'randomShift: widthFactor[0] must be a finite number in [-1, 1], got -2',
    );
    expect(() => randomShift(x, { fillMode: 'mirror' as never })).toThrow(
      "randomShift: fillMode must be one of 'constant', 'nearest', 'reflect', 'wrap', got 'mirror'",
    );
    const ints = tl.zeros([1, 2, 2, 1], 'int32');
    expect(() => randomShift(ints, { heightFactor: 0.1 })).toThrow(tl.DtypeError);
    tl.dispose([x, ints]);
  });
});

describe('randomRotation', () => {
  const [h, w] = [5, 7];
  const x = tl.reshape(tl.range(1, h * w + 1), [1, h, w, 1]);
  const xs = x.dataSync();

  it('a half turn maps (y, x) to (H − 1 − y, W − 1 − x)', () => {
    const y = randomRotation(x, { factor: [0.5, 0.5], seed: 1 });
    const expected = Array.from({ length: h * w }, (_, i) => {
      const [r, c] = [Math.floor(i / w), i % w];
      return xs[(h - 1 - r) * w + (w - 1 - c)];
    });
    assertClose(y.dataSync(), expected);
    y.dispose();
  });

  it('a quarter turn of a square image is rot90, counter-clockwise (Keras)', () => {
    const sq = tl.reshape(tl.range(1, 26), [1, 5, 5, 1]);
    const y = randomRotation(sq, { factor: [0.25, 0.25], seed: 1 });
    const s = sq.dataSync();
    // output (r, c) reads input (c, 4 − r): the top row comes from the right column.
    const expected = Array.from({ length: 25 }, (_, i) => s[(i % 5) * 5 + (4 - Math.floor(i / 5))]);
    assertClose(y.dataSync(), expected);
    expect(Array.from(y.dataSync()).slice(0, 5).map(Math.round)).toEqual([5, 10, 15, 20, 25]);
    tl.dispose([sq, y]);
  });

  it('draws angles within ±factor·2π', () => {
    const n = 40;
    const sq = tl.tidy(() => {
      // A marker one pixel right of the centre of a 9×9 image.
      const data = new Float32Array(n * 81);
      for (let b = 0; b < n; b++) data[b * 81 + 4 * 9 + 8] = 1;
      return tl.tensor(data, [n, 9, 9, 1]);
    });
    const y = randomRotation(sq, { factor: 0.1, interpolation: 'nearest', seed: 4 });
    const out = y.dataSync();
    for (let b = 0; b < n; b++) {
      const at = out.subarray(b * 81, (b + 1) * 81).indexOf(1);
      if (at < 0) continue; // rounded away between pixels
      const angle = Math.atan2(-(Math.floor(at / 9) - 4), (at % 9) - 4);
      expect(Math.abs(angle)).toBeLessThanOrEqual(0.1 * 2 * Math.PI + Math.atan(0.5 / 4) + 1e-9);
    }
    tl.dispose([sq, y]);
  });

  it('requires a factor', () => {
    expect(() => randomRotation(x, {} as never)).toThrow(
      'randomRotation: factor must be a number or a pair [lower, upper], got undefined',
    );
    expect(() => randomRotation(x, { factor: -0.1 })).toThrow(
      'randomRotation: factor must be a finite number ≥ 0, got -0.1',
    );
  });
});

describe('randomZoom', () => {
  it('z = 0.5 zooms in about the centre: output p reads centre + 0.5·(p − centre)', () => {
    const x = tl.reshape(tl.range(0, 25), [1, 5, 5, 1]);
    const y = randomZoom(x, { heightFactor: [-0.5, -0.5], seed: 1 });
    const s = x.dataSync();
    const at = (r: number, c: number) => {
      // bilinear read of the input at (r, c)
      const [r0, c0] = [Math.floor(r), Math.floor(c)];
      const [fr, fc] = [r - r0, c - c0];
      const v = (i: number, j: number) => s[Math.min(i, 4) * 5 + Math.min(j, 4)];
      return (
        (1 - fr) * ((1 - fc) * v(r0, c0) + fc * v(r0, c0 + 1)) +
        fr * ((1 - fc) * v(r0 + 1, c0) + fc * v(r0 + 1, c0 + 1))
      );
    };
    const expected = Array.from({ length: 25 }, (_, i) =>
      at(2 + 0.5 * (Math.floor(i / 5) - 2), 2 + 0.5 * ((i % 5) - 2)),
    );
    assertClose(y.dataSync(), expected);
    expect(y.dataSync()[12]).toBe(12);
    tl.dispose([x, y]);
  });

  it('zooming out brings in the fill; without widthFactor the aspect ratio is kept', () => {
    const x = tl.ones([3, 9, 9, 1]);
    const y = randomZoom(x, { heightFactor: [1, 1], fillValue: 0, seed: 2 });
    const v = y.dataSync();
    for (let b = 0; b < 3; b++) {
      expect(v[b * 81]).toBe(0); // corner reads outside
      expect(v[b * 81 + 40]).toBe(1); // centre stays
      // z = 2 both ways: rows and columns 2…6 are inside, symmetric in x and y
      for (let i = 0; i < 9; i++) expect(v[b * 81 + i * 9 + 4]).toBe(v[b * 81 + 4 * 9 + i]);
    }
    expect(() => randomZoom(x, { heightFactor: 1 })).toThrow(
      'randomZoom: heightFactor must be a finite number in [0, 1), got 1',
    );
    expect(() => randomZoom(x, { heightFactor: [-1, 0] })).toThrow(
      'randomZoom: heightFactor[0] must be a finite number > -1, got -1',
    );
    tl.dispose([x, y]);
  });
});
