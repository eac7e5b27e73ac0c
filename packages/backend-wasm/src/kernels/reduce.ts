// Reductions over [outer, reduce, inner] (core hands over one contiguous run of axes), softmax and
// log-softmax over the last axis. Threads split the outputs, never a sum, so results do not depend
// on the thread count.
import type { DType, KernelName } from '@tensile/core';
import { reduceGeometry, sizeFromShape } from '@tensile/core';
import { Reduce } from '../generated/opcodes.js';
import { defineKernel } from './define.js';
import type { WasmKernel } from './define.js';

/** Input elements a thread chunk should cover at least. */
const WORK_PER_CHUNK = 32768;

function reducedShape(
  shape: readonly number[],
  axes: readonly number[],
  keepDims: boolean,
): number[] {
  const out: number[] = [];
  shape.forEach((d, i) => {
    if (!axes.includes(i)) out.push(d);
    else if (keepDims) out.push(1);
  });
  return out;
}

const REDUCTIONS = {
  Sum: Reduce.Sum,
  Prod: Reduce.Prod,
  Max: Reduce.Max,
  Min: Reduce.Min,
  LogSumExp: Reduce.LogSumExp,
} satisfies Partial<Record<KernelName, Reduce>>;

const reductions = (Object.keys(REDUCTIONS) as Array<keyof typeof REDUCTIONS>).map((name) =>
  defineKernel(name, ({ inputs: { x }, attrs: { axes, keepDims }, backend }) => {
    const op = REDUCTIONS[name];
    const { outer, reduce, inner } = reduceGeometry(x.shape, axes);
    const dtype: DType = x.dtype === 'bool' ? 'int32' : x.dtype;
    const out = backend.output(reducedShape(x.shape, axes, keepDims), dtype);
    const total = outer * inner;
    const grain = Math.max(1, Math.ceil(WORK_PER_CHUNK / Math.max(1, reduce)));
    const px = backend.ptr(x);
    if (x.dtype === 'float32') {
      backend.parallel('reduceF32', [op, px, out.ptr, reduce, inner], total, { grain });
    } else {
      const bool = x.dtype === 'bool' ? 1 : 0;
      backend.parallel('reduceInt', [op, bool, px, out.ptr, reduce, inner], total, { grain });
    }
    return out.info;
  }),
);

const argReductions = (['ArgMax', 'ArgMin'] as const).map((name) =>
  defineKernel(name, ({ inputs: { x }, attrs: { axis }, backend }) => {
    const { outer, reduce, inner } = reduceGeometry(x.shape, [axis]);
    const out = backend.output(reducedShape(x.shape, [axis], false), 'int32');
    const sign = name === 'ArgMax' ? 1 : -1;
    const isInt = x.dtype === 'float32' ? 0 : 1;
    const grain = Math.max(1, Math.ceil(WORK_PER_CHUNK / Math.max(1, reduce)));
    backend.parallel(
      'argReduce',
      [sign, isInt, backend.ptr(x), out.ptr, reduce, inner],
      outer * inner,
      {
        grain,
      },
    );
    return out.info;
  }),
);

const softmaxes = (['Softmax', 'LogSoftmax'] as const).map((name) =>
  defineKernel(name, ({ inputs: { x }, backend }) => {
    const out = backend.output(x.shape, x.dtype);
    const n = x.shape[x.shape.length - 1] ?? 1;
    const rows = n === 0 ? 0 : sizeFromShape(x.shape) / n;
    const log = name === 'LogSoftmax' ? 1 : 0;
    backend.parallel('softmaxF32', [log, backend.ptr(x), out.ptr, n], rows, {
      grain: Math.max(1, Math.ceil(8192 / Math.max(1, n))),
    });
    return out.info;
  }),
);

export const reduceKernels: WasmKernel[] = [...reductions, ...argReductions, ...softmaxes];
