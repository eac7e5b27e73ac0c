import * as tl from '@tensile/core';
import { describe, expect, it } from 'vitest';
import { parseIdx, parseIdxHeader } from '../src/index.js';

/** An IDX file: magic 0x0000 <type> <rank>, big-endian dims, then the value bytes. */
function idx(type: number, dims: number[], body: number[]): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + body.length);
  const view = new DataView(out.buffer);
  out[2] = type;
  out[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  out.set(body, 4 + 4 * dims.length);
  return out;
}

const images = (n: number, rows: number, cols: number): Uint8Array =>
  idx(
    0x08,
    [n, rows, cols],
    Array.from({ length: n * rows * cols }, (_, i) => i % 256),
  );

describe('parseIdx', () => {
  it('reads a well-formed ubyte file: shape from the header, values as a view', () => {
    const file = images(2, 3, 4);
    const parsed = parseIdx(file, 'imgs', { rank: 3, type: 'ubyte' });
    expect(parsed.header.magic).toBe(0x00000803);
    expect(parsed.shape).toEqual([2, 3, 4]);
    expect(parsed.header.headerBytes).toBe(16);
    expect(parsed.header.fileBytes).toBe(40);
    expect(parsed.values).toBeInstanceOf(Uint8Array);
    expect(Array.from(parsed.values.slice(0, 5))).toEqual([0, 1, 2, 3, 4]);
    expect(parsed.values.buffer).toBe(file.buffer);
    const labels = parseIdx(idx(0x08, [3], [7, 2, 1]), 'labels', { rank: 1 });
    expect(labels.header.magic).toBe(0x00000801);
    expect(Array.from(labels.values)).toEqual([7, 2, 1]);
  });

  it('reads a file that sits at an offset inside a larger buffer', () => {
    const file = idx(0x08, [2], [5, 6]);
    const padded = new Uint8Array(file.length + 3);
    padded.set(file, 3);
    expect(Array.from(parseIdx(padded.subarray(3), 'x').values)).toEqual([5, 6]);
  });

  it.each([
    [0x09, [0xff, 0x01], [-1, 1]],
    [0x0b, [0xff, 0xfe, 0x01, 0x00], [-2, 256]],
    [0x0c, [0x00, 0x00, 0x01, 0x00, 0xff, 0xff, 0xff, 0xff], [256, -1]],
    [0x0d, [0x3f, 0x80, 0, 0, 0xc0, 0x00, 0, 0], [1, -2]],
    [0x0e, [0x3f, 0xf0, 0, 0, 0, 0, 0, 0, 0x40, 0, 0, 0, 0, 0, 0, 0], [1, 2]],
  ])('decodes big-endian type 0x%s', (type, body, expected) => {
    expect(Array.from(parseIdx(idx(type, [2], body), 'x').values)).toEqual(expected);
  });

  it('rejects a bad magic number, naming the file', () => {
    const file = images(1, 2, 2);
    file[0] = 0x12;
    expect(() => parseIdx(file, 'train-images-idx3-ubyte')).toThrow(tl.FormatError);
    expect(() => parseIdx(file, 'train-images-idx3-ubyte')).toThrow(
      /parseIdx: train-images-idx3-ubyte is not an IDX file: bad magic number 0x12000803/,
    );
    expect(() => parseIdx(idx(0x07, [1], [0]), 'x')).toThrow(/bad magic number 0x00000701/);
    expect(() => parseIdx(idx(0x08, [], []), 'x')).toThrow(/bad magic number 0x00000800/);
  });

  it('rejects the wrong kind of file for the expectation', () => {
    const labels = idx(0x08, [2], [1, 2]);
    expect(() => parseIdx(labels, 'imgs', { rank: 3 })).toThrow(
      /imgs has 1 dimensions \(magic 0x00000801\), expected 3 \(magic 0x00000803\)/,
    );
    expect(() => parseIdx(idx(0x0d, [1], [0, 0, 0, 0]), 'x', { type: 'ubyte' })).toThrow(
      /x holds float values \(magic 0x00000d01\), expected ubyte/,
    );
  });

  it('recognises a gzip-compressed file', () => {
    expect(() => parseIdx(Uint8Array.of(0x1f, 0x8b, 8, 0, 0, 0), 'x.gz')).toThrow(
      /x.gz is gzip-compressed/,
    );
  });

  it('rejects a truncated file, naming the file, the expected and the actual bytes', () => {
    const file = images(3, 28, 28);
    const cut = file.subarray(0, file.length - 100);
    expect(() => parseIdx(cut, 'train-images-idx3-ubyte')).toThrow(tl.FormatError);
    expect(() => parseIdx(cut, 'train-images-idx3-ubyte')).toThrow(
      'parseIdx: train-images-idx3-ubyte is truncated: expected 2368 bytes (header 16 + 2352 ' +
        'bytes of ubyte values for shape [3,28,28]), got 2268',
    );
    expect(() => parseIdx(file.subarray(0, 10), 'x')).toThrow(
      /x is truncated: the header of 3 dimensions needs 16 bytes, got 10/,
    );
    expect(() => parseIdx(file.subarray(0, 2), 'x')).toThrow(/x is truncated: 2 bytes/);
  });

  it('rejects trailing bytes', () => {
    const file = idx(0x08, [2], [1, 2, 3]);
    expect(() => parseIdx(file, 'x')).toThrow(/x has 1 bytes too many: expected 10 bytes/);
  });

  it('reads a header from the first bytes of a file alone', () => {
    const head = idx(0x08, [60000, 28, 28], []);
    const header = parseIdxHeader(head, 'x');
    expect(header.shape).toEqual([60000, 28, 28]);
    expect(header.fileBytes).toBe(16 + 60000 * 784);
  });
});
