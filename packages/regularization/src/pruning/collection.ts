// Pruning functions take one tensor, a list, or a record of named tensors, and answer in the same
// form. Internally they work on an ordered list of entries; that order is the global ranking's
// tie-break (list indices, or record keys in insertion order).
import { Tensor, invalidArgument } from '@tensile/core';
import { checkTensor, isPlainRecord } from '../validate.js';

export type WeightCollection = Tensor | readonly Tensor[] | Readonly<Record<string, Tensor>>;

/** The answer to a WeightCollection W: the same form, one V per tensor. */
export type MatchingCollection<W, V> = W extends Tensor
  ? V
  : W extends readonly Tensor[]
    ? V[]
    : Record<string, V>;

export interface Entry {
  key: string;
  /** How messages name it: `weights`, `weights[1]`, `weights.kernel`. */
  label: string;
  tensor: Tensor;
}

export function entriesOf(op: string, weights: unknown): Entry[] {
  const entry = (key: string, label: string, t: unknown): Entry => ({
    key,
    label,
    tensor: checkTensor(op, label, t),
  });
  if (weights instanceof Tensor) return [entry('0', 'weights', weights)];
  if (Array.isArray(weights)) return weights.map((t, i) => entry(String(i), `weights[${i}]`, t));
  if (isPlainRecord(weights)) {
    return Object.entries(weights).map(([key, t]) => entry(key, `weights.${key}`, t));
  }
  throw invalidArgument(
    op,
    'weights',
    'a tensor, an array of tensors or a record of tensors',
    weights,
  );
}

/** Puts per-entry values back in the form `weights` had. */
export function shapedLike<V>(weights: unknown, entries: readonly Entry[], values: V[]): unknown {
  if (weights instanceof Tensor) return values[0];
  if (Array.isArray(weights)) return values;
  return Object.fromEntries(entries.map((e, i) => [e.key, values[i]]));
}
