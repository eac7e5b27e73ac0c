// What every schedule is: a pure function of the step that also knows its own name and
// parameters, so it can be plotted, saved in a model's config and rebuilt by `scheduleFromConfig`.
import { invalidParameter } from './errors.js';
import { checkStep } from './validate.js';

/** A schedule's parameters: plain JSON (numbers, strings, booleans, arrays, nested configs). */
export type ScheduleParams = Readonly<Record<string, unknown>>;

/** A schedule as stored in a saved model: the factory's name and its resolved parameters. */
export interface ScheduleConfig {
  readonly name: string;
  readonly params: ScheduleParams;
}

/**
 * `(t) => value` for any finite t ≥ 0, where t counts completed optimizer (or epoch) steps:
 * `schedule(t)` is what PyTorch's scheduler reports after t calls of `step()`.
 */
export interface Schedule<P extends ScheduleParams = ScheduleParams> {
  (t: number): number;
  /** The factory that built it (`'cosineAnnealingLR'`), the key `scheduleFromConfig` looks up. */
  readonly name: string;
  /** Every parameter, defaults included, frozen: `factory(params)` rebuilds the same schedule. */
  readonly params: Readonly<P>;
  /** `{name, params}`, so `JSON.stringify(schedule)` writes the config. */
  toJSON(): ScheduleConfig;
}

/** A schedule that also cycles momentum (SGD's `momentum`, or Adam's `beta1`) against the lr. */
export interface CyclicalSchedule<P extends ScheduleParams = ScheduleParams> extends Schedule<P> {
  /** Present when `cycleMomentum` is true (the default); absent, the optimizer's value holds. */
  readonly momentum?: (t: number) => number;
}

/**
 * Makes a schedule out of a formula: checks t on every call, freezes the params and attaches the
 * metadata. The built-ins use it, and so can a third-party schedule (see `registerSchedule`).
 */
export function defineSchedule<P extends ScheduleParams>(
  name: string,
  params: P,
  formula: (t: number) => number,
): Schedule<P> {
  if (typeof name !== 'string' || name === '') {
    throw invalidParameter('defineSchedule', 'name', 'a non-empty string', name);
  }
  if (typeof formula !== 'function') {
    throw invalidParameter('defineSchedule', 'formula', 'a function', formula);
  }
  const frozen = deepFreeze(params);
  const schedule = Object.assign((t: number): number => formula(checkStep(name, t)), {
    params: frozen,
    toJSON: (): ScheduleConfig => ({ name, params: frozen }),
  });
  // A function's own `name` is read-only; redefining it is the only way to set it.
  Object.defineProperty(schedule, 'name', { value: name });
  return schedule;
}

/** Adds `.momentum(t)` (checked like the lr) to a schedule. */
export function withMomentum<P extends ScheduleParams>(
  schedule: Schedule<P>,
  momentum: ((t: number) => number) | undefined,
): CyclicalSchedule<P> {
  if (momentum === undefined) return schedule;
  const name = schedule.name;
  return Object.assign(schedule, { momentum: (t: number): number => momentum(checkStep(name, t)) });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
