// Shape arithmetic: sizes, strides, axes and NumPy broadcasting.
import { AxisError, ShapeError, ValueError, formatShape } from '../errors.js';

export type Shape = readonly number[];

export function sizeFromShape(shape: Shape): number {
  let size = 1;
  for (const d of shape) size *= d;
  return size;
}

/** Row-major strides in elements. */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = stride;
    stride *= shape[i];
  }
  return strides;
}

export function shapesEqual(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function assertValidShape(op: string, shape: Shape): void {
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) {
      throw new ValueError(op, `shape must hold non-negative integers, got ${formatShape(shape)}`);
    }
  }
}

/** Maps `axis` from [-rank, rank) to [0, rank), or throws an AxisError naming the op and shape. */
export function normalizeAxis(op: string, axis: number, rank: number, shape?: Shape): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    const of = shape ? `shape ${formatShape(shape)}` : `rank ${rank}`;
    throw new AxisError(op, `axis ${axis} is out of range for a tensor of ${of}`);
  }
  return axis < 0 ? axis + rank : axis;
}

/** Normalized, sorted, distinct axes; `undefined` means every axis. */
export function normalizeAxes(
  op: string,
  axis: number | readonly number[] | undefined,
  shape: Shape,
): number[] {
  const rank = shape.length;
  if (axis === undefined) return Array.from({ length: rank }, (_, i) => i);
  const list = typeof axis === 'number' ? [axis] : axis;
  const axes = list.map((a) => normalizeAxis(op, a, rank, shape));
  const sorted = [...new Set(axes)].sort((a, b) => a - b);
  if (sorted.length !== axes.length) {
    throw new AxisError(
      op,
      `axes [${list.join(',')}] repeat an axis of shape ${formatShape(shape)}`,
    );
  }
  return sorted;
}

/** NumPy broadcasting of two shapes, or a ShapeError naming both. */
export function broadcastShapes(op: string, a: Shape, b: Shape, names = ['a', 'b']): number[] {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
    const db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(
        op,
        `shapes do not broadcast: ${names[0]} is ${formatShape(a)}, ${names[1]} is ${formatShape(b)} (${da} ≠ ${db} at axis ${i})`,
      );
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** The output shape of a reduction over sorted `axes`. */
export function reducedShape(shape: Shape, axes: readonly number[], keepDims: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < shape.length; i++) {
    if (axes.includes(i)) {
      if (keepDims) out.push(1);
    } else out.push(shape[i]);
  }
  return out;
}

/** True when sorted `axes` form one contiguous run. */
export function axesAreContiguous(axes: readonly number[]): boolean {
  for (let i = 1; i < axes.length; i++) if (axes[i] !== axes[i - 1] + 1) return false;
  return true;
}

/**
 * A reduction over one contiguous run of axes seen as [outer, reduce, inner]: element
 * (o, r, i) sits at (o·reduce + r)·inner + i. Core hands reductions to kernels in this form.
 */
export interface ReduceGeometry {
  outer: number;
  reduce: number;
  inner: number;
}

export function reduceGeometry(shape: Shape, axes: readonly number[]): ReduceGeometry {
  if (axes.length === 0) return { outer: sizeFromShape(shape), reduce: 1, inner: 1 };
  const first = axes[0];
  const last = axes[axes.length - 1];
  return {
    outer: sizeFromShape(shape.slice(0, first)),
    reduce: sizeFromShape(shape.slice(first, last + 1)),
    inner: sizeFromShape(shape.slice(last + 1)),
  };
}
