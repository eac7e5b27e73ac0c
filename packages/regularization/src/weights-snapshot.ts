// A copy of a set of named variables that can be written back later: what early stopping's
// restoreBestWeights needs, and what the layers package reuses for its callback.
//
// The copy is a view of each variable's current buffer (`tl.clone` copies nothing): core never
// writes a buffer in place, `Variable.assign` points the variable at a new buffer, so the view
// keeps the old values alive at no cost until the snapshot is disposed.
import type { Tensor, Variable } from '@tensile/core';
import {
  DisposedError,
  ShapeError,
  ValueError,
  clone,
  formatShape,
  invalidArgument,
  keep,
  shapesEqual,
} from '@tensile/core';
import { isPlainRecord } from './validate.js';

export interface WeightsSnapshot {
  /** The variable names held, in the record's order. */
  readonly names: readonly string[];
  readonly isDisposed: boolean;
  /** Writes the held values back into `variables`, which must have exactly the same names and shapes. */
  restore(variables: Readonly<Record<string, Variable>>): void;
  /** Frees the held tensors; a disposed snapshot cannot restore. */
  dispose(): void;
}

/** Holds the current values of `variables` (surviving every `tidy` scope) until disposed. */
export function snapshotWeights(variables: Readonly<Record<string, Variable>>): WeightsSnapshot {
  const op = 'snapshotWeights';
  if (!isPlainRecord(variables)) {
    throw invalidArgument(op, 'variables', 'a record of variables', variables);
  }
  const held = new Map<string, Tensor>();
  for (const [name, v] of Object.entries(variables)) {
    if (typeof v !== 'object' || v === null || typeof v.assign !== 'function') {
      for (const t of held.values()) t.dispose();
      throw invalidArgument(op, `variables.${name}`, 'a Variable', v);
    }
    v.assertUsable(op, `variables.${name}`);
    held.set(name, keep(clone(v)));
  }
  let disposed = false;
  return {
    names: Object.freeze([...held.keys()]),
    get isDisposed() {
      return disposed;
    },
    restore(target) {
      const rop = 'WeightsSnapshot.restore';
      if (disposed) throw new DisposedError(rop, 'the snapshot was disposed');
      if (!isPlainRecord(target)) throw invalidArgument(rop, 'variables', 'a record', target);
      const names = Object.keys(target);
      const missing = [...held.keys()].filter((n) => !(n in target));
      const unknown = names.filter((n) => !held.has(n));
      if (missing.length || unknown.length) {
        throw new ValueError(
          rop,
          `variables differ from the snapshot: missing ${missing.join(', ') || 'none'}; not in the snapshot ${unknown.join(', ') || 'none'}`,
        );
      }
      // Check everything before assigning anything, so a mismatch leaves the variables as they were.
      for (const [name, saved] of held) {
        const v = target[name];
        if (!shapesEqual(v.shape, saved.shape) || v.dtype !== saved.dtype) {
          throw new ShapeError(
            rop,
            `variable '${name}' is ${formatShape(v.shape)} ${v.dtype}, the snapshot holds ${formatShape(saved.shape)} ${saved.dtype}`,
          );
        }
      }
      for (const [name, saved] of held) target[name].assign(saved);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const t of held.values()) t.dispose();
      held.clear();
    },
  };
}
