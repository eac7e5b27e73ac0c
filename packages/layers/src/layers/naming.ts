// Layer and variable names: Keras's unique layer names, and engine-unique variable names.
import type { Tensor, Variable } from '@tensile/core';
import * as tl from '@tensile/core';

const nameCounts = new Map<string, number>();

/** Keras's naming: the first `dense`, then `dense_1`, `dense_2`, … */
export function uniqueLayerName(prefix: string): string {
  const n = nameCounts.get(prefix) ?? 0;
  nameCounts.set(prefix, n + 1);
  return n === 0 ? prefix : `${prefix}_${n}`;
}

/**
 * A variable named `name` in the engine, or `name#2`, `name#3`, … when another model (say, the
 * one a model was loaded from) already holds that name: engine names must be unique, while a
 * weight's `path` only needs to be unique within its model.
 */
export function makeVariable(initial: Tensor, name: string, trainable: boolean): Variable {
  for (let attempt = 1; ; attempt++) {
    const candidate = attempt === 1 ? name : `${name}#${attempt}`;
    try {
      return tl.variable(initial, { name: candidate, trainable });
    } catch (error) {
      if (!(error instanceof tl.ValueError) || attempt > 10_000) throw error;
    }
  }
}
