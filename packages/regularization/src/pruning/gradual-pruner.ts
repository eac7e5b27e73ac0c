// Gradual magnitude pruning during training: at each pruning turn of a sparsity schedule the
// masks are recomputed from the current weights at the schedule's sparsity, and after every step
// they are multiplied back in. Weights already pruned are 0, hence the smallest, so they stay
// pruned as the sparsity rises.
import type { Tensor, Variable } from '@tensile/core';
import { DisposedError, dispose, invalidArgument, keep } from '@tensile/core';
import { checkNumber, checkOneOf, checkOptions, isPlainRecord } from '../validate.js';
import type { PruningScope } from './magnitude-prune.js';
import { magnitudePrune } from './magnitude-prune.js';
import { applyMasks, measureSparsity } from './masks.js';
import type { SparsitySchedule } from './schedules.js';

export interface GradualPrunerOptions {
  schedule: SparsitySchedule;
  scope?: PruningScope;
}

export interface GradualPruningStep {
  /** Masks were recomputed at this step. */
  pruned: boolean;
  /** The schedule's sparsity at this step (what the masks hold after a pruning turn). */
  targetSparsity: number;
}

export interface GradualPruner {
  /** Call after the optimizer update of step `step` (0-based): re-masks, recomputing on a turn. */
  step(step: number): GradualPruningStep;
  /** The current masks by variable name (null before the first pruning turn). */
  readonly masks: Readonly<Record<string, Tensor>> | null;
  /** The measured fraction of zero weights over all the variables. */
  sparsity(): number;
  /** Frees the masks. */
  dispose(): void;
}

export function gradualPruner(
  variables: Readonly<Record<string, Variable>>,
  options: GradualPrunerOptions,
): GradualPruner {
  const op = 'gradualPruner';
  if (!isPlainRecord(variables)) throw invalidArgument(op, 'variables', 'a record', variables);
  const o = checkOptions(op, options, ['schedule', 'scope']);
  const schedule = o.schedule;
  if (typeof schedule !== 'function' || typeof schedule.shouldPrune !== 'function') {
    throw invalidArgument(
      op,
      'schedule',
      'a sparsity schedule (polynomialDecaySparsity, …)',
      schedule,
    );
  }
  const scope = checkOneOf(op, 'scope', o.scope, ['layer', 'global'], 'layer');
  let masks: Record<string, Tensor> | null = null;
  let disposed = false;
  return {
    step(step) {
      if (disposed) throw new DisposedError(`${op}.step`, 'the pruner was disposed');
      checkNumber(`${op}.step`, 'step', step, { ge: 0 }, true);
      const targetSparsity = schedule(step);
      const pruned = schedule.shouldPrune(step);
      if (pruned) {
        const next = magnitudePrune(variables, { sparsity: targetSparsity, scope });
        for (const m of Object.values(next)) keep(m);
        if (masks !== null) dispose(masks);
        masks = next;
      }
      if (masks !== null) applyMasks(variables, masks);
      return { pruned, targetSparsity };
    },
    get masks() {
      return masks;
    },
    sparsity() {
      return measureSparsity(variables);
    },
    dispose() {
      if (masks !== null) dispose(masks);
      masks = null;
      disposed = true;
    },
  };
}
