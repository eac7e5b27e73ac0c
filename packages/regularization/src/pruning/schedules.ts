// Sparsity schedules for gradual pruning, as TensorFlow Model Optimization's `PolynomialDecay`
// and `ConstantSparsity`. A schedule gives the target sparsity at a step and whether masks are
// recomputed at that step (every `frequency` steps from `beginStep` through `endStep`).
import { ValueError } from '@tensile/core';
import { checkNumber, checkOptions } from '../validate.js';

export interface SparsitySchedule {
  /** The target sparsity at `step`. */
  (step: number): number;
  /** Whether masks are recomputed at `step`. */
  shouldPrune(step: number): boolean;
  readonly name: string;
  readonly config: Readonly<Record<string, number>>;
}

export interface PolynomialDecaySparsityOptions {
  /** Sparsity at beginStep, in [0, 1) (default 0). */
  initialSparsity?: number;
  /** Sparsity from endStep on, in [0, 1). */
  finalSparsity: number;
  /** First pruning step (default 0). */
  beginStep?: number;
  /** Step at which finalSparsity is reached (> beginStep). */
  endStep: number;
  /** Steps between mask updates (default 100). */
  frequency?: number;
  /** Exponent of the decay (default 3, Zhu & Gupta's cubic). */
  power?: number;
}

/**
 * Zhu & Gupta (2017): s_t = s_f + (s_i − s_f)·(1 − p)^power with p = clip((t − t₀)/(t_end − t₀),
 * 0, 1), so with power 3 and t = t₀ + kΔt it is s_f + (s_i − s_f)(1 − (t − t₀)/(nΔt))³. Fast
 * pruning early, when many redundant weights exist, slower near the target.
 */
export function polynomialDecaySparsity(options: PolynomialDecaySparsityOptions): SparsitySchedule {
  const op = 'polynomialDecaySparsity';
  const o = checkOptions(op, options, [
    'initialSparsity',
    'finalSparsity',
    'beginStep',
    'endStep',
    'frequency',
    'power',
  ]);
  const initialSparsity = checkNumber(op, 'initialSparsity', o.initialSparsity ?? 0, {
    ge: 0,
    lt: 1,
  });
  const finalSparsity = checkNumber(op, 'finalSparsity', o.finalSparsity, { ge: 0, lt: 1 });
  const beginStep = checkNumber(op, 'beginStep', o.beginStep ?? 0, { ge: 0 }, true);
  const endStep = checkNumber(op, 'endStep', o.endStep, { gt: beginStep }, true);
  const frequency = checkNumber(op, 'frequency', o.frequency ?? 100, { ge: 1 }, true);
  const power = checkNumber(op, 'power', o.power ?? 3, { gt: 0 });
  const config = { initialSparsity, finalSparsity, beginStep, endStep, frequency, power };
  return makeSchedule(op, config, beginStep, endStep, frequency, (step) => {
    const p = Math.min(1, Math.max(0, (step - beginStep) / (endStep - beginStep)));
    return finalSparsity + (initialSparsity - finalSparsity) * (1 - p) ** power;
  });
}

export interface ConstantSparsityOptions {
  /** The sparsity, in [0, 1). */
  targetSparsity: number;
  beginStep?: number;
  /** Last pruning step; −1 (default) prunes on every turn forever. */
  endStep?: number;
  frequency?: number;
}

/** One sparsity throughout, masks recomputed every `frequency` steps from beginStep. */
export function constantSparsity(options: ConstantSparsityOptions): SparsitySchedule {
  const op = 'constantSparsity';
  const o = checkOptions(op, options, ['targetSparsity', 'beginStep', 'endStep', 'frequency']);
  const target = checkNumber(op, 'targetSparsity', o.targetSparsity, { ge: 0, lt: 1 });
  const beginStep = checkNumber(op, 'beginStep', o.beginStep ?? 0, { ge: 0 }, true);
  const endStep = checkNumber(op, 'endStep', o.endStep ?? -1, { ge: -1 }, true);
  if (endStep !== -1 && endStep < beginStep) {
    throw new ValueError(op, `endStep must be -1 or ≥ beginStep (${beginStep}), got ${endStep}`);
  }
  const frequency = checkNumber(op, 'frequency', o.frequency ?? 100, { ge: 1 }, true);
  const config = { targetSparsity: target, beginStep, endStep, frequency };
  return makeSchedule(op, config, beginStep, endStep, frequency, () => target);
}

function makeSchedule(
  name: string,
  config: Record<string, number>,
  beginStep: number,
  endStep: number,
  frequency: number,
  sparsityAt: (step: number) => number,
): SparsitySchedule {
  const checkStep = (fn: string, step: number): number =>
    checkNumber(`${name}.${fn}`, 'step', step, { ge: 0 }, true);
  const schedule = Object.assign((step: number) => sparsityAt(checkStep('call', step)), {
    // TF-MOT: in [beginStep, endStep] (endStep −1: no end) and on a multiple of frequency.
    shouldPrune: (step: number): boolean => {
      const t = checkStep('shouldPrune', step);
      return (
        t >= beginStep && (endStep === -1 || t <= endStep) && (t - beginStep) % frequency === 0
      );
    },
    config: Object.freeze({ ...config }),
  });
  Object.defineProperty(schedule, 'name', { value: name });
  return schedule;
}
