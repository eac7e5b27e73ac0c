// Reductions. Kernels only see one contiguous run of axes; other axis sets are transposed first.
import { registerComposite } from '../engine/composites.js';
import { ENGINE } from '../engine/engine.js';
import { ValueError, invalidArgument } from '../errors.js';
import type { KernelName } from '../kernels/types.js';
import type { DType } from '../tensor/dtypes.js';
import { FLOAT_DTYPES, NUMERIC_DTYPES, assertDType } from '../tensor/dtypes.js';
import { axesAreContiguous, normalizeAxes, normalizeAxis, reducedShape } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { add, div, mul, sub } from './binary.js';
import { asTensor } from './convert.js';
import { reshape, transpose } from './shape.js';
import { abs, exp, log, sqrt, square } from './unary.js';

type Axis = number | readonly number[];
type ReductionKernel = Extract<KernelName, 'Sum' | 'Prod' | 'Max' | 'Min' | 'LogSumExp'>;

function reduce(
  kernel: ReductionKernel,
  op: string,
  x: Tensor,
  axis: Axis | undefined,
  keepDims: boolean,
  allowed: readonly DType[],
): Tensor {
  x = asTensor(op, 'x', x);
  assertDType(op, 'x', x.dtype, allowed);
  const axes = normalizeAxes(op, axis, x.shape);
  if (
    axes.length > 0 &&
    x.shape.some((d, i) => d === 0 && axes.includes(i)) &&
    kernel !== 'Sum' &&
    kernel !== 'Prod'
  ) {
    throw new ValueError(op, `cannot reduce over an empty axis of x [${x.shape.join(',')}]`);
  }
  if (axesAreContiguous(axes)) return ENGINE.runKernel(kernel, { x }, { axes, keepDims }, op);
  // Move the reduced axes to the end, reduce them there, then restore the kept-dims shape.
  return ENGINE.tidy(() => {
    const kept = x.shape.map((_, i) => i).filter((i) => !axes.includes(i));
    const moved = transpose(x, [...kept, ...axes]);
    const tail = axes.map((_, j) => kept.length + j);
    const reduced = ENGINE.runKernel(kernel, { x: moved }, { axes: tail, keepDims: false }, op);
    return keepDims ? reshape(reduced, reducedShape(x.shape, axes, true)) : reduced;
  });
}

const N = NUMERIC_DTYPES;
const F = FLOAT_DTYPES;

/** Sum over `axis` (every axis when omitted). */
export const sum = (x: Tensor, axis?: Axis, keepDims = false): Tensor =>
  reduce('Sum', 'sum', x, axis, keepDims, [...N, 'bool']);
export const prod = (x: Tensor, axis?: Axis, keepDims = false): Tensor =>
  reduce('Prod', 'prod', x, axis, keepDims, N);
export const max = (x: Tensor, axis?: Axis, keepDims = false): Tensor =>
  reduce('Max', 'max', x, axis, keepDims, N);
export const min = (x: Tensor, axis?: Axis, keepDims = false): Tensor =>
  reduce('Min', 'min', x, axis, keepDims, N);
/** log Σ exp(x), computed stably (max subtracted first). */
export const logSumExp = (x: Tensor, axis?: Axis, keepDims = false): Tensor =>
  reduce('LogSumExp', 'logSumExp', x, axis, keepDims, F);

export function mean(x: Tensor, axis?: Axis, keepDims = false): Tensor {
  x = asTensor('mean', 'x', x);
  assertDType('mean', 'x', x.dtype, F);
  const axes = normalizeAxes('mean', axis, x.shape);
  const count = axes.reduce((n, a) => n * x.shape[a], 1);
  return ENGINE.tidy(() => div(sum(x, axes, keepDims), count));
}

/**
 * Variance over `axis` with `correction` subtracted from the count (0: the population variance,
 * as batch normalization uses; 1: the unbiased estimate, torch.var's default).
 */
