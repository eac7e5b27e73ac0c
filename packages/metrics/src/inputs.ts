// One place turns every accepted input (plain and nested arrays, typed arrays, tensors) into a flat
// Float64Array plus a shape, and checks what every metric needs: lengths, integer labels, finite
// numbers, probability rows. Messages name the function, the argument and the offending value.
import { ShapeError, ValueError, formatShape } from '@tensile/core';

/**
 * Anything shaped like a Tensile tensor: core's `Tensor` satisfies it, and so does any object with a
 * row-major `dataSync()`. Structural on purpose, so metrics never import the tensor engine.
 */
export interface TensorLike {
  readonly shape: readonly number[];
  dataSync(): ArrayLike<number>;
}

/**
 * Nested arrays, e.g. `[[0.1, 0.9], [0.8, 0.2]]`, whose innermost rows may also be typed arrays;
 * booleans count as 0 and 1.
 */
export type NestedArray = ReadonlyArray<number | boolean | NestedArray | ArrayLike<number>>;

/** What every metric accepts for `yTrue`, `yPred` and `sampleWeight`. */
export type MetricInput = TensorLike | ArrayLike<number> | NestedArray;

/** A normalized input: row-major data, its shape, and whether it came in float32. */
export interface FlatInput {
  readonly data: Float64Array;
  readonly shape: readonly number[];
  /** True when the source was float32 data (a Float32Array or a float32 tensor). */
  readonly float32: boolean;
  /** True when the source was an integer typed array (every value already an integer). */
  readonly integer?: boolean;
}

/** A `[rows, cols]` matrix in row-major order. */
export interface MatrixInput {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
  readonly float32: boolean;
}

export function isTensorLike(value: unknown): value is TensorLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as TensorLike).shape) &&
    typeof (value as TensorLike).dataSync === 'function'
  );
}

/** Flattens any accepted input without judging its shape. */
export function flatten(op: string, arg: string, input: MetricInput): FlatInput {
  if (input === null || input === undefined) {
    throw new ValueError(op, `${arg} is required, got ${String(input)}`);
  }
  if (isTensorLike(input)) {
    const shape = [...input.shape];
    const values = input.dataSync();
    const size = shape.reduce((a, b) => a * b, 1);
    if (values.length !== size) {
      throw new ShapeError(
        op,
        `${arg} has shape ${formatShape(shape)} but dataSync() returned ${values.length} values`,
      );
    }
    return {
      data: toFloat64(values),
      shape,
      float32: values instanceof Float32Array,
      integer: isIntegerArray(values),
    };
  }
  if (ArrayBuffer.isView(input)) {
    if (input instanceof DataView) {
      throw new ValueError(
        op,
        `${arg} must be an array, a typed array or a tensor, got a DataView`,
      );
    }
    const view = input as unknown as ArrayLike<number>;
    return {
      data: toFloat64(view),
      shape: [view.length],
      float32: view instanceof Float32Array,
      integer: isIntegerArray(view),
    };
  }
  if (Array.isArray(input)) return flattenNested(op, arg, input as NestedArray);
  if (typeof input === 'object' && typeof (input as ArrayLike<number>).length === 'number') {
    const like = input as ArrayLike<number>;
    const data = new Float64Array(like.length);
    for (let i = 0; i < like.length; i++) data[i] = scalar(op, arg, like[i], i);
    return { data, shape: [like.length], float32: false };
  }
  throw new ValueError(
    op,
    `${arg} must be an array, a typed array or a tensor, got ${describe(input as unknown)}`,
  );
}

function isIntegerArray(values: ArrayLike<number>): boolean {
  return (
    values instanceof Int32Array ||
    values instanceof Uint8Array ||
    values instanceof Int8Array ||
    values instanceof Int16Array ||
    values instanceof Uint16Array ||
    values instanceof Uint32Array ||
    values instanceof Uint8ClampedArray
  );
}

