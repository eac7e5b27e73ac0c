// The safetensors codec against an independent reader written here from the format's spec, and
// the rejection of truncated, corrupted and malformed files.
import '@tensile/backend-cpu';
import * as tl from '@tensile/core';
import { describe, expect, it } from 'vitest';
import { decodeSafetensors, encodeSafetensors } from '../../src/index.js';

/** A minimal reader: u64 LE header length, JSON header, raw little-endian data after it. */
function independentRead(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = Number(view.getBigUint64(0, true));
  const header = JSON.parse(Buffer.from(bytes.subarray(8, 8 + n)).toString('utf8')) as Record<
    string,
    { dtype: string; shape: number[]; data_offsets: [number, number] }
  >;
  const base = 8 + n;
  const values = (name: string): number[] => {
    const {
      dtype,
      data_offsets: [b, e],
    } = header[name];
    const out: number[] = [];
    const size = { F32: 4, F64: 8, I32: 4, BOOL: 1 }[dtype] as number;
    for (let at = base + b; at < base + e; at += size) {
      if (dtype === 'F32') out.push(view.getFloat32(at, true));
      else if (dtype === 'F64') out.push(view.getFloat64(at, true));
      else if (dtype === 'I32') out.push(view.getInt32(at, true));
      else out.push(view.getUint8(at));
    }
    return out;
  };
  return { headerLength: n, header, values };
}

/** A file from a hand-written header and data section (for the rejection tests). */
function craft(header: unknown, data: Uint8Array, headerText?: string): Uint8Array {
  const text = new TextEncoder().encode(headerText ?? JSON.stringify(header));
  const out = new Uint8Array(8 + text.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(text.length), true);
  out.set(text, 8);
  out.set(data, 8 + text.length);
  return out;
}

const ENTRIES = [
  {
    name: 'dense/kernel',
    dtype: 'float32' as const,
    shape: [2, 3],
    data: Float32Array.from([1.5, -2, 3.25, 0, 1e-8, -7]),
  },
  {
    name: 'dense/bias',
    dtype: 'float32' as const,
    shape: [3],
    data: Float32Array.from([0.1, 0.2, 0.3]),
  },
  {
    name: 'f64',
    dtype: 'float64' as const,
    shape: [2],
    data: Float64Array.from([Math.PI, -1e300]),
  },
  {
    name: 'ints',
    dtype: 'int32' as const,
    shape: [2, 2],
    data: Int32Array.from([1, -2, 2147483647, -2147483648]),
  },
  { name: 'flags', dtype: 'bool' as const, shape: [3], data: Uint8Array.from([1, 0, 1]) },
  { name: 'empty', dtype: 'float32' as const, shape: [0, 4], data: new Float32Array(0) },
];

