// What a Dataset element may hold (tensors, numbers, arrays, typed arrays, nested in arrays and
// plain objects), and the operations the pipeline needs on it: keep, dispose, clone, stack.
import type { DType, NestedArray, TypedArray } from '@tensile/core';
import {
  DtypeError,
  ShapeError,
  Tensor,
  ValueError,
  clone,
  describeValue,
  formatShape,
  keep,
  shapesEqual,
  stack,
  tensor,
  tidy,
} from '@tensile/core';

/** Numbers, booleans and (nested) arrays of them: one leaf that batches into one tensor. */
export type NestedNumbers = number | boolean | readonly NestedNumbers[];

/**
 * The type of a batch of elements of type T: every leaf (tensor, number, boolean, typed array,
 * nested number array) becomes one tensor with a new leading axis; arrays and objects keep their
 * structure.
 */
export type Batched<T> = T extends Tensor | TypedArray | NestedNumbers
  ? Tensor
  : T extends readonly unknown[]
    ? { -readonly [K in keyof T]: Batched<T[K]> }
    : T extends object
      ? { -readonly [K in keyof T]: Batched<T[K]> }
      : never;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Visits every tensor of an element (through arrays and plain objects). */
export function forEachTensor(element: unknown, visit: (t: Tensor) => void): void {
  if (element instanceof Tensor) visit(element);
  else if (Array.isArray(element)) for (const item of element) forEachTensor(item, visit);
  else if (isPlainObject(element)) for (const v of Object.values(element)) forEachTensor(v, visit);
}

/**
 * Marks an element's tensors to survive scopes: elements are made while the consumer may have a
 * scope open (prefetch runs ahead), and belong to whoever receives them, never to that scope.
 */
export function keepElement<T>(element: T): T {
  forEachTensor(element, (t) => keep(t));
  return element;
}

export function disposeElement(element: unknown): void {
  forEachTensor(element, (t) => t.dispose());
}

/** Disposes the tensors of `input` that `output` does not carry on (a map's consumed input). */
export function disposeConsumed(input: unknown, output: unknown): void {
  const carried = new Set<Tensor>();
  forEachTensor(output, (t) => carried.add(t));
  forEachTensor(input, (t) => {
    if (!carried.has(t)) t.dispose();
  });
}

/** A structural copy whose tensors are new handles on the same buffers (nothing is copied). */
export function cloneElement<T>(element: T): T {
  if (element instanceof Tensor) return keep(clone(element)) as T;
  if (Array.isArray(element)) return element.map(cloneElement) as T;
  if (isPlainObject(element)) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(element)) out[key] = cloneElement(value);
    return out as T;
  }
  return element;
}

/** A numeric leaf array: empty, or nested arrays whose first scalar is a number or boolean. */
function isNumericArray(value: readonly unknown[]): boolean {
  let level: unknown = value;
  while (Array.isArray(level)) {
    if (level.length === 0) return true;
    level = level[0];
  }
  return typeof level === 'number' || typeof level === 'boolean';
}

function nestedShape(value: unknown): number[] {
  const shape: number[] = [];
  let level = value;
  while (Array.isArray(level)) {
    shape.push(level.length);
    level = level[0];
  }
  return shape;
}

const TYPED_DTYPES: [new (n: number) => TypedArray, DType][] = [
  [Float32Array, 'float32'],
  [Int32Array, 'int32'],
  [Float64Array, 'float64'],
];

function typedDtype(op: string, path: string, value: ArrayBufferView): DType {
  for (const [ctor, dtype] of TYPED_DTYPES) if (value instanceof ctor) return dtype;
  throw new DtypeError(
    op,
    `${path} is a ${value.constructor.name}; batch Float32Array, Int32Array or Float64Array leaves ` +
      '(convert the values first)',
  );
}

function mismatch(op: string, path: string, i: number, what: string, got: string, want: string) {
  return new ShapeError(op, `${path} of element ${i} has ${what} ${got} but element 0 has ${want}`);
}

