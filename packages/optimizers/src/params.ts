// Parameters, gradients and updates travel as `Params`: tensors keyed by parameter name (or a
// plain list, keyed by position). Transformations work on records; these helpers convert at the
// edges and check that two collections describe the same parameters.
import { DtypeError, ShapeError, Tensor, ValueError, formatShape } from '@tensile/core';
import { describeOption, quoteList } from './errors.js';

/** Tensors keyed by parameter name. */
export type ParamsRecord = Record<string, Tensor>;

/** Parameters, gradients or updates: keyed by name, or a list (keyed by position). */
export type Params = ParamsRecord | Tensor[];

/** The record view of `params`: a list becomes `{'0': t0, '1': t1, …}`. Checks every entry. */
export function toRecord(op: string, arg: string, params: Params): ParamsRecord {
  if (typeof params !== 'object' || params === null) {
    throw new ValueError(
      op,
      `${arg} must be a record or a list of tensors, got ${describeOption(params)}`,
    );
  }
  const record: ParamsRecord = {};
  for (const [name, value] of Object.entries(params)) {
    if (!(value instanceof Tensor)) {
      throw new ValueError(op, `${arg}['${name}'] must be a Tensor, got ${describeOption(value)}`);
    }
    value.assertUsable(op, `${arg}['${name}']`);
    if (value.dtype !== 'float32' && value.dtype !== 'float64') {
      throw new DtypeError(op, `${arg}['${name}'] must be float32 or float64, got ${value.dtype}`);
    }
    record[name] = value;
  }
  return record;
}

/** `record` in the shape of `like`: a list when `like` is a list, the record itself otherwise. */
export function fromRecord<P extends Params>(like: P, record: ParamsRecord): P {
  // The one place where the caller's collection type is restored.
  return (Array.isArray(like) ? like.map((_, i) => record[String(i)]) : record) as P;
}

/** Applies `fn` to every tensor, keeping the keys. */
export function mapRecord(
  record: ParamsRecord,
  fn: (tensor: Tensor, name: string) => Tensor,
): ParamsRecord {
  const out: ParamsRecord = {};
  for (const name of Object.keys(record)) out[name] = fn(record[name], name);
  return out;
}

/**
 * Throws unless `other` has exactly the names of `reference`, each with the same shape and dtype:
 * `<op>: <arg> has no entry for parameter 'W'`, `… unknown parameter 'x'`, `… 'W' is [4,5] …`.
 */
export function assertSameParams(
  op: string,
  reference: ParamsRecord,
  referenceArg: string,
  other: ParamsRecord,
  otherArg: string,
): void {
  const names = Object.keys(reference);
  for (const name of Object.keys(other)) {
    if (!(name in reference)) {
      throw new ValueError(
        op,
        `${otherArg} has an unknown parameter '${name}'; ${referenceArg} has ${quoteList(names)}`,
      );
    }
  }
  for (const name of names) {
    const expected = reference[name];
    const actual = other[name];
    if (actual === undefined) {
      throw new ValueError(op, `${otherArg} has no entry for parameter '${name}'`);
    }
    if (!sameShape(expected.shape, actual.shape)) {
      throw new ShapeError(
        op,
        `${otherArg}['${name}'] is ${formatShape(actual.shape)} but ${referenceArg}['${name}'] is ${formatShape(expected.shape)}`,
      );
    }
    if (expected.dtype !== actual.dtype) {
      throw new DtypeError(
        op,
        `${otherArg}['${name}'] is ${actual.dtype} but ${referenceArg}['${name}'] is ${expected.dtype}`,
      );
    }
  }
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** The parameters a transformation needs (weight decay reads them), or a ValueError saying so. */
export function requireParams(op: string, params: ParamsRecord | undefined): ParamsRecord {
  if (params === undefined) {
    throw new ValueError(op, 'needs the parameters: call update(grads, state, params)');
  }
  return params;
}
