// Data movement: transpose, slice, broadcastTo, tile and pad are strided copies of one module
// kernel (a 2-D transpose has a cache-blocked kernel of its own); concat is one 2-D block copy per
// input; gather/scatter copy rows by index.
import type { DType, TensorInfo } from '@tensile/core';
import { ValueError, sizeFromShape } from '@tensile/core';
import type { WasmBackend } from '../backend.js';
import { broadcastStrides, contiguousStrides, stridedBoxes } from './box.js';
import { defineKernel } from './define.js';
import type { WasmKernel } from './define.js';

const GRAIN = 65536;

export const elementSize = (dtype: DType): number => (dtype === 'bool' ? 1 : 4);

/** out (contiguous, `shape`) = src read at `strides` from `offset` (elements). */
export function stridedCopy(
  backend: WasmBackend,
  src: number,
  offset: number,
  strides: readonly number[],
  shape: readonly number[],
  out: number,
  dtype: DType,
): void {
  const esize = elementSize(dtype);
  for (const box of stridedBoxes(shape, [strides])) {
    const [, d1, d2, d3] = box.dims;
    const [s] = box.strides;
    // a plain 2-D transpose of 4-byte elements: cache-blocked kernel
    if (esize === 4 && box.dims[0] === 1 && d1 === 1 && s[2] === 1 && s[3] === d2 && d2 > 1) {
      backend.parallel(
        'transpose2d',
        [src + (offset + box.offsets[0]) * 4, out + box.outOffset * 4, d3, d2],
        d2,
        { grain: Math.max(32, Math.ceil(GRAIN / d3 / 32) * 32), align: 32 },
      );
      continue;
    }
    backend.parallel(
      'copyStrided',
      [
        esize,
        src + (offset + box.offsets[0]) * esize,
        out + box.outOffset * esize,
        d1,
        d2,
        d3,
        ...s,
      ],
      box.size,
      { grain: GRAIN, align: 16 },
    );
  }
}

const transpose = defineKernel('Transpose', ({ inputs: { x }, attrs: { perm }, backend }) => {
  const shape = perm.map((p) => x.shape[p]);
  const out = backend.output(shape, x.dtype);
  const strides = contiguousStrides(x.shape);
  stridedCopy(
    backend,
    backend.ptr(x),
    0,
    perm.map((p) => strides[p]),
    shape,
    out.ptr,
    x.dtype,
  );
  return out.info;
});

const slice = defineKernel('Slice', ({ inputs: { x }, attrs: { begin, size }, backend }) => {
  const out = backend.output(size, x.dtype);
  const strides = contiguousStrides(x.shape);
  const offset = begin.reduce((sum, b, i) => sum + b * strides[i], 0);
  stridedCopy(backend, backend.ptr(x), offset, strides, size, out.ptr, x.dtype);
  return out.info;
});

const broadcastTo = defineKernel('BroadcastTo', ({ inputs: { x }, attrs: { shape }, backend }) => {
  const out = backend.output(shape, x.dtype);
  stridedCopy(
    backend,
    backend.ptr(x),
    0,
    broadcastStrides(x.shape, shape),
    shape,
    out.ptr,
    x.dtype,
  );
  return out.info;
});

/** Tile reads x through the interleaved shape [r0, d0, r1, d1, …] with stride 0 along each rᵢ. */
const tile = defineKernel('Tile', ({ inputs: { x }, attrs: { reps }, backend }) => {
  const shape = x.shape.map((d, i) => d * reps[i]);
  const out = backend.output(shape, x.dtype);
  const strides = contiguousStrides(x.shape);
  const interleaved = x.shape.flatMap((d, i) => [reps[i], d]);
  const interleavedStrides = strides.flatMap((s) => [0, s]);
  stridedCopy(backend, backend.ptr(x), 0, interleavedStrides, interleaved, out.ptr, x.dtype);
  return out.info;
});

/** The bit pattern of `value` stored as `dtype`, for the fill kernel. */
export function bitsOf(value: number, dtype: DType): number {
  if (dtype === 'float32') return new Int32Array(new Float32Array([value]).buffer)[0];
  if (dtype === 'int32') return new Int32Array([value])[0];
  return new Uint8Array([value])[0];
}

export function fillValue(
  backend: WasmBackend,
  ptr: number,
  n: number,
  value: number,
  dtype: DType,
): void {
  if (n > 0) backend.exports.fill(elementSize(dtype), ptr, bitsOf(value, dtype), n);
}

