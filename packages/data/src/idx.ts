// The IDX format of the MNIST files (LeCun et al., http://yann.lecun.com/exdb/mnist/): a 4-byte
// magic number (two zero bytes, a type code, the number of dimensions), one big-endian uint32 per
// dimension, then the values in row-major order, big-endian.
import { FormatError } from '@tensile/core';

/** The element types IDX defines, by type code. */
const IDX_TYPES = {
  0x08: { name: 'ubyte', bytes: 1 },
  0x09: { name: 'byte', bytes: 1 },
  0x0b: { name: 'short', bytes: 2 },
  0x0c: { name: 'int', bytes: 4 },
  0x0d: { name: 'float', bytes: 4 },
  0x0e: { name: 'double', bytes: 8 },
} as const;

export type IdxTypeName = (typeof IDX_TYPES)[keyof typeof IDX_TYPES]['name'];
export type IdxValues =
  Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

export interface IdxHeader {
  /** The magic number, e.g. 0x00000803 for unsigned-byte images [n, rows, cols]. */
  magic: number;
  type: IdxTypeName;
  /** Bytes per value. */
  bytesPerValue: number;
  shape: number[];
  /** Bytes before the values: 4 + 4 · dimensions. */
  headerBytes: number;
  /** The exact size of a well-formed file: headerBytes + product(shape) · bytesPerValue. */
  fileBytes: number;
}

export interface IdxArray {
  header: IdxHeader;
  shape: number[];
  /** The values; for ubyte files a view into the input buffer (nothing copied). */
  values: IdxValues;
}

export interface IdxExpectation {
  /** The number of dimensions the file must have (3 for images, 1 for labels). */
  rank?: number;
  /** The element type it must have (MNIST: 'ubyte'). */
  type?: IdxTypeName;
}

const hex = (v: number): string => `0x${v.toString(16).padStart(8, '0')}`;

/**
 * Reads and checks the header at the start of `bytes` (which may hold only the first bytes of the
 * file). `name` (the file name or path) is named in every error.
 */
export function parseIdxHeader(
  bytes: Uint8Array,
  name: string,
  expected: IdxExpectation = {},
): IdxHeader {
  const op = 'parseIdx';
  if (!(bytes instanceof Uint8Array)) {
    throw new FormatError(op, `${name}: expected the file's bytes as a Uint8Array`);
  }
  if (bytes.length < 4) {
    throw new FormatError(
      op,
      `${name} is truncated: ${bytes.length} bytes, too short for the 4-byte magic number`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    throw new FormatError(op, `${name} is gzip-compressed (magic 0x1f8b); decompress it first`);
  }
  const code = bytes[2] as keyof typeof IDX_TYPES;
  const rank = bytes[3];
  const type = IDX_TYPES[code];
  if (bytes[0] !== 0 || bytes[1] !== 0 || type === undefined || rank === 0) {
    throw new FormatError(
      op,
      `${name} is not an IDX file: bad magic number ${hex(magic)} (expected 0x0000 then a type ` +
        'code 08/09/0b/0c/0d/0e and a dimension count, e.g. 0x00000803 for MNIST images)',
    );
  }
  if (expected.type !== undefined && type.name !== expected.type) {
    throw new FormatError(
      op,
      `${name} holds ${type.name} values (magic ${hex(magic)}), expected ${expected.type}`,
    );
  }
  if (expected.rank !== undefined && rank !== expected.rank) {
    const want = (magic & 0xffffff00) | expected.rank;
    throw new FormatError(
      op,
      `${name} has ${rank} dimensions (magic ${hex(magic)}), expected ${expected.rank} ` +
        `(magic ${hex(want >>> 0)})`,
    );
  }
  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes) {
    throw new FormatError(
      op,
      `${name} is truncated: the header of ${rank} dimensions needs ${headerBytes} bytes, ` +
        `got ${bytes.length}`,
    );
  }
  const shape: number[] = [];
  let count = 1;
  for (let d = 0; d < rank; d++) {
    const size = view.getUint32(4 + 4 * d);
    shape.push(size);
    count *= size;
  }
  const fileBytes = headerBytes + count * type.bytes;
  if (!Number.isSafeInteger(fileBytes)) {
    throw new FormatError(op, `${name} declares an impossible shape [${shape.join(',')}]`);
  }
  return { magic, type: type.name, bytesPerValue: type.bytes, shape, headerBytes, fileBytes };
}

/** Checks a file's size against its header: `actual` bytes where the header implies fileBytes. */
export function assertIdxSize(header: IdxHeader, actual: number, name: string): void {
  if (actual === header.fileBytes) return;
  const layout =
    `header ${header.headerBytes} + ${header.fileBytes - header.headerBytes} bytes of ` +
    `${header.type} values for shape [${header.shape.join(',')}]`;
  throw new FormatError(
    'parseIdx',
    actual < header.fileBytes
      ? `${name} is truncated: expected ${header.fileBytes} bytes (${layout}), got ${actual}`
      : `${name} has ${actual - header.fileBytes} bytes too many: expected ${header.fileBytes} ` +
          `bytes (${layout}), got ${actual}`,
  );
}

/**
 * Parses a whole IDX file: checks the magic number, the dimension count and that the byte length
 * is exactly header + product(shape) · bytesPerValue, and decodes the big-endian values.
 */
export function parseIdx(
  buffer: Uint8Array,
  name: string,
  expected: IdxExpectation = {},
): IdxArray {
  const header = parseIdxHeader(buffer, name, expected);
  assertIdxSize(header, buffer.length, name);
  const count = (header.fileBytes - header.headerBytes) / header.bytesPerValue;
  return { header, shape: header.shape, values: decodeIdxValues(header, buffer, count) };
}

/**
 * The first `count` values after the header (`buffer` holds at least that many); multi-byte types
 * are converted from big-endian.
 */
export function decodeIdxValues(header: IdxHeader, buffer: Uint8Array, count: number): IdxValues {
  const start = buffer.byteOffset + header.headerBytes;
  if (header.type === 'ubyte') return new Uint8Array(buffer.buffer, start, count);
  if (header.type === 'byte') return new Int8Array(buffer.buffer, start, count);
  const view = new DataView(buffer.buffer, start, count * header.bytesPerValue);
  switch (header.type) {
    case 'short': {
      const out = new Int16Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getInt16(2 * i);
      return out;
    }
    case 'int': {
      const out = new Int32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getInt32(4 * i);
      return out;
    }
    case 'float': {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat32(4 * i);
      return out;
    }
    default: {
      const out = new Float64Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat64(8 * i);
      return out;
    }
  }
}
