// A copy of a model's weights to write back later (the last good epoch when a loss turns NaN, the
// best epoch for early stopping). Buffers are immutable in core (`assign` swaps them), so a
// snapshot is a set of views: it copies nothing and keeps the old values alive until disposed.
import type { Tensor, Variable } from '@tensile/core';
import * as tl from '@tensile/core';

export interface WeightsSnapshot {
  /** Writes the held values back (same names; shapes were fixed when the model was built). */
  restore(variables: Readonly<Record<string, Variable>>): void;
  dispose(): void;
}

export function snapshotWeights(variables: Readonly<Record<string, Variable>>): WeightsSnapshot {
  const held = new Map<string, Tensor>(
    Object.entries(variables).map(([name, v]) => [name, tl.keep(tl.clone(v))]),
  );
  return {
    restore(target) {
      for (const [name, value] of held) {
        const v = target[name];
        if (v === undefined)
          throw new tl.ValueError('restoreWeights', `the model has no weight '${name}' any more`);
        v.assign(value);
      }
    },
    dispose() {
      for (const t of held.values()) t.dispose();
      held.clear();
    },
  };
}
