// Saving and restoring schedules: a schedule's `{name, params}` is plain JSON, and the registry
// maps the name back to its factory. Third-party schedules join with `registerSchedule`.
import { ScheduleError, describeValue, invalidParameter } from './errors.js';
import {
  constant,
  exponentialDecay,
  inverseSqrtDecay,
  inverseTimeDecay,
  piecewiseConstant,
  powerDecay,
} from './closed-form.js';
import { type Schedule, type ScheduleConfig } from './schedule.js';
import { sequential } from './sequential.js';
import { cosineAnnealingLR } from './torch/cosine-annealing-lr.js';
import { cosineAnnealingWarmRestarts } from './torch/cosine-annealing-warm-restarts.js';
import { cyclicLR } from './torch/cyclic-lr.js';
import { exponentialLR } from './torch/exponential-lr.js';
import { linearLR } from './torch/linear-lr.js';
import { multiStepLR } from './torch/multi-step-lr.js';
import { oneCycleLR } from './torch/one-cycle-lr.js';
import { stepLR } from './torch/step-lr.js';

/** Rebuilds a schedule from its `params`; it must validate them, since they come from a file. */
export type ScheduleBuilder = (params: Readonly<Record<string, unknown>>) => Schedule;

// The factories check every option at run time, so handing them unchecked params is safe.
const fromOptions =
  <O>(factory: (options: O) => Schedule): ScheduleBuilder =>
  (params) =>
    factory(params as O);

const registry = new Map<string, ScheduleBuilder>([
  ['constant', fromOptions(constant)],
  ['powerDecay', fromOptions(powerDecay)],
  ['exponentialDecay', fromOptions(exponentialDecay)],
  ['inverseTimeDecay', fromOptions(inverseTimeDecay)],
  ['inverseSqrtDecay', fromOptions(inverseSqrtDecay)],
  ['piecewiseConstant', fromOptions(piecewiseConstant)],
  ['stepLR', fromOptions(stepLR)],
  ['multiStepLR', fromOptions(multiStepLR)],
  ['exponentialLR', fromOptions(exponentialLR)],
  ['cosineAnnealingLR', fromOptions(cosineAnnealingLR)],
  ['cosineAnnealingWarmRestarts', fromOptions(cosineAnnealingWarmRestarts)],
  ['linearLR', fromOptions(linearLR)],
  ['oneCycleLR', fromOptions(oneCycleLR)],
  ['cyclicLR', fromOptions(cyclicLR)],
  ['sequential', rebuildSequential],
]);

function rebuildSequential(params: Readonly<Record<string, unknown>>): Schedule {
  const { schedules, milestones } = params;
  if (!Array.isArray(schedules)) {
    throw invalidParameter('sequential', 'schedules', 'an array of {name, params}', schedules);
  }
  return sequential(
    schedules.map((config: unknown) => scheduleFromConfig(config)),
    milestones as number[],
  );
}

/**
 * Makes `scheduleFromConfig` know a schedule built by `defineSchedule`. Registering the same
 * builder twice is harmless; taking a name already used by another builder throws.
 */
export function registerSchedule(name: string, builder: ScheduleBuilder): void {
  if (typeof name !== 'string' || name === '') {
    throw invalidParameter('registerSchedule', 'name', 'a non-empty string', name);
  }
  if (typeof builder !== 'function') {
    throw invalidParameter('registerSchedule', 'builder', 'a function', builder);
  }
  const existing = registry.get(name);
  if (existing !== undefined && existing !== builder) {
    throw new ScheduleError('registerSchedule', `a schedule named '${name}' is already registered`);
  }
  registry.set(name, builder);
}

/** The names `scheduleFromConfig` accepts: the built-ins, then registered ones. */
export function listSchedules(): string[] {
  return [...registry.keys()];
}

/** `{name, params}`, plain JSON: what a saved model stores (same as `schedule.toJSON()`). */
export function scheduleToConfig(schedule: Schedule): ScheduleConfig {
  if (typeof schedule !== 'function' || typeof schedule.toJSON !== 'function') {
    throw invalidParameter('scheduleToConfig', 'schedule', 'a schedule', schedule);
  }
  return schedule.toJSON();
}

/** Rebuilds any registered schedule, `sequential` and its parts included, from `{name, params}`. */
export function scheduleFromConfig(config: unknown): Schedule {
  const op = 'scheduleFromConfig';
  if (typeof config !== 'object' || config === null) {
    throw invalidParameter(op, 'config', 'an object {name, params}', config);
  }
  const { name, params } = config as { name?: unknown; params?: unknown };
  if (typeof name !== 'string') throw invalidParameter(op, 'config.name', 'a string', name);
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    throw invalidParameter(op, 'config.params', 'an object', params);
  }
  const builder = registry.get(name);
  if (builder === undefined) {
    throw new ScheduleError(
      op,
      `unknown schedule ${describeValue(name)} (registered: ${listSchedules().join(', ')})`,
    );
  }
  return builder(params as Readonly<Record<string, unknown>>);
}

/** Alias of `scheduleFromConfig`. */
export const fromConfig = scheduleFromConfig;