export function variance(x: Tensor, axis?: Axis, keepDims = false, correction = 0): Tensor {
  x = asTensor('variance', 'x', x);
  assertDType('variance', 'x', x.dtype, F);
  const axes = normalizeAxes('variance', axis, x.shape);
  const count = axes.reduce((n, a) => n * x.shape[a], 1);
  if (!(count - correction > 0)) {
    throw invalidArgument(
      'variance',
      'correction',
      `< the number of reduced elements (${count})`,
      correction,
    );
  }
  return ENGINE.tidy(() => {
    const centered = sub(x, mean(x, axes, true));
    return div(sum(square(centered), axes, keepDims), count - correction);
  });
}

/** Mean and population variance over `axis`, as batch normalization needs them. */
export function moments(
  x: Tensor,
  axis?: Axis,
  keepDims = false,
): { mean: Tensor; variance: Tensor } {
  return { mean: mean(x, axis, keepDims), variance: variance(x, axis, keepDims) };
}

export type NormOrder = number | 'euclidean' | 'fro';

/** The p-norm over `axis` (every element by default): 1, 2 ('euclidean', 'fro'), Infinity or any p > 0. */
export function norm(
  x: Tensor,
  ord: NormOrder = 'euclidean',
  axis?: Axis,
  keepDims = false,
): Tensor {
  x = asTensor('norm', 'x', x);
  assertDType('norm', 'x', x.dtype, F);
  const p = ord === 'euclidean' || ord === 'fro' ? 2 : ord;
  if (!(typeof p === 'number' && p > 0))
    throw invalidArgument('norm', 'ord', "a number > 0, 'euclidean' or 'fro'", ord);
  return ENGINE.tidy(() => {
    if (p === Infinity) return max(abs(x), axis, keepDims);
    if (p === 1) return sum(abs(x), axis, keepDims);
    if (p === 2) return sqrt(sum(square(x), axis, keepDims));
    return ENGINE.tidy(() => {
      const s = sum(exp(mul(log(abs(x)), p)), axis, keepDims);
      return exp(div(log(s), p));
    });
  });
}

function argReduce(kernel: 'ArgMax' | 'ArgMin', op: string, x: Tensor, axis?: number): Tensor {
  x = asTensor(op, 'x', x);
  assertDType(op, 'x', x.dtype, N);
  if (x.size === 0) throw new ValueError(op, 'x is empty');
  if (axis === undefined) {
    return ENGINE.tidy(() =>
      ENGINE.runKernel(kernel, { x: reshape(x, [x.size]) }, { axis: 0 }, op),
    );
  }
  return ENGINE.runKernel(kernel, { x }, { axis: normalizeAxis(op, axis, x.rank, x.shape) }, op);
}

/** Index of the largest value along `axis` (of the flattened tensor when omitted); first on ties. */
export const argMax = (x: Tensor, axis?: number): Tensor => argReduce('ArgMax', 'argMax', x, axis);
export const argMin = (x: Tensor, axis?: number): Tensor => argReduce('ArgMin', 'argMin', x, axis);

registerComposite('LogSumExp', ({ x }, { axes, keepDims }) => {
  const m = max(x, axes, true);
  const shifted = exp(sub(x, m));
  const out = add(log(sum(shifted, axes, true)), m);
  return keepDims ? out : reshape(out, reducedShape(x.shape, axes, false));
});

/**
 * Sums `x` down to `shape`, the inverse of broadcasting `shape` up to x's shape (how backprop
 * returns a gradient to a broadcast input).
 */
export function sumToShape(x: Tensor, shape: readonly number[]): Tensor {
  const lead = x.rank - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < x.rank; i++) {
    if (i < lead || (shape[i - lead] === 1 && x.shape[i] !== 1)) axes.push(i);
  }
  if (axes.length === 0) return x;
  return ENGINE.tidy(() => reshape(sum(x, axes, true), shape));
}
