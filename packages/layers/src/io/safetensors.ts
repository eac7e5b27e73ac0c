// The safetensors format (https://github.com/huggingface/safetensors), readable by Python's
// `safetensors`: an 8-byte little-endian header length N, N bytes of JSON header
// `{"<name>": {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {str: str}}`
// (padded with spaces to a multiple of 8 so the data is aligned), then the raw little-endian data,
// offsets counted from the end of the header. Reading validates everything it relies on.
import type { DType, TypedArray } from '@tensile/core';
import * as tl from '@tensile/core';

export type SafetensorsDtype = 'F32' | 'F64' | 'I32' | 'BOOL';

const TO_SAFETENSORS: Record<DType, SafetensorsDtype> = {
  float32: 'F32',
  float64: 'F64',
  int32: 'I32',
  bool: 'BOOL',
};
const FROM_SAFETENSORS: Record<SafetensorsDtype, DType> = {
  F32: 'float32',
  F64: 'float64',
  I32: 'int32',
  BOOL: 'bool',
};
const BYTES: Record<SafetensorsDtype, number> = { F32: 4, F64: 8, I32: 4, BOOL: 1 };

/** The largest header the reference implementation accepts (100 MB). */
const MAX_HEADER = 100_000_000;

export interface SafetensorsEntry {
  name: string;
  dtype: DType;
  shape: readonly number[];
  data: TypedArray;
}

export interface SafetensorsFile {
  tensors: Map<string, SafetensorsEntry>;
  metadata: Record<string, string>;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The data of a typed array as little-endian bytes. */
function littleEndianBytes(data: TypedArray, dtype: SafetensorsDtype): Uint8Array {
  if (dtype === 'BOOL') return Uint8Array.from(data as ArrayLike<number>, (v) => (v ? 1 : 0));
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (LITTLE_ENDIAN) return bytes;
  const out = new Uint8Array(bytes.length);
  const view = new DataView(out.buffer);
  for (let i = 0; i < data.length; i++) {
    if (dtype === 'F32') view.setFloat32(i * 4, data[i], true);
    else if (dtype === 'F64') view.setFloat64(i * 8, data[i], true);
    else view.setInt32(i * 4, data[i], true);
  }
  return out;
}

/** Serializes tensors (in the given order) and string metadata. */
export function encodeSafetensors(
  entries: readonly SafetensorsEntry[],
  metadata: Record<string, string> = {},
): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    if (e.name === '__metadata__' || e.name in header) {
      throw new tl.ValueError('safetensors', `tensor name '${e.name}' is reserved or repeated`);
    }
    const dtype = TO_SAFETENSORS[e.dtype];
    const expected = e.shape.reduce((a, b) => a * b, 1);
    if (e.data.length !== expected) {
      throw new tl.ShapeError(
        'safetensors',
        `'${e.name}' has ${e.data.length} values for shape ${tl.formatShape(e.shape)}`,
      );
    }
    const bytes = littleEndianBytes(e.data, dtype);
    header[e.name] = { dtype, shape: [...e.shape], data_offsets: [offset, offset + bytes.length] };
    chunks.push(bytes);
    offset += bytes.length;
  }
  let json = JSON.stringify(header);
  const encoded = new TextEncoder().encode(json);
  const padding = (8 - (encoded.length % 8)) % 8;
  json += ' '.repeat(padding);
  const head = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + head.length + offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, head.length, true);
  view.setUint32(4, 0, true);
  out.set(head, 8);
  let at = 8 + head.length;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Parses and validates a safetensors file; `label` names the file in error messages. */
