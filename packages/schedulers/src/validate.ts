// Parameter checks shared by every factory. Each check names the factory and the parameter and
// shows the offending value, so a bad config fails at construction with a message that says what to
// fix, never later with a NaN learning rate.
import { ScheduleError, describeValue, invalidParameter } from './errors.js';

/** Bounds on a number; `gt`/`lt` are exclusive, `ge`/`le` inclusive. */
export interface Bounds {
  gt?: number;
  ge?: number;
  lt?: number;
  le?: number;
}

/** `> 0`, `in (0, 1]`, …: the bounds as they read in a message, or '' without bounds. */
export function describeBounds(b: Bounds): string {
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

function withinBounds(x: number, b: Bounds): boolean {
  return (
    (b.gt === undefined || x > b.gt) &&
    (b.ge === undefined || x >= b.ge) &&
    (b.lt === undefined || x < b.lt) &&
    (b.le === undefined || x <= b.le)
  );
}

/** A finite number within `bounds` (and an integer when asked), or a ScheduleError naming it. */
export function checkNumber(
  op: string,
  name: string,
  value: unknown,
  bounds: Bounds = {},
  integer = false,
): number {
  const range = describeBounds(bounds);
  const kind = integer ? 'an integer' : 'a finite number';
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalidParameter(op, name, range === '' ? kind : `${kind} ${range}`, value);
  }
  if (!withinBounds(value, bounds)) throw invalidParameter(op, name, range, value);
  if (integer && !Number.isInteger(value)) throw invalidParameter(op, name, kind, value);
  return value;
}

/** The step a schedule is evaluated at: any finite t ≥ 0 (fractional t, e.g. epochs, is fine). */
export function checkStep(op: string, t: unknown): number {
  if (typeof t !== 'number' || !Number.isFinite(t) || t < 0) {
    throw invalidParameter(op, 't', 'a finite number >= 0', t);
  }
  return t;
}

/**
 * Reads one options object: rejects anything that is not a plain object and any key the factory
 * does not know (a Python spelling such as `eta_min` would otherwise be silently ignored), then
 * hands out checked values with their defaults.
 */
export class OptionReader<O extends object> {
  private readonly values: Readonly<Record<string, unknown>>;

  constructor(
    readonly op: string,
    options: O,
    keys: readonly (keyof O & string)[],
  ) {
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
      throw invalidParameter(op, 'options', 'an object', options);
    }
    const values = options as Readonly<Record<string, unknown>>;
    for (const key of Object.keys(values)) {
      if (!(keys as readonly string[]).includes(key)) {
        throw new ScheduleError(
          op,
          `unknown option '${key}' (expected ${keys.map((k) => `'${k}'`).join(', ')})`,
        );
      }
    }
    this.values = values;
  }

  /** Whether the caller set `name`; `undefined` and `null` (JSON's Python None) count as absent. */
  has(name: keyof O & string): boolean {
    return this.values[name] != null;
  }

  raw(name: keyof O & string): unknown {
    return this.values[name];
  }

  number(name: keyof O & string, bounds: Bounds, fallback?: number): number {
    const value = this.values[name] ?? fallback;
    return checkNumber(this.op, name, value, bounds);
  }

  integer(name: keyof O & string, bounds: Bounds, fallback?: number): number {
    const value = this.values[name] ?? fallback;
    return checkNumber(this.op, name, value, bounds, true);
  }

  /** A learning rate (or momentum): finite and ≥ 0. */
  rate(name: keyof O & string, fallback?: number): number {
    return this.number(name, { ge: 0 }, fallback);
  }

  boolean(name: keyof O & string, fallback: boolean): boolean {
    const value = this.values[name] ?? fallback;
    if (typeof value !== 'boolean') throw invalidParameter(this.op, name, 'true or false', value);
    return value;
  }

  oneOf<T extends string>(name: keyof O & string, choices: readonly T[], fallback: T): T {
    const value = this.values[name] ?? fallback;
    if (!(choices as readonly unknown[]).includes(value)) {
      const expected = `one of ${choices.map((c) => `'${c}'`).join(', ')}`;
      throw invalidParameter(this.op, name, expected, value);
    }
    return value as T;
  }

  /** An array of numbers, each checked as `name[i]`; the result is a fresh copy. */
  numbers(name: keyof O & string, bounds: Bounds, integer = false): number[] {
    const value = this.values[name];
    if (!Array.isArray(value)) throw invalidParameter(this.op, name, 'an array', value);
    return value.map((x: unknown, i) => checkNumber(this.op, `${name}[${i}]`, x, bounds, integer));
  }
}

/** Throws unless `values` is strictly increasing (boundaries, milestones). */
export function checkIncreasing(op: string, name: string, values: readonly number[]): void {
  for (let i = 1; i < values.length; i++) {
    if (!(values[i] > values[i - 1])) {
      throw new ScheduleError(
        op,
        `${name} must be strictly increasing, got ${describeValue(values)} (${name}[${i}] = ${values[i]} <= ${values[i - 1]})`,
      );
    }
  }
}
