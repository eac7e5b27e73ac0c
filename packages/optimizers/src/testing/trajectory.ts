// Runs an optimizer on a problem and records where it goes, cleaning up after itself.
import * as tl from '@tensile/core';
import { disposeState } from '../ownership.js';
import type { ParamsRecord } from '../params.js';
import type { GradientTransformation } from '../transform.js';
import { applyUpdates } from '../transform.js';
import type { Problem } from './problems.js';

export interface Trajectory {
  /** The parameters' values after each step, flattened and concatenated by name. */
  readonly values: number[][];
  readonly initialLoss: number;
  readonly finalLoss: number;
}

export interface RunOptions<T extends GradientTransformation<unknown>> {
  steps: number;
  /** Replace the transformation before step k (a learning-rate change, …). */
  before?(k: number, t: T): T;
  /** Change the gradients of step k (they belong to the run and are disposed after it). */
  grads?(grads: ParamsRecord, k: number): ParamsRecord;
}

export function flatValues(params: ParamsRecord): number[] {
  return Object.keys(params)
    .sort()
    .flatMap((name) => Array.from(params[name].dataSync()));
}

/** `steps` functional updates from the problem's start; every tensor made is freed. */
export function runFunctional<T extends GradientTransformation<unknown>>(
  start: T,
  problem: Problem,
  options: RunOptions<T>,
): Trajectory {
  let t = start;
  let params = problem.init();
  const initialLoss = problem.loss(params);
  let state = t.init(params);
  const values: number[][] = [];
  try {
    for (let k = 0; k < options.steps; k++) {
      t = options.before?.(k, t) ?? t;
      const raw = problem.grads(params);
      const grads = options.grads ? tl.tidy(() => options.grads?.(raw, k) ?? raw) : raw;
      const out = t.update(grads, state, params);
      state = out.state;
      const next = applyUpdates(params, out.updates);
      tl.dispose([raw, grads, out.updates, params]);
      params = next;
      values.push(flatValues(params));
    }
    return { values, initialLoss, finalLoss: problem.loss(params) };
  } finally {
    tl.dispose(params);
    disposeState(state);
  }
}

/**
 * The largest relative difference of two trajectories, step by step in the max norm:
 * max over steps of ‖a − b‖∞ / ‖b‖∞ (so float32 round-off of a value near 0 is measured against
 * the size of the parameters, not against itself).
 */
export function maxRelativeDifference(a: Trajectory, b: Trajectory): number {
  let worst = 0;
  a.values.forEach((row, k) => {
    const expected = b.values[k];
    let diff = 0;
    let scale = 0;
    row.forEach((x, i) => {
      diff = Math.max(diff, Math.abs(x - expected[i]));
      scale = Math.max(scale, Math.abs(expected[i]));
    });
    const relative = diff === 0 ? 0 : diff / scale;
    if (!(relative <= worst)) worst = relative;
  });
  return worst;
}

/** Throws a readable Error unless the trajectories agree to `tolerance` (relative). */
export function expectSameTrajectory(
  label: string,
  actual: Trajectory,
  expected: Trajectory,
  tolerance: number,
): void {
  const diff = maxRelativeDifference(actual, expected);
  if (!(diff <= tolerance)) {
    throw new Error(
      `${label}: trajectories differ by ${diff.toExponential(3)} (relative) > ${tolerance}`,
    );
  }
}
