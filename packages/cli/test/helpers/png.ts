// A PNG encoder for tests: any colour type and bit depth, each row with a chosen filter, so the
// decoder's unfiltering and unpacking are checked against independently produced files.
import { deflateSync } from 'node:zlib';
import { PNG_SIGNATURE, crc32 } from '../../src/image/png.js';

export interface PngSpec {
  width: number;
  height: number;
  colorType: 0 | 2 | 3 | 4 | 6;
  depth: 1 | 2 | 4 | 8 | 16;
  /** Samples per pixel, row-major, each in [0, 2^depth). */
  samples: number[];
  palette?: number[];
  transparency?: number[];
  /** Filter per row (0 None, 1 Sub, 2 Up, 3 Average, 4 Paeth); default 0. */
  filters?: number[];
  interlace?: boolean;
}

const CHANNELS = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as const;

function chunk(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + body.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, body.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(body, 8);
  view.setUint32(8 + body.length, crc32(out.subarray(4, 8 + body.length)));
  return out;
}

function packRow(samples: number[], depth: number): Uint8Array {
  if (depth === 8) return Uint8Array.from(samples);
  if (depth === 16) return Uint8Array.from(samples.flatMap((s) => [s >> 8, s & 0xff]));
  const out = new Uint8Array(Math.ceil((samples.length * depth) / 8));
  samples.forEach((s, i) => {
    const bit = i * depth;
    out[bit >> 3] |= s << (8 - depth - (bit & 7));
  });
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

export function encodePng(spec: PngSpec): Uint8Array {
  const channels = CHANNELS[spec.colorType];
  const perRow = spec.width * channels;
  const bpp = Math.max(1, (channels * spec.depth) >> 3);
  const rows: Uint8Array[] = [];
  let prev: Uint8Array | undefined;
  for (let y = 0; y < spec.height; y++) {
    const row = packRow(spec.samples.slice(y * perRow, (y + 1) * perRow), spec.depth);
    const filter = spec.filters?.[y] ?? 0;
    const out = new Uint8Array(row.length + 1);
    out[0] = filter;
    for (let i = 0; i < row.length; i++) {
      const a = i >= bpp ? row[i - bpp] : 0;
      const b = prev?.[i] ?? 0;
      const c = prev !== undefined && i >= bpp ? prev[i - bpp] : 0;
      const predicted = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter];
      out[i + 1] = (row[i] - predicted) & 0xff;
    }
    rows.push(out);
    prev = row;
  }
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, spec.width);
  view.setUint32(4, spec.height);
  ihdr[8] = spec.depth;
  ihdr[9] = spec.colorType;
  ihdr[12] = spec.interlace ? 1 : 0;
  const parts = [Uint8Array.from(PNG_SIGNATURE), chunk('IHDR', ihdr)];
  if (spec.palette !== undefined) parts.push(chunk('PLTE', Uint8Array.from(spec.palette)));
  if (spec.transparency !== undefined)
    parts.push(chunk('tRNS', Uint8Array.from(spec.transparency)));
  parts.push(chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', new Uint8Array(0)));
  return Buffer.concat(parts);
}

/** An 8-bit greyscale PNG of the given grey levels (0 … 255). */
export function grayPng(width: number, height: number, gray: ArrayLike<number>): Uint8Array {
  return encodePng({ width, height, colorType: 0, depth: 8, samples: Array.from(gray) });
}