/** Stacks the values found at one path of every element of a batch. */
function stackAt(op: string, path: string, values: readonly unknown[]): unknown {
  const first = values[0];
  const b = values.length;
  if (first instanceof Tensor) {
    values.forEach((v, i) => {
      if (!(v instanceof Tensor)) {
        throw new ValueError(op, `${path} of element ${i} is ${describeValue(v)}, not a tensor`);
      }
      v.assertUsable(op, `${path} of element ${i}`);
      if (!shapesEqual(v.shape, first.shape)) {
        throw mismatch(op, path, i, 'shape', formatShape(v.shape), formatShape(first.shape));
      }
      if (v.dtype !== first.dtype) {
        throw new DtypeError(
          op,
          `${path} of element ${i} is ${v.dtype} but element 0 is ${first.dtype}`,
        );
      }
    });
    return stack(values as Tensor[], 0);
  }
  if (typeof first === 'number' || typeof first === 'boolean') {
    values.forEach((v, i) => {
      if (typeof v !== typeof first) {
        throw new ValueError(
          op,
          `${path} of element ${i} is ${describeValue(v)}, not a ${typeof first}`,
        );
      }
    });
    return tensor(values as number[], [b], typeof first === 'number' ? 'float32' : 'bool');
  }
  if (ArrayBuffer.isView(first)) {
    const dtype = typedDtype(op, path, first);
    const length = (first as TypedArray).length;
    const ctor = first.constructor as new (n: number) => TypedArray;
    const out = new ctor(b * length);
    values.forEach((v, i) => {
      if (!(v instanceof ctor) || v.length !== length) {
        throw mismatch(op, path, i, 'value', describeValue(v), `a ${ctor.name} of ${length}`);
      }
      out.set(v as never, i * length);
    });
    return tensor(out, [b, length], dtype);
  }
  if (Array.isArray(first) && isNumericArray(first)) {
    const shape = nestedShape(first);
    values.forEach((v, i) => {
      const got = Array.isArray(v) ? nestedShape(v) : [];
      if (!Array.isArray(v) || !shapesEqual(got, shape)) {
        throw mismatch(op, path, i, 'shape', formatShape(got), formatShape(shape));
      }
    });
    return tensor(values as NestedArray[], undefined, 'float32');
  }
  if (Array.isArray(first)) {
    values.forEach((v, i) => {
      if (!Array.isArray(v) || v.length !== first.length) {
        throw mismatch(op, path, i, 'value', describeValue(v), `${first.length} items`);
      }
    });
    return first.map((_, k) =>
      stackAt(
        op,
        `${path}[${k}]`,
        values.map((v) => (v as unknown[])[k]),
      ),
    );
  }
  if (isPlainObject(first)) {
    const keys = Object.keys(first);
    const out: Record<string, unknown> = {};
    values.forEach((v, i) => {
      const got = isPlainObject(v) ? Object.keys(v) : [];
      if (!isPlainObject(v) || got.length !== keys.length || !keys.every((k) => k in v)) {
        throw mismatch(op, path, i, 'keys', `[${got.join(',')}]`, `[${keys.join(',')}]`);
      }
    });
    for (const key of keys) {
      out[key] = stackAt(
        op,
        `${path}.${key}`,
        values.map((v) => (v as Record<string, unknown>)[key]),
      );
    }
    return out;
  }
  throw new ValueError(
    op,
    `cannot batch ${path}: ${describeValue(first)} is not a tensor, number, boolean, array or plain object`,
  );
}

/**
 * One batch from a list of elements: every leaf stacked along a new axis 0. Numbers and nested
 * number arrays become float32, booleans bool, typed arrays keep their dtype (use Int32Array or
 * int32 tensors for integer labels). The result's tensors are new; the inputs are left alone.
 */
export function stackElements<T>(op: string, elements: readonly T[]): Batched<T> {
  // tidy frees the leaves already stacked when a later one turns out not to fit.
  return tidy(() => stackAt(op, 'element', elements)) as Batched<T>;
}