function toFloat64(values: ArrayLike<number>): Float64Array {
  if (values instanceof Float64Array) return values;
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i];
  return out;
}

/** A plain array or a typed array (not a DataView). */
function isSequence(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

function flattenNested(op: string, arg: string, input: NestedArray): FlatInput {
  const shape: number[] = [];
  let level: unknown = input;
  while (isSequence(level)) {
    shape.push(level.length);
    if (level.length === 0) break;
    level = level[0];
  }
  const size = shape.reduce((a, b) => a * b, 1);
  const data = new Float64Array(size);
  let offset = 0;
  const walk = (node: unknown, depth: number, path: string): void => {
    if (depth === shape.length) {
      data[offset] = scalar(op, arg, node, path);
      offset++;
      return;
    }
    if (!isSequence(node) || node.length !== shape[depth]) {
      const got = isSequence(node) ? `length ${node.length}` : describe(node);
      throw new ShapeError(
        op,
        `${arg} is a ragged nested array: ${arg}${path} has ${got}, expected length ${shape[depth]} (shape ${formatShape(shape)})`,
      );
    }
    for (let i = 0; i < node.length; i++) walk(node[i], depth + 1, `${path}[${i}]`);
  };
  walk(input, 0, '');
  return { data, shape, float32: false };
}

function scalar(op: string, arg: string, value: unknown, where: number | string): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  const at = typeof where === 'number' ? `[${where}]` : where;
  throw new ValueError(op, `${arg} must hold numbers, got ${describe(value)} at ${arg}${at}`);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `'${value}'`;
  return typeof value === 'object' ? Object.prototype.toString.call(value) : String(value);
}

/** A 1-D input: shape `[n]`, or a column `[n, 1]` (a model's single-unit output). */
export function toVector(
  op: string,
  arg: string,
  input: MetricInput,
  what = 'a vector',
): FlatInput {
  const flat = flatten(op, arg, input);
  const { shape } = flat;
  if (shape.length === 1 || (shape.length === 2 && shape[1] === 1)) return flat;
  throw new ShapeError(op, `${arg} must be ${what} of shape [n], got shape ${formatShape(shape)}`);
}

/** Integer class labels of shape `[n]` (or `[n, 1]`). Non-integers are an error, never rounded. */
export function toLabels(op: string, arg: string, input: MetricInput): Float64Array {
  const { shape, data, integer } = flatten(op, arg, input);
  if (!(shape.length === 1 || (shape.length === 2 && shape[1] === 1))) {
    const hint =
      shape.length === 2
        ? ' (it looks like probabilities or scores: pass the predicted labels, e.g. the argmax of each row, or use a score-based metric such as topKAccuracy, rocAuc or logLoss)'
        : '';
    throw new ShapeError(
      op,
      `${arg} must be a vector of class labels of shape [n], got shape ${formatShape(shape)}${hint}`,
    );
  }
  if (integer === true) return data;
  for (let i = 0; i < data.length; i++) {
    if (!Number.isSafeInteger(data[i])) {
      throw new ValueError(
        op,
        `${arg} must hold integer class labels, got ${data[i]} at ${arg}[${i}]` +
          (Number.isFinite(data[i]) ? ' (threshold or argmax scores into labels first)' : ''),
      );
    }
  }
  return data;
}

/** Checks that every value is finite (no NaN, no ±Infinity). */
export function assertFinite(op: string, arg: string, data: Float64Array): void {
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      throw new ValueError(op, `${arg} must be finite, got ${data[i]} at ${arg}[${i}]`);
    }
  }
}

/** Real-valued targets of shape `[n]` or `[n, outputs]`, finite. */
export function toValues(op: string, arg: string, input: MetricInput): MatrixInput {
  const flat = flatten(op, arg, input);
  const { shape, data } = flat;
  if (shape.length !== 1 && shape.length !== 2) {
    throw new ShapeError(
      op,
      `${arg} must have shape [n] or [n, outputs], got shape ${formatShape(shape)}`,
    );
  }
  assertFinite(op, arg, data);
  return { data, rows: shape[0], cols: shape.length === 1 ? 1 : shape[1], float32: flat.float32 };
}

