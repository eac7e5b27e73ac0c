import '../helpers/backend.js';
import { describe, expect, it } from 'vitest';
import * as tl from '@tensile/core';
import { randomFlip } from '../../src/index.js';
import type { FlipMode } from '../../src/index.js';

const [N, H, W, C] = [64, 3, 4, 2];

/** Image b of a row-major NHWC array, as nested [y][x][c] arrays. */
function image(values: ArrayLike<number>, b: number, h = H, w = W, c = C): number[][][] {
  return Array.from({ length: h }, (_, y) =>
    Array.from({ length: w }, (_, x) =>
      Array.from({ length: c }, (_, k) => values[((b * h + y) * w + x) * c + k]),
    ),
  );
}

const mirrorX = (img: number[][][]) => img.map((row) => [...row].reverse());
const mirrorY = (img: number[][][]) => [...img].reverse();

describe('randomFlip', () => {
  const x = tl.reshape(tl.range(0, N * H * W * C), [N, H, W, C]);
  const input = x.dataSync();

  it.each<[FlipMode, string[]]>([
    ['horizontal', ['none', 'x']],
    ['vertical', ['none', 'y']],
    ['horizontal_and_vertical', ['none', 'x', 'y', 'xy']],
  ])('%s: every image is the input or its mirror, each kind about equally often', (mode, kinds) => {
    const y = randomFlip(x, { mode, seed: 21 });
    const out = y.dataSync();
    const seen = new Map<string, number>();
    for (let b = 0; b < N; b++) {
      const src = image(input, b);
      const candidates: Record<string, number[][][]> = {
        none: src,
        x: mirrorX(src),
        y: mirrorY(src),
        xy: mirrorY(mirrorX(src)),
      };
      const got = image(out, b);
      const kind = kinds.find((k) => JSON.stringify(candidates[k]) === JSON.stringify(got));
      expect(kind, `image ${b}`).toBeDefined();
      seen.set(kind as string, (seen.get(kind as string) ?? 0) + 1);
    }
    for (const k of kinds) expect(seen.get(k) ?? 0).toBeGreaterThan(N / kinds.length / 2);
    y.dispose();
  });

  it('flips the same images for the same seed in every mode (two draws per image)', () => {
    const h = randomFlip(x, { mode: 'horizontal', seed: 5 });
    const both = randomFlip(x, { mode: 'horizontal_and_vertical', seed: 5 });
    const hv = h.dataSync();
    const bv = both.dataSync();
    for (let b = 0; b < N; b++) {
      const flippedX = JSON.stringify(image(hv, b)) !== JSON.stringify(image(input, b));
      const bothImg = image(bv, b);
      const matchesX =
        JSON.stringify(bothImg) === JSON.stringify(mirrorX(image(input, b))) ||
        JSON.stringify(bothImg) === JSON.stringify(mirrorY(mirrorX(image(input, b))));
      expect(matchesX).toBe(flippedX);
    }
    tl.dispose([h, both]);
  });

  it('moves values without changing them, for any dtype', () => {
    const ints = tl.cast(x, 'int32');
    const y = randomFlip(ints, { seed: 2 });
    expect(y.dtype).toBe('int32');
    expect(Array.from(y.dataSync()).sort((a, b) => a - b)).toEqual(
      Array.from(ints.dataSync()).sort((a, b) => a - b),
    );
    tl.dispose([ints, y]);
  });

  it('rejects what is not an image batch', () => {
    const flat = tl.ones([4, 4]);
    expect(() => randomFlip(flat)).toThrow(tl.ShapeError);
    expect(() => randomFlip(flat)).toThrow(
      'randomFlip: images must be a batch [batch, height, width, channels] (or one image [height, width, channels]), got shape [4,4]',
    );
    expect(() => randomFlip(x, { mode: 'diagonal' as never })).toThrow(
      "randomFlip: mode must be one of 'horizontal', 'vertical', 'horizontal_and_vertical', got 'diagonal'",
    );
    flat.dispose();
  });
});
