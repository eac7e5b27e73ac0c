// Turning user values (numbers, nested arrays, typed arrays) into tensors.
import { DtypeError, ShapeError, ValueError, describeValue, formatShape } from '../errors.js';
import { ENGINE } from '../engine/engine.js';
import type { DType, TypedArray } from '../tensor/dtypes.js';
import { dtypeOfArray, isDType, makeTypedArray } from '../tensor/dtypes.js';
import type { Shape } from '../tensor/shape.js';
import { assertValidShape, sizeFromShape } from '../tensor/shape.js';
import type { NestedArray } from '../tensor/tensor.js';
import { Tensor } from '../tensor/tensor.js';

export type TensorLike = Tensor | TypedArray | NestedArray | readonly NestedArray[];

function inferShape(op: string, values: unknown): number[] {
  const shape: number[] = [];
  let level: unknown = values;
  while (Array.isArray(level) || ArrayBuffer.isView(level)) {
    const length = (level as ArrayLike<unknown>).length;
    shape.push(length);
    if (length === 0 || ArrayBuffer.isView(level)) break;
    level = (level as unknown[])[0];
  }
  checkRagged(op, values, shape, 0);
  return shape;
}

function checkRagged(op: string, values: unknown, shape: number[], dim: number): void {
  if (dim === shape.length) {
    if (Array.isArray(values))
      throw new ShapeError(op, `values are ragged: expected a scalar at depth ${dim}`);
    return;
  }
  const length = (values as ArrayLike<unknown>)?.length;
  if (length !== shape[dim] || !(Array.isArray(values) || ArrayBuffer.isView(values))) {
    throw new ShapeError(
      op,
      `values are ragged: expected ${shape[dim]} elements at depth ${dim} for shape ${formatShape(shape)}`,
    );
  }
  if (ArrayBuffer.isView(values)) return;
  for (const item of values as unknown[]) checkRagged(op, item, shape, dim + 1);
}

function flatten(values: unknown, out: unknown[]): void {
  if (Array.isArray(values)) for (const v of values) flatten(v, out);
  else if (ArrayBuffer.isView(values))
    out.push(...Array.from(values as unknown as ArrayLike<number>));
  else out.push(values);
}

function fill(op: string, flat: readonly unknown[], dtype: DType): TypedArray {
  const out = makeTypedArray(dtype, flat.length);
  for (let i = 0; i < flat.length; i++) {
    const v = flat[i];
    const n = typeof v === 'boolean' ? Number(v) : v;
    if (typeof n !== 'number') {
      throw new DtypeError(
        op,
        `values must be numbers or booleans, got ${describeValue(v)} at index ${i}`,
      );
    }
    if (dtype === 'int32' && !Number.isInteger(n)) {
      throw new ValueError(op, `int32 values must be integers, got ${n} at index ${i}`);
    }
    if (dtype === 'bool' && n !== 0 && n !== 1) {
      throw new ValueError(op, `bool values must be true/false or 0/1, got ${n} at index ${i}`);
    }
    out[i] = n;
  }
  return out;
}

/**
 * `tensor(values, shape?, dtype?)`: numbers default to float32 (float64 while checking gradients),
 * booleans to bool, typed arrays to their own dtype.
 */
export function tensor(
  values: TensorLike | number | boolean,
  shape?: Shape,
  dtype?: DType,
): Tensor {
  const op = 'tensor';
  if (values instanceof Tensor) {
    throw new ValueError(op, 'values is already a tensor; use clone() or cast()');
  }
  if (dtype !== undefined && !isDType(dtype)) {
    throw new DtypeError(op, `unknown dtype ${describeValue(dtype)}`);
  }
  const inferred = inferShape(op, values);
  let flatValues: TypedArray;
  const arrayDtype = dtypeOfArray(values);
  const finalDtype: DType =
    dtype ?? arrayDtype ?? (firstScalar(values) === 'boolean' ? 'bool' : ENGINE.defaultFloat);
  if (arrayDtype !== undefined && arrayDtype === finalDtype) {
    flatValues = values as TypedArray;
  } else {
    const flat: unknown[] = [];
    flatten(values, flat);
    flatValues = fill(op, flat, finalDtype);
  }
  let finalShape: Shape = inferred;
  if (shape !== undefined) {
    assertValidShape(op, shape);
    if (sizeFromShape(shape) !== flatValues.length) {
      throw new ShapeError(
        op,
        `${flatValues.length} values do not fill shape ${formatShape(shape)} (${sizeFromShape(shape)} elements)`,
      );
    }
    finalShape = shape;
  }
  return ENGINE.makeTensor(flatValues, finalShape, finalDtype, op);
}

function firstScalar(values: unknown): string {
  let v = values;
  while (Array.isArray(v)) v = v[0];
  return typeof v;
}

export function scalar(value: number | boolean, dtype?: DType): Tensor {
  return tensor(value, [], dtype);
}

/**
 * The tensor an op argument stands for: tensors pass through (checked not disposed), plain numbers
 * become scalars of `like`'s dtype. Anything else is rejected: ops never coerce arrays silently.
 */
export function asTensor(op: string, arg: string, value: Tensor | number, like?: DType): Tensor {
  if (value instanceof Tensor) {
    value.assertUsable(op, arg);
    return value;
  }
  if (typeof value === 'number') return scalar(value, like ?? ENGINE.defaultFloat);
  throw new ValueError(op, `${arg} must be a Tensor or a number, got ${describeValue(value)}`);
}

/** Frees a temporary made by `asTensor` (or hands it to the tape when a gradient still needs it). */
export function releaseTemporary(made: Tensor, original: unknown): void {
  if (made === original) return;
  if (ENGINE.tape?.references(made)) ENGINE.tape.owned.push(made);
  else made.dispose();
}
