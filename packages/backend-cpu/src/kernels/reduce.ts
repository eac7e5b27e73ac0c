// Reductions over [outer, reduce, inner] (core makes the reduced axes one contiguous run).
// Accumulation is in float64 whatever the dtype, so float32 sums keep their digits.
import type { DType, TypedArray } from '@tensile/core';
import { reduceGeometry, reducedShapeOf } from '../util/shapes.js';
import { allocate, defineKernel } from '../util/define.js';
import type { CpuKernel } from '../util/define.js';

type Combine = 'sum' | 'prod' | 'max' | 'min';

function reduceInto(
  x: TypedArray,
  out: TypedArray,
  outer: number,
  reduce: number,
  inner: number,
  how: Combine,
): void {
  const init = how === 'sum' ? 0 : how === 'prod' ? 1 : how === 'max' ? -Infinity : Infinity;
  const acc = new Float64Array(inner);
  for (let o = 0; o < outer; o++) {
    acc.fill(init);
    const base = o * reduce * inner;
    for (let r = 0; r < reduce; r++) {
      const row = base + r * inner;
      switch (how) {
        case 'sum':
          for (let i = 0; i < inner; i++) acc[i] += x[row + i];
          break;
        case 'prod':
          for (let i = 0; i < inner; i++) acc[i] *= x[row + i];
          break;
        case 'max':
          for (let i = 0; i < inner; i++) {
            const v = x[row + i];
            if (v > acc[i] || v !== v) acc[i] = v;
          }
          break;
        case 'min':
          for (let i = 0; i < inner; i++) {
            const v = x[row + i];
            if (v < acc[i] || v !== v) acc[i] = v;
          }
          break;
      }
    }
    out.set(acc, o * inner);
  }
}

function reduction(name: 'Sum' | 'Prod' | 'Max' | 'Min', how: Combine): CpuKernel {
  return defineKernel(name, ({ inputs: { x }, attrs: { axes, keepDims }, backend }) => {
    const { outer, reduce, inner } = reduceGeometry(x.shape, axes);
    const dtype: DType = x.dtype === 'bool' ? 'int32' : x.dtype;
    const out = allocate(backend, reducedShapeOf(x.shape, axes, keepDims), dtype);
    reduceInto(backend.readSync(x.dataId), out.values, outer, reduce, inner, how);
    return out.finish();
  });
}

const logSumExp = defineKernel(
  'LogSumExp',
  ({ inputs: { x }, attrs: { axes, keepDims }, backend }) => {
    const { outer, reduce, inner } = reduceGeometry(x.shape, axes);
    const out = allocate(backend, reducedShapeOf(x.shape, axes, keepDims), x.dtype);
    const v = backend.readSync(x.dataId);
    const m = new Float64Array(outer * inner);
    reduceInto(v, m, outer, reduce, inner, 'max');
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        const top = m[o * inner + i];
        if (!Number.isFinite(top)) {
          out.values[o * inner + i] = top;
          continue;
        }
        let s = 0;
        for (let r = 0; r < reduce; r++) s += Math.exp(v[(o * reduce + r) * inner + i] - top);
        out.values[o * inner + i] = top + Math.log(s);
      }
    }
    return out.finish();
  },
);

function argReduction(name: 'ArgMax' | 'ArgMin', sign: 1 | -1): CpuKernel {
  return defineKernel(name, ({ inputs: { x }, attrs: { axis }, backend }) => {
    const { outer, reduce, inner } = reduceGeometry(x.shape, [axis]);
    const out = allocate(backend, reducedShapeOf(x.shape, [axis], false), 'int32');
    const v = backend.readSync(x.dataId);
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        let best = 0;
        let bestValue = v[o * reduce * inner + i] * sign;
        for (let r = 1; r < reduce; r++) {
          const value = v[(o * reduce + r) * inner + i] * sign;
          if (value > bestValue) {
            bestValue = value;
            best = r;
          }
        }
        out.values[o * inner + i] = best;
      }
    }
    return out.finish();
  });
}

export const reduceKernels: CpuKernel[] = [
  reduction('Sum', 'sum'),
  reduction('Prod', 'prod'),
  reduction('Max', 'max'),
  reduction('Min', 'min'),
  logSumExp,
  argReduction('ArgMax', 1),
  argReduction('ArgMin', -1),
];
