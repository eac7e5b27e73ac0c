// Batch normalization (as y = x·s + t with per-position coefficients computed once), layer
// normalization (one row per task) and inverted dropout.
import type { TensorInfo } from '@tensile/core';
import { broadcastShapes, sizeFromShape } from '@tensile/core';
import type { WasmBackend } from '../backend.js';
import { broadcastStrides, stridedBoxes } from './box.js';
import { defineKernel } from './define.js';
import type { WasmKernel } from './define.js';
import { stridedCopy } from './shape.js';

const GRAIN = 65536;

/** A parameter laid out with `shape` (copied when it has another shape), and how to release it. */
function asShape(
  backend: WasmBackend,
  t: TensorInfo,
  shape: readonly number[],
): { ptr: number; release: () => void } {
  // same size as the target means the same layout (they differ by axes of length 1 only)
  if (sizeFromShape(t.shape) === sizeFromShape(shape)) {
    return { ptr: backend.ptr(t), release: () => undefined };
  }
  const bytes = sizeFromShape(shape) * 4;
  const ptr = backend.scratch(bytes);
  stridedCopy(backend, backend.ptr(t), 0, broadcastStrides(t.shape, shape), shape, ptr, 'float32');
  return { ptr, release: () => backend.releaseScratch(ptr, bytes) };
}

const batchNorm = defineKernel(
  'BatchNorm',
  ({ inputs: { x, mean, variance, offset, scale }, attrs: { eps }, backend }) => {
    const params = [mean, variance, offset, scale].filter((t): t is TensorInfo => t !== undefined);
    // the common shape of the statistics, right-aligned to x's rank
    let shape: number[] = x.shape.map(() => 1);
    for (const t of params) shape = broadcastShapes('batchNorm', shape, t.shape);
    const count = sizeFromShape(shape);
    const [m, v, o, g] = [mean, variance, offset, scale].map((t) =>
      t === undefined ? undefined : asShape(backend, t, shape),
    );
    const coefficients = backend.scratch(2 * count * 4);
    const s = coefficients;
    const t = coefficients + count * 4;
    backend.exports.batchNormCoefficients(
      (m as { ptr: number }).ptr,
      (v as { ptr: number }).ptr,
      o?.ptr ?? 0,
      g?.ptr ?? 0,
      s,
      t,
      count,
      eps,
    );
    for (const p of [m, v, o, g]) p?.release();
    const out = backend.output(x.shape, x.dtype);
    const px = backend.ptr(x);
    for (const box of stridedBoxes(x.shape, [broadcastStrides(shape, x.shape)])) {
      const [, d1, d2, d3] = box.dims;
      const k = box.offsets[0] * 4;
      backend.parallel(
        'scaleShiftF32',
        [
          px + box.outOffset * 4,
          s + k,
          t + k,
          out.ptr + box.outOffset * 4,
          d1,
          d2,
          d3,
          ...box.strides[0],
        ],
        box.size,
        { grain: GRAIN, align: 16 },
      );
    }
    backend.releaseScratch(coefficients, 2 * count * 4);
    return out.info;
  },
);

const layerNorm = defineKernel(
  'LayerNorm',
  ({ inputs: { x, gamma, beta }, attrs: { eps }, backend }) => {
    const out = backend.output(x.shape, x.dtype);
    const n = x.shape[x.shape.length - 1] ?? 1;
    const rows = n === 0 ? 0 : sizeFromShape(x.shape) / n;
    backend.parallel(
      'layerNormF32',
      [
        backend.ptr(x),
        gamma === undefined ? 0 : backend.ptr(gamma),
        beta === undefined ? 0 : backend.ptr(beta),
        out.ptr,
        n,
        eps,
      ],
      rows,
      { grain: Math.max(1, Math.ceil(16384 / Math.max(1, n))) },
    );
    return out.info;
  },
);

const dropout = defineKernel('Dropout', ({ inputs: { x, mask }, attrs: { rate }, backend }) => {
  const out = backend.output(x.shape, x.dtype);
  backend.parallel(
    'dropoutF32',
    [backend.ptr(x), backend.ptr(mask), out.ptr, 1 / (1 - rate)],
    sizeFromShape(x.shape),
    { grain: GRAIN, align: 16 },
  );
  return out.info;
});

export const normalizationKernels: WasmKernel[] = [batchNorm, layerNorm, dropout];
