import { describe, expect, it } from 'vitest';
import { ImageFormatError, decodePng } from '../src/image/png.js';
import { encodePng, grayPng } from './helpers/png.js';

const gray = [0, 64, 128, 255, 32, 200];

describe('decodePng', () => {
  it('reads 8-bit greyscale as levels in [0, 1]', () => {
    const img = decodePng(grayPng(3, 2, gray));
    expect([img.width, img.height]).toEqual([3, 2]);
    expect(Array.from(img.pixels)).toEqual(gray.map((g) => Math.fround(g / 255)));
  });

  it.each([0, 1, 2, 3, 4])('undoes filter type %i on every row', (filter) => {
    const width = 5;
    const samples = Array.from({ length: width * 4 * 3 }, (_, i) => (i * 37 + 11) % 256);
    const png = encodePng({
      width,
      height: 4,
      colorType: 2,
      depth: 8,
      samples,
      filters: [filter, filter, filter, filter],
    });
    const img = decodePng(png);
    for (let p = 0; p < width * 4; p++) {
      const [r, g, b] = samples.slice(3 * p, 3 * p + 3);
      expect(img.pixels[p]).toBeCloseTo((0.299 * r + 0.587 * g + 0.114 * b) / 255, 5);
    }
  });

  it('composites alpha over white (RGBA and grey + alpha)', () => {
    const rgba = decodePng(
      encodePng({
        width: 2,
        height: 1,
        colorType: 6,
        depth: 8,
        samples: [0, 0, 0, 255, 0, 0, 0, 0],
      }),
    );
    expect(Array.from(rgba.pixels)).toEqual([0, 1]);
    const ga = decodePng(
      encodePng({ width: 1, height: 1, colorType: 4, depth: 8, samples: [0, 128] }),
    );
    expect(ga.pixels[0]).toBeCloseTo(1 - 128 / 255, 5);
  });

  it('reads palette images with transparency, and low and high bit depths', () => {
    const palette = [0, 0, 0, 255, 255, 255];
    const pal = decodePng(
      encodePng({
        width: 3,
        height: 1,
        colorType: 3,
        depth: 1,
        samples: [0, 1, 0],
        palette,
        transparency: [255, 255],
      }),
    );
    expect(Array.from(pal.pixels)).toEqual([0, 1, 0]);
    const g2 = decodePng(
      encodePng({ width: 5, height: 1, colorType: 0, depth: 2, samples: [0, 1, 2, 3, 0] }),
    );
    expect(Array.from(g2.pixels)).toEqual([0, 1 / 3, 2 / 3, 1, 0].map(Math.fround));
    const g16 = decodePng(
      encodePng({ width: 2, height: 1, colorType: 0, depth: 16, samples: [0, 65535] }),
    );
    expect(Array.from(g16.pixels)).toEqual([0, 1]);
  });

  it('rejects what it cannot read with a message naming the file and the problem', () => {
    const png = grayPng(3, 2, gray);
    const error = (bytes: Uint8Array): string => {
      try {
        decodePng(bytes, 'digit.png');
      } catch (e) {
        expect(e).toBeInstanceOf(ImageFormatError);
        return (e as Error).message;
      }
      throw new Error('expected an error');
    };
    expect(error(new Uint8Array([1, 2, 3]))).toBe('digit.png: not a PNG file (bad signature)');
    expect(error(png.subarray(0, png.length - 12))).toBe('digit.png: truncated: no IEND chunk');
    expect(error(png.subarray(0, 40))).toMatch(/^digit\.png: truncated/);
    const corrupt = Uint8Array.from(png);
    corrupt[20] ^= 0xff;
    expect(error(corrupt)).toBe('digit.png: corrupted IHDR chunk (CRC mismatch)');
    const interlaced = encodePng({
      width: 2,
      height: 2,
      colorType: 0,
      depth: 8,
      samples: [0, 0, 0, 0],
      interlace: true,
    });
    expect(error(interlaced)).toMatch(/interlaced \(Adam7\) PNGs are not supported/);
  });
});
