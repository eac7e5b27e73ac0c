// Softmax and log-softmax over the last axis, max-shifted so exp never overflows.
import { allocate, defineKernel } from '../util/define.js';

const softmax = defineKernel('Softmax', ({ inputs: { x }, backend }) => {
  const out = allocate(backend, x.shape, x.dtype);
  const v = backend.readSync(x.dataId);
  const o = out.values;
  const n = x.shape[x.shape.length - 1] ?? 1;
  for (let row = 0; row < v.length; row += n) {
    let top = -Infinity;
    for (let j = 0; j < n; j++) if (v[row + j] > top) top = v[row + j];
    let s = 0;
    for (let j = 0; j < n; j++) {
      const e = Math.exp(v[row + j] - top);
      o[row + j] = e;
      s += e;
    }
    const inv = 1 / s;
    for (let j = 0; j < n; j++) o[row + j] *= inv;
  }
  return out.finish();
});

const logSoftmax = defineKernel('LogSoftmax', ({ inputs: { x }, backend }) => {
  const out = allocate(backend, x.shape, x.dtype);
  const v = backend.readSync(x.dataId);
  const o = out.values;
  const n = x.shape[x.shape.length - 1] ?? 1;
  for (let row = 0; row < v.length; row += n) {
    let top = -Infinity;
    for (let j = 0; j < n; j++) if (v[row + j] > top) top = v[row + j];
    let s = 0;
    for (let j = 0; j < n; j++) s += Math.exp(v[row + j] - top);
    const shift = top + Math.log(s);
    for (let j = 0; j < n; j++) o[row + j] = v[row + j] - shift;
  }
  return out.finish();
});

export const softmaxKernels = [softmax, logSoftmax];