export function decodeSafetensors(bytes: Uint8Array, label = 'safetensors file'): SafetensorsFile {
  const op = 'loadModel';
  const fail = (what: string): never => {
    throw new tl.FormatError(op, `${label}: ${what}`);
  };
  if (bytes.length < 8)
    fail(`the file is ${bytes.length} bytes; it must start with an 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const low = view.getUint32(0, true);
  const high = view.getUint32(4, true);
  const headerLength = high * 2 ** 32 + low;
  if (headerLength > MAX_HEADER)
    fail(`the header length ${headerLength} exceeds ${MAX_HEADER} bytes (not a safetensors file?)`);
  if (8 + headerLength > bytes.length) {
    fail(
      `truncated: the header is ${headerLength} bytes but only ${bytes.length - 8} follow the length`,
    );
  }
  let header: unknown;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(
      bytes.subarray(8, 8 + headerLength),
    );
    header = JSON.parse(text);
  } catch (error) {
    fail(
      `the header is not valid UTF-8 JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header))
    fail('the header must be a JSON object');
  const data = bytes.subarray(8 + headerLength);
  const tensors = new Map<string, SafetensorsEntry>();
  let metadata: Record<string, string> = {};
  const spans: [number, number, string][] = [];
  for (const [name, raw] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      metadata = checkMetadata(raw, fail);
      continue;
    }
    const entry = raw as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (typeof entry !== 'object' || entry === null) fail(`entry '${name}' must be an object`);
    const dtype = entry.dtype;
    if (typeof dtype !== 'string' || !(dtype in FROM_SAFETENSORS)) {
      fail(
        `tensor '${name}' has dtype ${tl.describeValue(dtype)}; supported: ${Object.keys(FROM_SAFETENSORS).join(', ')}`,
      );
    }
    const st = dtype as SafetensorsDtype;
    const shape = entry.shape;
    if (!Array.isArray(shape) || shape.some((d) => !Number.isInteger(d) || d < 0)) {
      fail(`tensor '${name}' has an invalid shape ${tl.describeValue(shape)}`);
    }
    const offsets = entry.data_offsets;
    if (
      !Array.isArray(offsets) ||
      offsets.length !== 2 ||
      offsets.some((o) => !Number.isInteger(o) || o < 0)
    ) {
      fail(`tensor '${name}' has invalid data_offsets ${tl.describeValue(offsets)}`);
    }
    const [begin, end] = offsets as [number, number];
    const size = (shape as number[]).reduce((a, b) => a * b, 1);
    if (end < begin || end - begin !== size * BYTES[st]) {
      fail(
        `tensor '${name}' spans ${end - begin} bytes, but shape ${tl.formatShape(shape as number[])} of ${st} needs ${size * BYTES[st]}`,
      );
    }
    if (end > data.length) {
      fail(
        `truncated: tensor '${name}' ends at data byte ${end}, but the data section has ${data.length} bytes`,
      );
    }
    spans.push([begin, end, name]);
    tensors.set(name, {
      name,
      dtype: FROM_SAFETENSORS[st],
      shape: shape as number[],
      data: readData(data, begin, size, st),
    });
  }
  spans.sort((a, b) => a[0] - b[0]);
  let covered = 0;
  for (const [begin, end, name] of spans) {
    if (begin < covered)
      fail(`tensor '${name}' overlaps the tensor before it (offset ${begin} < ${covered})`);
    if (begin > covered)
      fail(`the data has a gap before tensor '${name}' (bytes ${covered}–${begin})`);
    covered = end;
  }
  if (covered !== data.length)
    fail(`the data section has ${data.length - covered} bytes after the last tensor`);
  return { tensors, metadata };
}

function checkMetadata(raw: unknown, fail: (what: string) => never): Record<string, string> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    fail('__metadata__ must be an object');
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof v !== 'string') fail(`__metadata__ value '${k}' must be a string`);
    out[k] = v as string;
  }
  return out;
}

function readData(
  data: Uint8Array,
  begin: number,
  size: number,
  dtype: SafetensorsDtype,
): TypedArray {
  const view = new DataView(data.buffer, data.byteOffset + begin, size * BYTES[dtype]);
  switch (dtype) {
    case 'F32': {
      const out = new Float32Array(size);
      for (let i = 0; i < size; i++) out[i] = view.getFloat32(i * 4, true);
      return out;
    }
    case 'F64': {
      const out = new Float64Array(size);
      for (let i = 0; i < size; i++) out[i] = view.getFloat64(i * 8, true);
      return out;
    }
    case 'I32': {
      const out = new Int32Array(size);
      for (let i = 0; i < size; i++) out[i] = view.getInt32(i * 4, true);
      return out;
    }
    case 'BOOL': {
      const out = new Uint8Array(size);
      for (let i = 0; i < size; i++) {
        const b = view.getUint8(i);
        if (b > 1) throw new tl.FormatError('loadModel', `a BOOL value is ${b} (must be 0 or 1)`);
        out[i] = b;
      }
      return out;
    }
  }
}