/**
 * Scores or probabilities: `[n]` / `[n, 1]` (one score per sample, `cols` = 1) or `[n, C]` (one
 * column per class). Finite values only.
 */
export function toScores(op: string, arg: string, input: MetricInput): MatrixInput {
  const flat = flatten(op, arg, input);
  const { shape, data } = flat;
  if (shape.length !== 1 && shape.length !== 2) {
    throw new ShapeError(
      op,
      `${arg} must have shape [n] (one score per sample) or [n, C] (one column per class), got shape ${formatShape(shape)}`,
    );
  }
  assertFinite(op, arg, data);
  return { data, rows: shape[0], cols: shape.length === 1 ? 1 : shape[1], float32: flat.float32 };
}

/** Tolerance on a probability row's sum: 1e-6, or √ε of float32 (sklearn's check) for float32 data. */
export function probabilityTolerance(float32: boolean): number {
  return float32 ? Math.sqrt(2 ** -23) : 1e-6;
}

/** Every value in [0, 1] and every row summing to 1 within `probabilityTolerance`. */
export function assertProbabilityRows(op: string, arg: string, m: MatrixInput): void {
  const { data, rows, cols } = m;
  for (let i = 0; i < data.length; i++) {
    if (data[i] < 0 || data[i] > 1) {
      const r = Math.floor(i / cols);
      throw new ValueError(
        op,
        `${arg} must hold probabilities in [0, 1], got ${data[i]} at row ${r}, column ${i - r * cols}`,
      );
    }
  }
  if (cols === 1) return;
  const tol = probabilityTolerance(m.float32);
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let c = 0, o = r * cols; c < cols; c++) sum += data[o + c];
    if (!(Math.abs(sum - 1) <= tol)) {
      throw new ValueError(
        op,
        `rows of ${arg} must sum to 1 (within ${tol.toExponential(1)}), row ${r} sums to ${sum} (apply softmax to logits first)`,
      );
    }
  }
}

/** Throws when two per-sample arguments differ in length. */
export function assertSameLength(
  op: string,
  nameA: string,
  a: number,
  nameB: string,
  b: number,
): void {
  if (a !== b) throw new ShapeError(op, `${nameA} and ${nameB} differ in length: ${a} vs ${b}`);
}

/** Optional per-sample weights: length `n`, finite, ≥ 0. */
export function toSampleWeight(
  op: string,
  n: number,
  input: MetricInput | undefined,
): Float64Array | undefined {
  if (input === undefined) return undefined;
  const { data } = toVector(op, 'sampleWeight', input);
  assertSameLength(op, 'yTrue', n, 'sampleWeight', data.length);
  for (let i = 0; i < data.length; i++) {
    if (!(Number.isFinite(data[i]) && data[i] >= 0)) {
      throw new ValueError(
        op,
        `sampleWeight must be finite and non-negative, got ${data[i]} at sampleWeight[${i}]`,
      );
    }
  }
  return data;
}

/** A validated batch of `(yTrue, yPred)` class labels with optional sample weights. */
export interface LabelBatch {
  readonly yTrue: Float64Array;
  readonly yPred: Float64Array;
  readonly weight: Float64Array | undefined;
}

export function readLabelBatch(
  op: string,
  yTrue: MetricInput,
  yPred: MetricInput,
  sampleWeight: MetricInput | undefined,
): LabelBatch {
  const t = toLabels(op, 'yTrue', yTrue);
  const p = toLabels(op, 'yPred', yPred);
  assertSameLength(op, 'yTrue', t.length, 'yPred', p.length);
  return { yTrue: t, yPred: p, weight: toSampleWeight(op, t.length, sampleWeight) };
}
