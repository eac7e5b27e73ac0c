// A minimal PNG decoder (RFC 2083 / ISO 15948) for `tensile predict`: non-interlaced images of
// every colour type (grey, RGB, palette, grey + alpha, RGBA) at bit depths 1–16, inflated with
// node:zlib and unfiltered per scanline. It returns grey levels in [0, 1] (luminance, alpha
// composited over white, since drawn digits are usually dark strokes on a transparent or white
// page). Chunk CRCs are checked, so a truncated or corrupted file is an error, not a wrong digit.
import { inflateSync } from 'node:zlib';

export interface GrayImage {
  width: number;
  height: number;
  /** Row-major grey levels in [0, 1] (0 black, 1 white). */
  pixels: Float32Array;
}

export class ImageFormatError extends Error {
  override readonly name = 'ImageFormatError';
}

export const PNG_SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as PNG chunks use it (ISO 3309). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Samples (channels) per pixel of each colour type. */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const ALLOWED_DEPTHS: Record<number, readonly number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

interface Header {
  width: number;
  height: number;
  depth: number;
  colorType: number;
}

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

export function decodePng(bytes: Uint8Array, name = 'image'): GrayImage {
  const fail = (why: string): ImageFormatError => new ImageFormatError(`${name}: ${why}`);
  if (!isPng(bytes)) throw fail('not a PNG file (bad signature)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  let header: Header | undefined;
  let palette: Uint8Array | undefined;
  let transparency: Uint8Array | undefined;
  const data: Uint8Array[] = [];
  let ended = false;
  while (offset < bytes.length) {
    if (offset + 12 > bytes.length) throw fail('truncated chunk header');
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    if (offset + 12 + length > bytes.length) throw fail(`truncated ${type} chunk`);
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    const crc = view.getUint32(offset + 8 + length);
    if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== crc) {
      throw fail(`corrupted ${type} chunk (CRC mismatch)`);
    }
    offset += 12 + length;
    if (type === 'IHDR') {
      if (length !== 13) throw fail('malformed IHDR chunk');
      const b = new DataView(body.buffer, body.byteOffset, body.byteLength);
      header = {
        width: b.getUint32(0),
        height: b.getUint32(4),
        depth: body[8],
        colorType: body[9],
      };
      if (body[10] !== 0 || body[11] !== 0) throw fail('unknown compression or filter method');
      if (body[12] !== 0) {
        throw fail(
          'interlaced (Adam7) PNGs are not supported; re-save the image without interlacing',
        );
      }
      const depths = ALLOWED_DEPTHS[header.colorType];
      if (depths === undefined) throw fail(`unknown colour type ${header.colorType}`);
      if (!depths.includes(header.depth)) {
        throw fail(`bit depth ${header.depth} is invalid for colour type ${header.colorType}`);
      }
      if (header.width === 0 || header.height === 0 || header.width * header.height > 64e6) {
        throw fail(`unsupported size ${header.width}×${header.height}`);
      }
    } else if (type === 'PLTE') {
      palette = body;
    } else if (type === 'tRNS') {
      transparency = body;
    } else if (type === 'IDAT') {
      data.push(body);
    } else if (type === 'IEND') {
      ended = true;
      break;
    }
  }
  if (header === undefined) throw fail('no IHDR chunk');
  if (!ended) throw fail('truncated: no IEND chunk');
  if (data.length === 0) throw fail('no image data (IDAT)');
  if (header.colorType === 3 && palette === undefined)
    throw fail('palette image without a PLTE chunk');
  let raw: Uint8Array;
  try {
    raw = inflateSync(Buffer.concat(data));
  } catch (error) {
    throw fail(`corrupted image data: ${(error as Error).message}`);
  }
  const samples = unfilter(raw, header, fail);
  return toGray(samples, header, palette, transparency);
}

/** Undoes the per-scanline filters (None, Sub, Up, Average, Paeth); returns the packed rows. */
function unfilter(raw: Uint8Array, h: Header, fail: (why: string) => Error): Uint8Array {
  const channels = CHANNELS[h.colorType];
  const bitsPerPixel = channels * h.depth;
  const stride = Math.ceil((h.width * bitsPerPixel) / 8);
  const bpp = Math.max(1, bitsPerPixel >> 3);
  if (raw.length < h.height * (stride + 1)) throw fail('truncated image data');
  const out = new Uint8Array(h.height * stride);
  for (let y = 0; y < h.height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = out.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? out.subarray((y - 1) * stride, y * stride) : undefined;
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? row[i - bpp] : 0;
      const b = prev === undefined ? 0 : prev[i];
      const c = prev !== undefined && i >= bpp ? prev[i - bpp] : 0;
      let predicted: number;
      switch (filter) {
        case 0:
          predicted = 0;
          break;
        case 1:
          predicted = a;
          break;
        case 2:
          predicted = b;
          break;
        case 3:
          predicted = (a + b) >> 1;
          break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default:
          throw fail(`unknown filter type ${filter} on row ${y}`);
      }
      row[i] = (line[i] + predicted) & 0xff;
    }
  }
  return out;
}

function toGray(
  packed: Uint8Array,
  h: Header,
  palette: Uint8Array | undefined,
  transparency: Uint8Array | undefined,
): GrayImage {
  const channels = CHANNELS[h.colorType];
  const stride = Math.ceil((h.width * channels * h.depth) / 8);
  const max = (1 << Math.min(h.depth, 16)) - 1;
  const pixels = new Float32Array(h.width * h.height);
  const sample = (row: number, index: number): number => {
    const base = row * stride;
    if (h.depth === 8) return packed[base + index];
    if (h.depth === 16) return (packed[base + 2 * index] << 8) | packed[base + 2 * index + 1];
    const bit = index * h.depth;
    const byte = packed[base + (bit >> 3)];
    return (byte >> (8 - h.depth - (bit & 7))) & ((1 << h.depth) - 1);
  };
  const luminance = (r: number, g: number, b: number): number => 0.299 * r + 0.587 * g + 0.114 * b;
  for (let y = 0; y < h.height; y++) {
    for (let x = 0; x < h.width; x++) {
      let gray: number;
      let alpha = 1;
      const s = x * channels;
      switch (h.colorType) {
        case 0:
          gray = sample(y, s) / max;
          break;
        case 2:
          gray = luminance(sample(y, s), sample(y, s + 1), sample(y, s + 2)) / max;
          break;
        case 3: {
          const i = sample(y, s);
          const p = palette as Uint8Array;
          gray = luminance(p[3 * i] ?? 0, p[3 * i + 1] ?? 0, p[3 * i + 2] ?? 0) / 255;
          if (transparency !== undefined && i < transparency.length) alpha = transparency[i] / 255;
          break;
        }
        case 4:
          gray = sample(y, s) / max;
          alpha = sample(y, s + 1) / max;
          break;
        default:
          gray = luminance(sample(y, s), sample(y, s + 1), sample(y, s + 2)) / max;
          alpha = sample(y, s + 3) / max;
      }
      // Composite over white.
      pixels[y * h.width + x] = gray * alpha + (1 - alpha);
    }
  }
  return { width: h.width, height: h.height, pixels };
}
