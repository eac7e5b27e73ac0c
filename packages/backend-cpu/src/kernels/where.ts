import { broadcastShapes, sizeFromShape } from '@tensile/core';
import { broadcastStrides } from '../util/elementwise.js';
import { allocate, defineKernel } from '../util/define.js';

/** condition ? a : b with the three broadcast together. */
export const whereKernel = defineKernel('Where', ({ inputs: { condition, a, b }, backend }) => {
  const shape = broadcastShapes(
    'where',
    broadcastShapes('where', a.shape, b.shape),
    condition.shape,
  );
  const out = allocate(backend, shape, a.dtype);
  const c = backend.readSync(condition.dataId);
  const av = backend.readSync(a.dataId);
  const bv = backend.readSync(b.dataId);
  const o = out.values;
  if (c.length === o.length && av.length === o.length && bv.length === o.length) {
    for (let i = 0; i < o.length; i++) o[i] = c[i] ? av[i] : bv[i];
    return out.finish();
  }
  const rank = shape.length;
  const sc = broadcastStrides(condition.shape, shape);
  const sa = broadcastStrides(a.shape, shape);
  const sb = broadcastStrides(b.shape, shape);
  const idx = new Int32Array(rank);
  let ci = 0;
  let ai = 0;
  let bi = 0;
  const n = sizeFromShape(shape);
  for (let i = 0; i < n; i++) {
    o[i] = c[ci] ? av[ai] : bv[bi];
    for (let d = rank - 1; d >= 0; d--) {
      idx[d]++;
      ci += sc[d];
      ai += sa[d];
      bi += sb[d];
      if (idx[d] < shape[d]) break;
      ci -= sc[d] * shape[d];
      ai -= sa[d] * shape[d];
      bi -= sb[d] * shape[d];
      idx[d] = 0;
    }
  }
  return out.finish();
});
