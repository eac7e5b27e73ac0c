// Who owns which tensor between two steps, in one place.
//
//   grads, params  belong to the caller: a transformation never disposes or keeps them.
//   updates        are new tensors that belong to the caller (never an alias of grads, params or
//                  state), made in the caller's scope: dispose them, or let an enclosing tidy do it.
//   state          belongs to the transformation: its tensors are kept (they survive every tidy),
//                  and `update` disposes the ones it replaces, so the state passed in is consumed
//                  and only the returned one may be used afterwards. Free the last state with
//                  `disposeState(state)` when done.
//
// `defineTransformation` applies these rules around any update function, with the helpers below.
import type { Tensor } from '@tensile/core';
import { clone, keep } from '@tensile/core';
import type { ParamsRecord } from './params.js';
import { mapRecord } from './params.js';
import { forEachTensor, mapTensors, tensorsOf } from './state-tree.js';

/**
 * `tree` with every tensor that also appears in `taken` replaced by a clone (a view: nothing is
 * copied), so that disposing one owner's tensors never frees another's.
 */
export function unaliased<T>(tree: T, taken: ReadonlySet<Tensor>): T {
  return mapTensors(tree, (t) => (taken.has(t) ? clone(t) : t));
}

/** Updates that share no tensor with `taken` (grads, params, state). */
export function freshUpdates(updates: ParamsRecord, taken: ReadonlySet<Tensor>): ParamsRecord {
  return mapRecord(updates, (t) => (taken.has(t) ? clone(t) : t));
}

/** Marks every tensor of a state as kept, so it outlives the scope that made it. */
export function keepState(state: unknown): void {
  forEachTensor(state, (t) => {
    keep(t);
  });
}

/** Disposes the tensors of `previous` that `next` no longer holds. */
export function disposeReplaced(previous: unknown, next: unknown): void {
  const still = tensorsOf(next);
  forEachTensor(previous, (t) => {
    if (!still.has(t)) t.dispose();
  });
}

/** Frees every tensor of a state (the last one, when training is over). */
export function disposeState(state: unknown): void {
  forEachTensor(state, (t) => t.dispose());
}
