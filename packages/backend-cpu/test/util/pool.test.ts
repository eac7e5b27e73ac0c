// Pooling against direct loops over each window, padded and dilated windows included.
import { describe, expect, it } from 'vitest';
import { computeConv2DInfo } from '@tensile/core';
import type { Conv2DInfo, FloatArray, Padding } from '@tensile/core';
import { avgPool2d, avgPool2dBackprop, maxPool2d, maxPool2dBackprop } from '../../src/util/pool.js';
import { randomArray, seededRandom } from './random.js';

/** Input indices of one output element's window that fall inside the input, in scan order. */
function windowOf(info: Conv2DInfo, outIndex: number): number[] {
  const c = outIndex % info.outChannels;
  const pixel = Math.floor(outIndex / info.outChannels);
  const ow = pixel % info.outWidth;
  const oh = Math.floor(pixel / info.outWidth) % info.outHeight;
  const b = Math.floor(pixel / (info.outWidth * info.outHeight));
  const indices: number[] = [];
  for (let kh = 0; kh < info.filterHeight; kh++) {
    for (let kw = 0; kw < info.filterWidth; kw++) {
      const ih = oh * info.strideHeight - info.padTop + kh * info.dilationHeight;
      const iw = ow * info.strideWidth - info.padLeft + kw * info.dilationWidth;
      if (ih < 0 || ih >= info.inHeight || iw < 0 || iw >= info.inWidth) continue;
      indices.push(((b * info.inHeight + ih) * info.inWidth + iw) * info.inChannels + c);
    }
  }
  return indices;
}

interface Case {
  name: string;
  x: [number, number, number, number];
  size: number | [number, number];
  strides: number | [number, number];
  pad: Padding;
  dilations?: number;
}

const CASES: Case[] = [
  { name: '2×2 stride 2, valid', x: [2, 6, 6, 3], size: 2, strides: 2, pad: 'valid' },
  { name: '3×3 stride 1, same', x: [2, 5, 6, 3], size: 3, strides: 1, pad: 'same' },
  { name: '3×3 stride 2, same, even', x: [1, 8, 8, 2], size: 3, strides: 2, pad: 'same' },
  {
    name: '2×2 stride 1, same (pad bottom/right)',
    x: [1, 5, 4, 2],
    size: 2,
    strides: 1,
    pad: 'same',
  },
  { name: '3×2 strides [2, 1], pad 1', x: [2, 7, 5, 4], size: [3, 2], strides: [2, 1], pad: 1 },
  { name: '3×3 dilation 2, same', x: [1, 9, 8, 2], size: 3, strides: 1, pad: 'same', dilations: 2 },
  { name: 'window larger than input', x: [1, 2, 3, 2], size: 4, strides: 1, pad: 'same' },
];

function infoOf(c: Case): Conv2DInfo {
  const [fh, fw] = typeof c.size === 'number' ? [c.size, c.size] : c.size;
  const channels = c.x[3];
  return computeConv2DInfo(
    'pool',
    c.x,
    [fh, fw, channels, channels],
    c.strides,
    c.pad,
    c.dilations,
  );
}

const size = (shape: number[]): number => shape.reduce((p, d) => p * d, 1);

const TYPES: { new (size: number): FloatArray }[] = [Float32Array, Float64Array];

describe('pooling', () => {
  for (const Type of TYPES) {
    CASES.forEach((c, caseIndex) => {
      const label = `${c.name} (${Type.name})`;
      const info = infoOf(c);
      const random = seededRandom(caseIndex + 1);
      // Few distinct values, so windows hold ties and the tie rule is exercised.
      const x = new Type(size(info.inShape));
      for (let i = 0; i < x.length; i++) x[i] = Math.floor(random() * 5) - 2;
      const dy = randomArray(Type, size(info.outShape), random);
      const windows = Array.from({ length: size(info.outShape) }, (_, o) => windowOf(info, o));

      it(`${label}: max and its gradient to the first argmax`, () => {
        const out = new Type(dy.length).fill(NaN);
        maxPool2d(x, out, info);
        const dx = new Type(x.length).fill(NaN);
        maxPool2dBackprop(dy, x, dx, info);
        const expectedDx = new Float64Array(x.length);
        windows.forEach((w, o) => {
          const values = w.map((i) => x[i]);
          const max = Math.max(...values);
          expect(out[o]).toBe(max);
          expectedDx[w[values.indexOf(max)]] += dy[o];
        });
        expectedDx.forEach((v, i) => expect(dx[i]).toBeCloseTo(v, 6));
      });

      it(`${label}: mean over valid positions and its gradient`, () => {
        const xs = randomArray(Type, x.length, random);
        const out = new Type(dy.length).fill(NaN);
        avgPool2d(xs, out, info);
        const dx = new Type(x.length).fill(NaN);
        avgPool2dBackprop(dy, dx, info);
        const expectedDx = new Float64Array(x.length);
        windows.forEach((w, o) => {
          const mean = w.reduce((s, i) => s + xs[i], 0) / w.length;
          expect(out[o]).toBeCloseTo(mean, 6);
          for (const i of w) expectedDx[i] += dy[o] / w.length;
        });
        expectedDx.forEach((v, i) => expect(dx[i]).toBeCloseTo(v, 6));
      });
    });
  }

  it('propagates NaN through max, and routes its gradient to the first NaN', () => {
    const info = computeConv2DInfo('pool', [1, 2, 2, 1], [2, 2, 1, 1], 2, 'valid');
    const x = new Float32Array([1, NaN, 5, NaN]);
    const out = new Float32Array(1);
    maxPool2d(x, out, info);
    expect(out[0]).toBeNaN();
    const dx = new Float32Array(4);
    maxPool2dBackprop(new Float32Array([3]), x, dx, info);
    expect(Array.from(dx)).toEqual([0, 3, 0, 0]);
  });

  it('sends the gradient of an all −∞ window to its first position', () => {
    const info = computeConv2DInfo('pool', [1, 1, 2, 1], [1, 2, 1, 1], 1, 'valid');
    const x = new Float64Array([-Infinity, -Infinity]);
    const dx = new Float64Array(2);
    maxPool2dBackprop(new Float64Array([2]), x, dx, info);
    expect(Array.from(dx)).toEqual([2, 0]);
  });
});
