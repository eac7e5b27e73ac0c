// Learning rates and hyper-parameter checks. A learning rate is a number or a schedule: any
// function of the number of completed updates (a `@tensile/schedulers` schedule is one), evaluated
// once per update, so it can also be swapped between steps without touching the state.
import { ValueError } from '@tensile/core';
import { describeOption, invalidOption } from './errors.js';

/** `(step) => lr`, where step counts completed updates (0 for the first update). */
export type Schedule = (step: number) => number;

/** A constant learning rate or a schedule. */
export type LearningRate = number | Schedule;

/** Throws unless `lr` is a finite number ≥ 0 or a function. */
export function checkLearningRate(op: string, lr: unknown, name = 'lr'): LearningRate {
  if (typeof lr === 'function') return lr as Schedule;
  if (typeof lr !== 'number' || !Number.isFinite(lr) || lr < 0) {
    throw invalidOption(op, name, 'a number >= 0 or a schedule (step) => lr', lr);
  }
  return lr;
}

/** The learning rate of update number `step` (0-based), checking what a schedule returns. */
export function learningRateAt(op: string, lr: LearningRate, step: number): number {
  if (typeof lr === 'number') return lr;
  const value: unknown = lr(step);
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ValueError(
      op,
      `the lr schedule returned ${describeOption(value)} at step ${step}; it must return a finite number >= 0`,
    );
  }
  return value;
}

/** Bounds on a number; `gt`/`lt` exclusive, `ge`/`le` inclusive. */
export interface Bounds {
  gt?: number;
  ge?: number;
  lt?: number;
  le?: number;
}

function describeBounds(b: Bounds): string {
  const low = b.gt ?? b.ge;
  const high = b.lt ?? b.le;
  if (low !== undefined && high !== undefined) {
    return `in ${b.gt !== undefined ? '(' : '['}${low}, ${high}${b.lt !== undefined ? ')' : ']'}`;
  }
  if (b.gt !== undefined) return `> ${b.gt}`;
  if (b.ge !== undefined) return `>= ${b.ge}`;
  if (b.lt !== undefined) return `< ${b.lt}`;
  if (b.le !== undefined) return `<= ${b.le}`;
  return '';
}

/** A finite number within `bounds`, or a ValueError naming the option and the value. */
export function checkNumber(op: string, name: string, value: unknown, bounds: Bounds = {}): number {
  const range = describeBounds(bounds);
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (bounds.gt === undefined || value > bounds.gt) &&
    (bounds.ge === undefined || value >= bounds.ge) &&
    (bounds.lt === undefined || value < bounds.lt) &&
    (bounds.le === undefined || value <= bounds.le);
  if (!ok)
    throw invalidOption(op, name, range ? `a finite number ${range}` : 'a finite number', value);
  return value as number;
}

export function checkBoolean(op: string, name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw invalidOption(op, name, 'true or false', value);
  return value;
}

/** PyTorch's `betas`: two coefficients, each in [0, 1). */
export function checkBetas(op: string, value: unknown): readonly [number, number] {
  if (!Array.isArray(value) || value.length !== 2) {
    throw invalidOption(op, 'betas', 'a pair [beta1, beta2]', value);
  }
  return [
    checkNumber(op, 'betas[0]', value[0], { ge: 0, lt: 1 }),
    checkNumber(op, 'betas[1]', value[1], { ge: 0, lt: 1 }),
  ];
}
