// im2col + GEMM convolution against direct loops written from the definition
//   out[b, oh, ow, co] = Σ x[b, oh·sh − padTop + kh·dh, ow·sw − padLeft + kw·dw, ci] · f[kh, kw, ci, co]
// and its two adjoints as the same loops scattering instead of gathering.
import { describe, expect, it } from 'vitest';
import { computeConv2DInfo } from '@tensile/core';
import type { Conv2DInfo, FloatArray, Padding } from '@tensile/core';
import { conv2d, conv2dBackpropFilter, conv2dBackpropInput } from '../../src/util/conv.js';
import { randomArray, seededRandom } from './random.js';

type Visit = (xIndex: number, fIndex: number, outIndex: number) => void;

/** Calls visit for every (input, filter, output) triple the convolution multiplies together. */
function forEachProduct(info: Conv2DInfo, visit: Visit): void {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  for (let b = 0; b < batchSize; b++)
    for (let oh = 0; oh < outHeight; oh++)
      for (let ow = 0; ow < outWidth; ow++)
        for (let kh = 0; kh < info.filterHeight; kh++)
          for (let kw = 0; kw < info.filterWidth; kw++) {
            const ih = oh * info.strideHeight - info.padTop + kh * info.dilationHeight;
            const iw = ow * info.strideWidth - info.padLeft + kw * info.dilationWidth;
            if (ih < 0 || ih >= inHeight || iw < 0 || iw >= inWidth) continue;
            for (let ci = 0; ci < inChannels; ci++)
              for (let co = 0; co < outChannels; co++)
                visit(
                  ((b * inHeight + ih) * inWidth + iw) * inChannels + ci,
                  ((kh * info.filterWidth + kw) * inChannels + ci) * outChannels + co,
                  ((b * outHeight + oh) * outWidth + ow) * outChannels + co,
                );
          }
}

const size = (shape: number[]): number => shape.reduce((p, d) => p * d, 1);

interface Case {
  name: string;
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: number | [number, number];
  pad: Padding;
  dilations?: number | [number, number];
}

const CASES: Case[] = [
  { name: 'valid 3×3', x: [1, 5, 5, 1], filter: [3, 3, 1, 1], strides: 1, pad: 'valid' },
  { name: 'pad 1, 3→4 channels', x: [2, 6, 7, 3], filter: [3, 3, 3, 4], strides: 1, pad: 1 },
  { name: 'stride 2, valid', x: [2, 7, 8, 3], filter: [3, 3, 3, 4], strides: 2, pad: 0 },
  { name: 'stride 2, pad 1', x: [2, 7, 6, 3], filter: [3, 3, 3, 4], strides: 2, pad: 1 },
  { name: "'same', odd input", x: [2, 7, 7, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'same' },
  { name: "'same', even filter", x: [2, 7, 6, 3], filter: [4, 2, 3, 4], strides: 1, pad: 'same' },
  {
    name: "'same', stride 2, even",
    x: [2, 8, 8, 3],
    filter: [3, 3, 3, 4],
    strides: 2,
    pad: 'same',
  },
  {
    name: 'dilation 2',
    x: [2, 9, 8, 2],
    filter: [3, 3, 2, 3],
    strides: 1,
    pad: 'same',
    dilations: 2,
  },
  {
    name: 'dilation [2, 1], stride [1, 2]',
    x: [1, 9, 9, 2],
    filter: [2, 3, 2, 3],
    strides: [1, 2],
    pad: 'valid',
    dilations: [2, 1],
  },
  { name: 'pointwise 1×1', x: [2, 4, 5, 3], filter: [1, 1, 3, 4], strides: 1, pad: 'valid' },
  { name: '1×1, stride 2', x: [2, 5, 5, 3], filter: [1, 1, 3, 4], strides: 2, pad: 'valid' },
  { name: 'window wider than input', x: [1, 2, 3, 2], filter: [5, 5, 2, 2], strides: 1, pad: 2 },
  // More patch rows (2·20·30 = 1,200) than one GEMM call takes (2^17 / 144 = 910).
  { name: 'several GEMM calls', x: [2, 20, 30, 16], filter: [3, 3, 16, 4], strides: 1, pad: 1 },
];

function run(Type: { new (size: number): FloatArray }, c: Case, seed: number): void {
  const info = computeConv2DInfo('conv2d', c.x, c.filter, c.strides, c.pad, c.dilations);
  const random = seededRandom(seed);
  const x = randomArray(Type, size(info.inShape), random);
  const filter = randomArray(Type, size(info.filterShape), random);
  const dy = randomArray(Type, size(info.outShape), random);
  const out = new Float64Array(size(info.outShape));
  const dx = new Float64Array(size(info.inShape));
  const dFilter = new Float64Array(size(info.filterShape));
  const scaleOut = new Float64Array(out.length);
  const scaleDx = new Float64Array(dx.length);
  const scaleDf = new Float64Array(dFilter.length);
  forEachProduct(info, (xi, fi, oi) => {
    out[oi] += x[xi] * filter[fi];
    dx[xi] += dy[oi] * filter[fi];
    dFilter[fi] += x[xi] * dy[oi];
    scaleOut[oi] += Math.abs(x[xi] * filter[fi]);
    scaleDx[xi] += Math.abs(dy[oi] * filter[fi]);
    scaleDf[fi] += Math.abs(x[xi] * dy[oi]);
  });
  const relative = Type === Float32Array ? 1e-5 : 1e-13;
  // Outputs start as garbage: every function must overwrite all of its output.
  const got = (length: number) => new Type(length).fill(NaN);
  const expectClose = (actual: FloatArray, expected: Float64Array, scale: Float64Array) => {
    let worst = 0;
    for (let i = 0; i < expected.length; i++) {
      const tolerance = relative * (Math.abs(expected[i]) + scale[i]) + 1e-30;
      worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / tolerance);
    }
    expect(worst).toBeLessThanOrEqual(1);
  };
  const y = got(out.length);
  conv2d(x, filter, y, info);
  expectClose(y, out, scaleOut);
  const gx = got(dx.length);
  conv2dBackpropInput(dy, filter, gx, info);
  expectClose(gx, dx, scaleDx);
  const gf = got(dFilter.length);
  conv2dBackpropFilter(x, dy, gf, info);
  expectClose(gf, dFilter, scaleDf);
}

describe('conv2d', () => {
  it("uses TensorFlow's asymmetric 'same' padding in these cases", () => {
    const info = computeConv2DInfo('conv2d', [2, 7, 6, 3], [4, 2, 3, 4], 1, 'same');
    expect([info.padTop, info.padBottom, info.padLeft, info.padRight]).toEqual([1, 2, 0, 1]);
  });
  for (const Type of [Float32Array, Float64Array]) {
    CASES.forEach((c, i) => {
      it(`${c.name} (${Type.name}): forward and both backprops match direct loops`, () =>
        run(Type, c, i + 1));
    });
  }
});
