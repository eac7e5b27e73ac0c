// A transformation's state is a tree of plain objects, arrays, numbers and tensors. By convention
// (optax's: the state mirrors the parameters) every tensor sits in a record keyed by parameter
// name, e.g. `{count: 3, expAvg: {W: …, b: …}}`. Walking, rebuilding and checking such trees lives
// here; ownership.ts and the checkpoints build on it.
import { ShapeError, Tensor, ValueError, formatShape } from '@tensile/core';
import { quoteList } from './errors.js';
import type { ParamsRecord } from './params.js';
import { sameShape } from './params.js';

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Calls `visit` for every tensor in a tree. */
export function forEachTensor(tree: unknown, visit: (tensor: Tensor) => void): void {
  if (tree instanceof Tensor) visit(tree);
  else if (Array.isArray(tree)) for (const item of tree) forEachTensor(item, visit);
  else if (isPlainObject(tree))
    for (const value of Object.values(tree)) forEachTensor(value, visit);
}

export function tensorsOf(...trees: unknown[]): Set<Tensor> {
  const found = new Set<Tensor>();
  for (const tree of trees) forEachTensor(tree, (t) => found.add(t));
  return found;
}

/** A copy of a tree with each tensor replaced by `fn(tensor, path)`; other leaves are kept. */
export function mapTensors<T>(tree: T, fn: (tensor: Tensor, path: readonly string[]) => Tensor): T {
  const walk = (node: unknown, path: string[]): unknown => {
    if (node instanceof Tensor) return fn(node, path);
    if (Array.isArray(node)) return node.map((item, i) => walk(item, [...path, String(i)]));
    if (isPlainObject(node)) {
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(node)) out[key] = walk(value, [...path, key]);
      return out;
    }
    return node;
  };
  // The walk rebuilds the same structure, so the result has the input's type.
  return walk(tree, []) as T;
}

/** The non-empty records of tensors in a tree: the per-parameter parts of a state. */
export function parameterRecords(tree: unknown): ParamsRecord[] {
  const found: ParamsRecord[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (isPlainObject(node)) {
      const values = Object.values(node);
      if (values.length && values.every((v) => v instanceof Tensor)) {
        found.push(node as ParamsRecord);
      } else values.forEach(walk);
    }
  };
  walk(tree);
  return found;
}

/**
 * Throws unless every per-parameter record of `state` (a record of tensors sharing a name with the
 * gradients) covers exactly the gradients' names with their shapes: a state made for other
 * parameters is caught before any math runs. Records with no name in common with the gradients
 * are not per-parameter and are left alone.
 */
export function assertStateMatches(op: string, state: unknown, grads: ParamsRecord): void {
  const gradNames = Object.keys(grads);
  for (const record of parameterRecords(state)) {
    const names = Object.keys(record);
    if (!names.some((name) => name in grads)) continue;
    for (const name of gradNames) {
      const held = record[name];
      if (held === undefined) {
        throw new ValueError(
          op,
          `grads has parameter '${name}', but the state was made for ${quoteList(names)}`,
        );
      }
      if (!sameShape(held.shape, grads[name].shape)) {
        throw new ShapeError(
          op,
          `grads['${name}'] is ${formatShape(grads[name].shape)} but the state for '${name}' is ${formatShape(held.shape)}`,
        );
      }
    }
    for (const name of names) {
      if (!(name in grads)) {
        throw new ValueError(
          op,
          `grads has no entry for parameter '${name}' (the state was made for ${quoteList(names)})`,
        );
      }
    }
  }
}