const pad = defineKernel(
  'Pad',
  ({ inputs: { x }, attrs: { paddings, constantValue }, backend }) => {
    const shape = x.shape.map((d, i) => d + paddings[i][0] + paddings[i][1]);
    const out = backend.output(shape, x.dtype);
    fillValue(backend, out.ptr, sizeFromShape(shape), constantValue, x.dtype);
    const outStrides = contiguousStrides(shape);
    const offset = paddings.reduce((sum, [before], i) => sum + before * outStrides[i], 0);
    const esize = elementSize(x.dtype);
    const px = backend.ptr(x);
    for (const box of stridedBoxes(x.shape, [outStrides])) {
      const [, d1, d2, d3] = box.dims;
      backend.parallel(
        'copyStridedTo',
        [
          esize,
          px + box.outOffset * esize,
          out.ptr + (offset + box.offsets[0]) * esize,
          d1,
          d2,
          d3,
          ...box.strides[0],
        ],
        box.size,
        { grain: GRAIN, align: 16 },
      );
    }
    return out.info;
  },
);

const concat = defineKernel('Concat', ({ inputs: { tensors }, attrs: { axis }, backend }) => {
  const first = tensors[0];
  const total = tensors.reduce((sum, t) => sum + t.shape[axis], 0);
  const shape = first.shape.map((d, i) => (i === axis ? total : d));
  const out = backend.output(shape, first.dtype);
  const esize = elementSize(first.dtype);
  const outer = sizeFromShape(first.shape.slice(0, axis));
  const inner = sizeFromShape(first.shape.slice(axis + 1));
  let column = 0;
  for (const t of tensors) {
    const cols = t.shape[axis] * inner;
    if (cols > 0) {
      backend.parallel(
        'copy2d',
        [esize, backend.ptr(t), out.ptr + column * esize, cols, cols, total * inner],
        outer,
        { grain: Math.max(1, Math.ceil(GRAIN / cols)) },
      );
    }
    column += cols;
  }
  return out.info;
});

/** [outer, axisLength, inner] around `axis`. */
function aroundAxis(shape: readonly number[], axis: number) {
  return {
    outer: sizeFromShape(shape.slice(0, axis)),
    length: shape[axis],
    inner: sizeFromShape(shape.slice(axis + 1)),
  };
}

function checkIndices(
  backend: WasmBackend,
  op: string,
  indices: TensorInfo,
  limit: number,
  what: string,
): void {
  const n = sizeFromShape(indices.shape);
  const bad = backend.exports.findInvalidIndex(backend.ptr(indices), n, limit);
  if (bad >= 0) {
    // pointers reach 4 GiB: divide, a signed shift would turn them negative past 2 GiB
    const value = backend.heap.i32[backend.ptr(indices) / 4 + bad];
    throw new ValueError(op, `indices[${bad}] is ${value}, outside [0, ${limit}) for ${what}`);
  }
}

const gather = defineKernel('Gather', ({ inputs: { x, indices }, attrs: { axis }, backend }) => {
  const { outer, length, inner } = aroundAxis(x.shape, axis);
  checkIndices(backend, 'gather', indices, length, `axis ${axis} of x [${x.shape.join(',')}]`);
  const shape = [...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)];
  const out = backend.output(shape, x.dtype);
  const n = sizeFromShape(indices.shape);
  if (inner > 0) {
    backend.parallel(
      'gather',
      [elementSize(x.dtype), backend.ptr(x), backend.ptr(indices), out.ptr, length, inner, n],
      outer * n,
      { grain: Math.max(1, Math.ceil(GRAIN / inner)) },
    );
  }
  return out.info;
});

const scatterAdd = defineKernel(
  'ScatterAdd',
  ({ inputs: { updates, indices }, attrs: { axis, dimSize }, backend }) => {
    const lead = updates.shape.slice(0, axis);
    const tail = updates.shape.slice(axis + indices.shape.length);
    const outer = sizeFromShape(lead);
    const inner = sizeFromShape(tail);
    checkIndices(backend, 'scatterAdd', indices, dimSize, `an axis of length ${dimSize}`);
    const out = backend.output([...lead, dimSize, ...tail], updates.dtype);
    backend.exports.scatterAdd(
      updates.dtype === 'int32' ? 1 : 0,
      backend.ptr(updates),
      backend.ptr(indices),
      out.ptr,
      outer,
      dimSize,
      sizeFromShape(indices.shape),
      inner,
    );
    return out.info;
  },
);

const oneHot = defineKernel(
  'OneHot',
  ({ inputs: { indices }, attrs: { depth, onValue, offValue, dtype }, backend }) => {
    const out = backend.output([...indices.shape, depth], dtype);
    backend.exports.oneHot(
      elementSize(dtype),
      backend.ptr(indices),
      out.ptr,
      sizeFromShape(indices.shape),
      depth,
      bitsOf(onValue, dtype),
      bitsOf(offValue, dtype),
    );
    return out.info;
  },
);

export const shapeKernels: WasmKernel[] = [
  transpose,
  slice,
  broadcastTo,
  tile,
  pad,
  concat,
  gather,
  scatterAdd,
  oneHot,
];
