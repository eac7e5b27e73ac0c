// Batch normalization, layer normalization and inverted dropout in one pass each.
import type { TensorInfo, TypedArray } from '@tensile/core';
import { broadcastStrides } from '../util/elementwise.js';
import { copyStrided } from '../util/strided.js';
import type { CpuBackend } from '../backend.js';
import { allocate, defineKernel } from '../util/define.js';

/** A parameter broadcast to x's full shape (scalars and last-axis vectors without copying). */
function expand(
  backend: CpuBackend,
  t: TensorInfo | undefined,
  shape: readonly number[],
  n: number,
): { values: TypedArray; period: number } | undefined {
  if (t === undefined) return undefined;
  const values = backend.readSync(t.dataId);
  const last = shape[shape.length - 1] ?? 1;
  const isLastAxisVector =
    t.shape.slice(0, -1).every((d) => d === 1) && (t.shape[t.shape.length - 1] ?? 1) === last;
  if (values.length === 1 || isLastAxisVector) return { values, period: values.length };
  const full = new Float64Array(n);
  copyStrided(values, 0, broadcastStrides(t.shape, shape), shape, full);
  return { values: full, period: n };
}

const batchNorm = defineKernel(
  'BatchNorm',
  ({ inputs: { x, mean, variance, offset, scale }, attrs: { eps }, backend }) => {
    const out = allocate(backend, x.shape, x.dtype);
    const n = out.values.length;
    const v = backend.readSync(x.dataId);
    const m = expand(backend, mean, x.shape, n)!;
    const s2 = expand(backend, variance, x.shape, n)!;
    const o = expand(backend, offset, x.shape, n);
    const g = expand(backend, scale, x.shape, n);
    for (let i = 0; i < n; i++) {
      let y = (v[i] - m.values[i % m.period]) / Math.sqrt(s2.values[i % s2.period] + eps);
      if (g) y *= g.values[i % g.period];
      if (o) y += o.values[i % o.period];
      out.values[i] = y;
    }
    return out.finish();
  },
);

const layerNorm = defineKernel(
  'LayerNorm',
  ({ inputs: { x, gamma, beta }, attrs: { eps }, backend }) => {
    const out = allocate(backend, x.shape, x.dtype);
    const v = backend.readSync(x.dataId);
    const d = x.shape[x.shape.length - 1] ?? 1;
    const g = gamma ? backend.readSync(gamma.dataId) : undefined;
    const b = beta ? backend.readSync(beta.dataId) : undefined;
    for (let row = 0; row < v.length; row += d) {
      let mean = 0;
      for (let j = 0; j < d; j++) mean += v[row + j];
      mean /= d;
      let variance = 0;
      for (let j = 0; j < d; j++) variance += (v[row + j] - mean) ** 2;
      const r = 1 / Math.sqrt(variance / d + eps);
      for (let j = 0; j < d; j++) {
        let y = (v[row + j] - mean) * r;
        if (g) y *= g[j];
        if (b) y += b[j];
        out.values[row + j] = y;
      }
    }
    return out.finish();
  },
);

const dropout = defineKernel('Dropout', ({ inputs: { x, mask }, attrs: { rate }, backend }) => {
  const out = allocate(backend, x.shape, x.dtype);
  const v = backend.readSync(x.dataId);
  const keep = backend.readSync(mask.dataId);
  // Same arithmetic as the composite: mask·(1/(1 − rate)) first, then times x (NaN·0 stays NaN).
  const scale = x.dtype === 'float32' ? Math.fround(1 / (1 - rate)) : 1 / (1 - rate);
  for (let i = 0; i < v.length; i++) out.values[i] = v[i] * (keep[i] * scale);
  return out.finish();
});

export const normalizationKernels = [batchNorm, layerNorm, dropout];
