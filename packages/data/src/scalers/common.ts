// What both scalers share: input checks, column statistics in float64 on the host, the per-feature
// affine map as tensor ops, and the readers of their JSON form.
import type { Tensor } from '@tensile/core';
import {
  DtypeError,
  FormatError,
  NonFiniteError,
  ShapeError,
  ValueError,
  add,
  clone,
  describeValue,
  div,
  formatShape,
  makeTypedArray,
  mul,
  sub,
  tensor,
  tidy,
} from '@tensile/core';
import { assertTensor } from '../validate.js';

/** Checks x is a float [n, features] tensor and returns its feature count. */
export function checkInput(op: string, x: unknown): number {
  assertTensor(op, 'x', x);
  if (x.rank !== 2) {
    throw new ShapeError(op, `x must be [samples, features], got shape ${formatShape(x.shape)}`);
  }
  if (x.dtype !== 'float32' && x.dtype !== 'float64') {
    throw new DtypeError(op, `x must be float32 or float64, got ${x.dtype}; cast it first`);
  }
  return x.shape[1];
}

interface ColumnStats {
  rows: number;
  min: Float64Array;
  max: Float64Array;
  mean: Float64Array;
  /** Population variance (ddof = 0); exactly 0 for a column whose values are all equal. */
  variance: Float64Array;
}

/** Per-column min, max, mean and variance of a float [n, f] tensor, in float64 (two passes). */
export function columnStats(op: string, x: Tensor): ColumnStats {
  const [rows, cols] = x.shape;
  if (rows === 0)
    throw new ValueError(op, `x has no rows to fit on (shape ${formatShape(x.shape)})`);
  const values = x.dataSync();
  const min = new Float64Array(cols).fill(Infinity);
  const max = new Float64Array(cols).fill(-Infinity);
  const mean = new Float64Array(cols);
  for (let i = 0, k = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++, k++) {
      const v = values[k];
      mean[j] += v;
      if (v < min[j]) min[j] = v;
      if (v > max[j]) max[j] = v;
    }
  }
  // A NaN or ±Infinity anywhere makes its column's sum non-finite: look for it only then.
  for (let j = 0; j < cols; j++) {
    if (!Number.isFinite(mean[j])) throw nonFinite(op, values, rows, cols, j);
    mean[j] /= rows;
  }
  const variance = new Float64Array(cols);
  for (let i = 0, k = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++, k++) {
      const d = values[k] - mean[j];
      variance[j] += d * d;
    }
  }
  for (let j = 0; j < cols; j++) {
    // A constant column has variance exactly 0 even when its mean rounds (sklearn checks the same).
    variance[j] = min[j] === max[j] ? 0 : variance[j] / rows;
  }
  return { rows, min, max, mean, variance };
}

function nonFinite(
  op: string,
  values: ArrayLike<number>,
  rows: number,
  cols: number,
  j: number,
): NonFiniteError {
  for (let i = 0; i < rows; i++) {
    const v = values[i * cols + j];
    if (!Number.isFinite(v)) {
      return new NonFiniteError(op, `x[${i}][${j}] is ${v}; scalers need finite values`);
    }
  }
  return new NonFiniteError(op, `the values of feature ${j} overflow float64 when summed`);
}

/** Where a spread is 0 (a constant feature), 1 instead, so the feature is shifted but not scaled. */
export function replaceZeros(values: Float64Array): Float64Array {
  return values.map((v) => (v === 0 ? 1 : v));
}

/** Per-feature constants as a [1, f] tensor in x's dtype, so they broadcast over the rows. */
function featureRow(values: Float64Array, like: Tensor): Tensor {
  const dtype = like.dtype === 'float64' ? 'float64' : 'float32';
  const out = makeTypedArray(dtype, values.length);
  out.set(values);
  return tensor(out, [1, values.length], dtype);
}

const isAll = (values: Float64Array, v: number): boolean => values.every((x) => x === v);

/** (x − shift) ÷ divisor (or · factor) + offset, per feature; steps that change nothing are skipped. */
export function affine(
  x: Tensor,
  shift: Float64Array,
  scale: { divide: Float64Array } | { multiply: Float64Array },
  offset: Float64Array,
): Tensor {
  return tidy(() => {
    let y = isAll(shift, 0) ? x : sub(x, featureRow(shift, x));
    if ('divide' in scale) {
      if (!isAll(scale.divide, 1)) y = div(y, featureRow(scale.divide, x));
    } else if (!isAll(scale.multiply, 1)) {
      y = mul(y, featureRow(scale.multiply, x));
    }
    if (!isAll(offset, 0)) y = add(y, featureRow(offset, x));
    // Every step skipped: still hand back a new tensor, never the caller's own.
    return y === x ? clone(x) : y;
  });
}

export function notFitted(op: string, scaler: string): ValueError {
  return new ValueError(op, `this ${scaler} is not fitted yet; call fit(train) first`);
}

export function checkFeatures(op: string, x: Tensor, fitShape: readonly number[]): void {
  if (x.shape[1] !== fitShape[1]) {
    throw new ShapeError(
      op,
      `x is ${formatShape(x.shape)} but the scaler was fit on ${formatShape(fitShape)} ` +
        `(${x.shape[1]} ≠ ${fitShape[1]} features)`,
    );
  }
}

/** Reads a list of finite numbers of the given length from a JSON field. */
export function readNumbers(
  op: string,
  json: Record<string, unknown>,
  key: string,
  length: number,
) {
  const v = json[key];
  if (!Array.isArray(v) || v.length !== length || !v.every((x) => Number.isFinite(x))) {
    throw new FormatError(op, `${key} must be ${length} finite numbers, got ${describeValue(v)}`);
  }
  return Float64Array.from(v as number[]);
}

export function readObject(op: string, json: unknown, kind: string): Record<string, unknown> {
  if (typeof json !== 'object' || json === null || (json as { kind?: unknown }).kind !== kind) {
    throw new FormatError(op, `expected an object with kind '${kind}', got ${describeValue(json)}`);
  }
  return json as Record<string, unknown>;
}

export function readCount(
  op: string,
  json: Record<string, unknown>,
  key: string,
  min: number,
): number {
  const v = json[key];
  if (!Number.isSafeInteger(v) || (v as number) < min) {
    throw new FormatError(op, `${key} must be an integer ≥ ${min}, got ${describeValue(v)}`);
  }
  return v as number;
}
