import '../helpers/backend.js';
import { describe, expect, it } from 'vitest';
import * as tl from '@tensile/core';
import { randomCrop } from '../../src/index.js';

const [N, H, W, C] = [30, 8, 10, 2];

/** The (top, left) at which `crop` sits in image b of `input`, or null. */
function locate(
  input: ArrayLike<number>,
  crop: ArrayLike<number>,
  b: number,
  h: number,
  w: number,
) {
  for (let top = 0; top <= H - h; top++) {
    for (let left = 0; left <= W - w; left++) {
      let match = true;
      for (let y = 0; y < h && match; y++) {
        for (let x = 0; x < w * C && match; x++) {
          const from = ((b * H + top + y) * W + left) * C + x;
          match = input[from] === crop[(b * h + y) * w * C + x];
        }
      }
      if (match) return [top, left];
    }
  }
  return null;
}

describe('randomCrop', () => {
  const x = tl.reshape(tl.range(0, N * H * W * C), [N, H, W, C]);
  const input = x.dataSync();

  it('cuts a window of the input at a uniform position in training', () => {
    const y = randomCrop(x, { height: 5, width: 4, seed: 6 });
    expect(y.shape).toEqual([N, 5, 4, C]);
    const out = y.dataSync();
    const positions = Array.from({ length: N }, (_, b) => locate(input, out, b, 5, 4));
    expect(positions.every((p) => p !== null)).toBe(true);
    const tops = new Set(positions.map((p) => (p as number[])[0]));
    const lefts = new Set(positions.map((p) => (p as number[])[1]));
    expect(tops.size).toBe(H - 5 + 1); // every row offset 0…3 drawn
    expect(lefts.size).toBeGreaterThanOrEqual(5);
    y.dispose();
  });

  it('takes the centre window in inference (rounded down)', () => {
    const y = randomCrop(x, { height: 5, width: 4, training: false });
    const out = y.dataSync();
    for (let b = 0; b < N; b++) expect(locate(input, out, b, 5, 4)).toEqual([1, 3]);
    y.dispose();
  });

  it('crops a single image and integer images', () => {
    const img = tl.cast(tl.reshape(tl.range(0, 12), [3, 4, 1]), 'int32');
    const y = randomCrop(img, { height: 3, width: 2, training: false });
    expect(y.shape).toEqual([3, 2, 1]);
    expect(y.dtype).toBe('int32');
    expect(Array.from(y.dataSync())).toEqual([1, 2, 5, 6, 9, 10]);
    tl.dispose([img, y]);
  });

  it('rejects a crop larger than the images', () => {
    expect(() => randomCrop(x, { height: 9, width: 2 })).toThrow(
      'randomCrop: the crop [9, 2] is larger than the images: images are [30,8,10,2]',
    );
    expect(() => randomCrop(x, { height: 0, width: 2 })).toThrow(
      'randomCrop: height must be an integer ≥ 1, got 0',
    );
  });
});
