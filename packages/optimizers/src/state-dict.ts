// Checkpoints of a transformation's state, keyed by parameter name. A state tree is flattened
// into per-parameter slots (every tensor sits in a record keyed by parameter name, so the path
// without that last key names the slot, e.g. 'inner.1.expAvg') and scalars (step counters, NAdam's
// product …) keyed by path. Loading rebuilds the tree from a fresh `init` with the saved values.
import type { DType } from '@tensile/core';
import { FormatError, ShapeError, Tensor, tensor, ValueError, formatShape } from '@tensile/core';
import { describeOption, quoteList } from './errors.js';
import { keepState } from './ownership.js';
import { isPlainObject, mapTensors } from './state-tree.js';

/** A tensor as a checkpoint stores it (the golden files' layout): flat row-major data. */
export interface TensorData {
  shape: number[];
  dtype: 'float32' | 'float64';
  data: number[];
}

/** A scalar of a state: a counter, a running product, a flag. */
export type StateScalar = number | boolean | string | null;

export interface FlatState {
  /** parameter name → slot path → tensor */
  slots: Record<string, Record<string, Tensor>>;
  /** path → value */
  scalars: Record<string, StateScalar>;
}

const joinPath = (path: readonly string[]): string => path.join('.');

/** Splits a state into per-parameter slots and scalars (see the header). */
export function flattenState(op: string, state: unknown, paramNames: readonly string[]): FlatState {
  const slots: Record<string, Record<string, Tensor>> = {};
  for (const name of paramNames) slots[name] = {};
  const scalars: Record<string, StateScalar> = {};
  const walk = (node: unknown, path: string[]): void => {
    if (Array.isArray(node)) node.forEach((item, i) => walk(item, [...path, String(i)]));
    else if (isPlainObject(node)) {
      for (const [key, value] of Object.entries(node)) walk(value, [...path, key]);
    } else if (node instanceof Tensor) {
      const owner = path[path.length - 1];
      if (owner === undefined || !paramNames.includes(owner)) {
        throw new ValueError(
          op,
          `the state holds a tensor at '${joinPath(path)}' that belongs to no parameter; state tensors must sit in records keyed by parameter name`,
        );
      }
      slots[owner][joinPath(path.slice(0, -1))] = node;
    } else if (node === null || ['number', 'boolean', 'string'].includes(typeof node)) {
      scalars[joinPath(path)] = node as StateScalar;
    }
  };
  walk(state, []);
  return { slots, scalars };
}

export function toTensorData(t: Tensor): TensorData {
  return {
    shape: [...t.shape],
    dtype: t.dtype === 'float64' ? 'float64' : 'float32',
    data: Array.from(t.dataSync() as ArrayLike<number>),
  };
}

/** Checks the layout of a saved tensor; returns its values as a typed array of `dtype`. */
function readTensorData(
  op: string,
  where: string,
  value: unknown,
  dtype: DType,
): Float32Array | Float64Array {
  if (!isPlainObject(value) || !Array.isArray(value.shape) || !isArrayLike(value.data)) {
    throw new FormatError(
      op,
      `${where} must be {shape, dtype, data}, got ${describeOption(value)}`,
    );
  }
  const size = (value.shape as unknown[]).reduce<number>(
    (n, d) => (Number.isInteger(d) && (d as number) >= 0 ? n * (d as number) : NaN),
    1,
  );
  if (!(size === value.data.length)) {
    throw new FormatError(
      op,
      `${where} has ${value.data.length} values for shape ${describeOption(value.shape)}`,
    );
  }
  return dtype === 'float64' ? Float64Array.from(value.data) : Float32Array.from(value.data);
}

function isArrayLike(value: unknown): value is ArrayLike<number> {
  return Array.isArray(value) || ArrayBuffer.isView(value);
}

/**
 * `template` (a fresh state from `init`) with every slot and scalar replaced by the saved values,
 * after checking that the saved slots are exactly the template's, with the same shapes. The new
 * tensors are kept; the template's are left for the caller to dispose.
 */
export function restoreState<S>(
  op: string,
  group: string,
  template: S,
  paramNames: readonly string[],
  savedSlots: Readonly<Record<string, unknown>>,
  savedScalars: unknown,
): S {
  const expected = flattenState(op, template, paramNames);
  for (const name of paramNames) {
    const saved = savedSlots[name];
    if (!isPlainObject(saved)) {
      throw new FormatError(
        op,
        `state['${name}'] must be an object of slots, got ${describeOption(saved)}`,
      );
    }
    const want = Object.keys(expected.slots[name]);
    for (const key of Object.keys(saved)) {
      if (!want.includes(key)) {
        throw new ValueError(
          op,
          `unknown slot '${key}' for parameter '${name}'; expected ${want.length ? `one of ${quoteList(want)}` : 'none'}`,
        );
      }
    }
    for (const key of want) {
      const value = saved[key];
      if (value === undefined)
        throw new ValueError(op, `missing slot '${key}' for parameter '${name}'`);
      const shape =
        isPlainObject(value) && Array.isArray(value.shape) ? (value.shape as number[]) : [];
      const target = expected.slots[name][key];
      if (shape.join(',') !== target.shape.join(',')) {
        throw new ShapeError(
          op,
          `slot '${key}' of parameter '${name}' is ${formatShape(shape)}, but the parameter needs ${formatShape(target.shape)}`,
        );
      }
    }
  }
  if (!isPlainObject(savedScalars)) {
    throw new FormatError(
      op,
      `group '${group}' must have scalars, got ${describeOption(savedScalars)}`,
    );
  }
  for (const key of Object.keys(expected.scalars)) {
    const value = savedScalars[key];
    if (typeof value !== typeof expected.scalars[key] || value === undefined) {
      throw new ValueError(
        op,
        `group '${group}': scalar '${key}' must be a ${typeof expected.scalars[key]}, got ${describeOption(value)}`,
      );
    }
  }
  for (const key of Object.keys(savedScalars)) {
    if (!(key in expected.scalars))
      throw new ValueError(op, `group '${group}': unknown scalar '${key}'`);
  }
  // Every value is checked; now rebuild (tensor creation cannot fail any more).
  const withTensors = mapTensors(template, (t, path) => {
    const owner = path[path.length - 1];
    const slot = (savedSlots[owner] as Record<string, unknown>)[joinPath(path.slice(0, -1))];
    const values = readTensorData(
      op,
      `state['${owner}']['${joinPath(path.slice(0, -1))}']`,
      slot,
      t.dtype,
    );
    return tensor(values, t.shape, t.dtype);
  });
  const restored = replaceScalars(withTensors, savedScalars);
  keepState(restored);
  return restored;
}

function replaceScalars<S>(tree: S, scalars: Readonly<Record<string, unknown>>): S {
  const walk = (node: unknown, path: string[]): unknown => {
    if (Array.isArray(node)) return node.map((item, i) => walk(item, [...path, String(i)]));
    if (isPlainObject(node)) {
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(node)) out[key] = walk(value, [...path, key]);
      return out;
    }
    const key = joinPath(path);
    return key in scalars && (node === null || typeof node !== 'object') ? scalars[key] : node;
  };
  // Same structure as the input, scalars swapped: still an S.
  return walk(tree, []) as S;
}
