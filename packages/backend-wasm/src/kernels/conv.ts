// Convolution by GEMM over patch matrices (assembly/conv.ts): the forward pass and the input
// gradient multiply with the packed filter, the filter gradient multiplies transposed patches with
// dy. Patch rows are processed in chunks of a fixed size, so scratch memory stays bounded and the
// filter gradient sums chunk after chunk in the same order whatever the thread count.
import type { Conv2DInfo } from '@tensile/core';
import type { Geometry } from '../exports.js';
import type { WasmBackend } from '../backend.js';
import { defineKernel } from './define.js';
import type { WasmKernel } from './define.js';
import { gemmPacked, packB, unpack } from './gemm.js';
import { fillValue } from './shape.js';

/** Patch-matrix bytes per chunk. */
const CHUNK_BYTES = 1 << 21;

export function geometryOf(info: Conv2DInfo): Geometry {
  return [
    info.inHeight,
    info.inWidth,
    info.inChannels,
    info.outHeight,
    info.outWidth,
    info.filterHeight,
    info.filterWidth,
    info.strideHeight,
    info.strideWidth,
    info.dilationHeight,
    info.dilationWidth,
    info.padTop,
    info.padLeft,
  ];
}

/** A 1×1, stride-1, unpadded convolution is a plain product: x itself is the patch matrix. */
function isPointwise(info: Conv2DInfo): boolean {
  return (
    info.filterHeight === 1 &&
    info.filterWidth === 1 &&
    info.strideHeight === 1 &&
    info.strideWidth === 1 &&
    info.padTop + info.padBottom + info.padLeft + info.padRight === 0
  );
}

/** Rows per chunk for a patch width of `width` floats (fixed by the geometry alone). */
function chunkRows(width: number, rows: number): number {
  return Math.max(1, Math.min(rows, Math.floor(CHUNK_BYTES / (4 * Math.max(1, width)))));
}

/** Calls body(first, count, cols) for every chunk of patch rows, cols holding their patches. */
function forEachPatchChunk(
  backend: WasmBackend,
  x: number,
  info: Conv2DInfo,
  body: (first: number, count: number, cols: number) => void,
): void {
  const rows = info.batchSize * info.outHeight * info.outWidth;
  const width = info.filterHeight * info.filterWidth * info.inChannels;
  const step = chunkRows(width, rows);
  const bytes = step * width * 4;
  const cols = backend.scratch(bytes);
  try {
    const geometry = geometryOf(info);
    for (let first = 0; first < rows; first += step) {
      const count = Math.min(step, rows - first);
      backend.parallel('im2col', [x, cols, ...geometry, first], count, {
        grain: Math.max(1, Math.ceil(16384 / width)),
      });
      body(first, count, cols);
    }
  } finally {
    backend.releaseScratch(cols, bytes);
  }
}

const conv2d = defineKernel('Conv2D', ({ inputs: { x, filter }, attrs: { info }, backend }) => {
  const out = backend.output(info.outShape, x.dtype);
  const width = info.filterHeight * info.filterWidth * info.inChannels;
  const oc = info.outChannels;
  const packed = packB(backend, backend.ptr(filter), width, oc, false);
  if (isPointwise(info)) {
    const rows = info.batchSize * info.outHeight * info.outWidth;
    gemmPacked(backend, packed, { a: backend.ptr(x), transA: false, c: out.ptr, m: rows });
  } else {
    forEachPatchChunk(backend, backend.ptr(x), info, (first, count, cols) =>
      gemmPacked(backend, packed, {
        a: cols,
        transA: false,
        c: out.ptr + first * oc * 4,
        m: count,
      }),
    );
  }
  unpack(backend, packed);
  return out.info;
});

/** dW[FH·FW·C, OC] = Σ over chunks of patchesᵀ · dy. */
const conv2dBackpropFilter = defineKernel(
  'Conv2DBackpropFilter',
  ({ inputs: { x, dy }, attrs: { info }, backend }) => {
    const out = backend.output(info.filterShape, x.dtype);
    const width = info.filterHeight * info.filterWidth * info.inChannels;
    const oc = info.outChannels;
    const pdy = backend.ptr(dy);
    const rows = info.batchSize * info.outHeight * info.outWidth;
    if (rows === 0) {
      fillValue(backend, out.ptr, width * oc, 0, 'float32');
      return out.info;
    }
    const accumulate = (first: number, count: number, cols: number): void => {
      const packed = packB(backend, pdy + first * oc * 4, count, oc, false);
      gemmPacked(backend, packed, {
        a: cols,
        transA: true,
        c: out.ptr,
        m: width,
        accumulate: first > 0,
      });
      unpack(backend, packed);
    };
    if (isPointwise(info)) {
      const step = chunkRows(width, rows);
      for (let first = 0; first < rows; first += step) {
        accumulate(first, Math.min(step, rows - first), backend.ptr(x) + first * width * 4);
      }
    } else {
      forEachPatchChunk(backend, backend.ptr(x), info, accumulate);
    }
    return out.info;
  },
);

/** dx = col2im(dy · Wᵀ): patch gradients by GEMM, added back into the image in row order. */
const conv2dBackpropInput = defineKernel(
  'Conv2DBackpropInput',
  ({ inputs: { dy, filter }, attrs: { info }, backend }) => {
    const out = backend.output(info.inShape, dy.dtype);
    const width = info.filterHeight * info.filterWidth * info.inChannels;
    const oc = info.outChannels;
    const rows = info.batchSize * info.outHeight * info.outWidth;
    // op(B) = Wᵀ: W is [width, OC], i.e. [n, k] for the transposed packing
    const packed = packB(backend, backend.ptr(filter), oc, width, true);
    if (isPointwise(info)) {
      gemmPacked(backend, packed, { a: backend.ptr(dy), transA: false, c: out.ptr, m: rows });
      unpack(backend, packed);
      return out.info;
    }
    fillValue(
      backend,
      out.ptr,
      info.inShape.reduce((p, d) => p * d, 1),
      0,
      'float32',
    );
    const step = chunkRows(width, rows);
    const bytes = step * width * 4;
    const cols = backend.scratch(bytes);
    const geometry = geometryOf(info);
    for (let first = 0; first < rows; first += step) {
      const count = Math.min(step, rows - first);
      gemmPacked(backend, packed, {
        a: backend.ptr(dy) + first * oc * 4,
        transA: false,
        c: cols,
        m: count,
      });
      // overlapping windows: one thread, in row order
      backend.exports.col2im(cols, out.ptr, ...geometry, first, 0, count);
    }
    backend.releaseScratch(cols, bytes);
    unpack(backend, packed);
    return out.info;
  },
);

export const convKernels: WasmKernel[] = [conv2d, conv2dBackpropFilter, conv2dBackpropInput];