describe('safetensors', () => {
  it('writes what an independent reader parses: 8-byte LE length, aligned JSON header, offsets, values', () => {
    const bytes = encodeSafetensors(ENTRIES, { producer: 'test' });
    const { headerLength, header, values } = independentRead(bytes);
    expect((8 + headerLength) % 8).toBe(0);
    expect((header as unknown as Record<string, unknown>).__metadata__).toEqual({
      producer: 'test',
    });
    expect(header['dense/kernel']).toEqual({ dtype: 'F32', shape: [2, 3], data_offsets: [0, 24] });
    expect(header.ints.dtype).toBe('I32');
    expect(header.flags.dtype).toBe('BOOL');
    expect(header.f64.dtype).toBe('F64');
    for (const e of ENTRIES)
      expect(values(e.name)).toEqual(Array.from(e.data as ArrayLike<number>));
    // Offsets tile the data section exactly.
    const spans = Object.entries(header)
      .filter(([k]) => k !== '__metadata__')
      .map(([, v]) => v.data_offsets)
      .sort((a, b) => a[0] - b[0]);
    spans.forEach((s, i) => expect(s[0]).toBe(i === 0 ? 0 : spans[i - 1][1]));
    expect(8 + headerLength + spans[spans.length - 1][1]).toBe(bytes.length);
  });

  it('round-trips every dtype bit for bit', () => {
    const file = decodeSafetensors(encodeSafetensors(ENTRIES));
    for (const e of ENTRIES) {
      const got = file.tensors.get(e.name);
      expect(got?.dtype).toBe(e.dtype);
      expect(got?.shape).toEqual(e.shape);
      expect(Array.from(got?.data as ArrayLike<number>)).toEqual(
        Array.from(e.data as ArrayLike<number>),
      );
    }
  });

  const f32 = (n: number) => new Uint8Array(new Float32Array(n).buffer);
  const bad: Array<[string, Uint8Array, RegExp]> = [
    [
      'a file shorter than the length prefix',
      new Uint8Array(5),
      /5 bytes; it must start with an 8-byte header length/,
    ],
    [
      'a header longer than the file',
      craft({}, new Uint8Array(0)).subarray(0, 9),
      /truncated: the header is 2 bytes/,
    ],
    ['an absurd header length', Uint8Array.from([255, 255, 255, 255, 255, 0, 0, 0, 0]), /exceeds/],
    [
      'a header that is not JSON',
      craft(null, new Uint8Array(0), '{"a": [1,'),
      /not valid UTF-8 JSON/,
    ],
    ['a header that is not an object', craft([1, 2], new Uint8Array(0)), /must be a JSON object/],
    [
      'an unknown dtype',
      craft({ w: { dtype: 'F16', shape: [2], data_offsets: [0, 4] } }, f32(1)),
      /dtype 'F16'; supported: F32, F64, I32, BOOL/,
    ],
    [
      'offsets that do not fit the shape',
      craft({ w: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }, f32(2)),
      /spans 8 bytes, but shape \[3\] of F32 needs 12/,
    ],
    [
      'data cut short',
      craft({ w: { dtype: 'F32', shape: [4], data_offsets: [0, 16] } }, f32(3)),
      /truncated: tensor 'w' ends at data byte 16/,
    ],
    [
      'overlapping tensors',
      craft(
        {
          a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] },
          b: { dtype: 'F32', shape: [2], data_offsets: [4, 12] },
        },
        f32(3),
      ),
      /overlaps/,
    ],
    [
      'a gap in the data',
      craft(
        {
          a: { dtype: 'F32', shape: [1], data_offsets: [0, 4] },
          b: { dtype: 'F32', shape: [1], data_offsets: [8, 12] },
        },
        f32(3),
      ),
      /gap before tensor 'b'/,
    ],
    [
      'bytes after the last tensor',
      craft({ a: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } }, f32(2)),
      /4 bytes after the last tensor/,
    ],
    [
      'a negative shape',
      craft({ a: { dtype: 'F32', shape: [-1], data_offsets: [0, 4] } }, f32(1)),
      /invalid shape/,
    ],
    [
      'a non-string metadata value',
      craft({ __metadata__: { a: 1 } }, new Uint8Array(0)),
      /__metadata__ value 'a' must be a string/,
    ],
    [
      'a BOOL byte other than 0/1',
      craft({ b: { dtype: 'BOOL', shape: [1], data_offsets: [0, 1] } }, Uint8Array.from([7])),
      /BOOL value is 7/,
    ],
  ];
  for (const [what, bytes, message] of bad) {
    it(`rejects ${what} with a FormatError`, () => {
      let caught: unknown;
      try {
        decodeSafetensors(bytes, 'weights.safetensors');
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(tl.FormatError);
      expect(caught).toBeInstanceOf(tl.TensileError);
      expect(String(caught)).toMatch(message);
    });
  }

  it('rejects a truncated real file', () => {
    const bytes = encodeSafetensors(ENTRIES);
    expect(() => decodeSafetensors(bytes.subarray(0, bytes.length - 3), 'w.safetensors')).toThrow(
      /w\.safetensors: truncated/,
    );
  });
});
