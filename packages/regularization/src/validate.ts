// Argument checks shared by every function of the package. Each names the function and the
// argument and shows the offending value, as core's errors do: `dropout: rate must be in [0, 1),
// got 1.2`. Nothing is coerced: a wrong type or an unknown option is an error, not a guess.
import {
  DtypeError,
  Tensor,
  ValueError,
  describeValue,
  formatShape,
  invalidArgument,
  isFloatDType,
} from '@tensile/core';

/** Bounds on a number; `gt`/`lt` are exclusive, `ge`/`le` inclusive. */
export interface Bounds {
  gt?: number;
  ge?: number;
  lt?: number;
  le?: number;
}

/** `> 0`, `in [0, 1)`, …: the bounds as they read in a message. */
export function describeBounds(b: Bounds): string {
  const low = b.gt ?? b.ge;
  const high = b.lt ?? b.le;
  if (low !== undefined && high !== undefined) {
    return `in ${b.gt !== undefined ? '(' : '['}${low}, ${high}${b.lt !== undefined ? ')' : ']'}`;
  }
  if (b.gt !== undefined) return `> ${b.gt}`;
  if (b.ge !== undefined) return `≥ ${b.ge}`;
  if (b.lt !== undefined) return `< ${b.lt}`;
  if (b.le !== undefined) return `≤ ${b.le}`;
  return 'finite';
}

function inBounds(x: number, b: Bounds): boolean {
  return (
    (b.gt === undefined || x > b.gt) &&
    (b.ge === undefined || x >= b.ge) &&
    (b.lt === undefined || x < b.lt) &&
    (b.le === undefined || x <= b.le)
  );
}

/** A finite number within `bounds` (an integer when `integer`). */
export function checkNumber(
  op: string,
  name: string,
  value: unknown,
  bounds: Bounds = {},
  integer = false,
): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!integer || Number.isInteger(value)) &&
    inBounds(value, bounds);
  if (!ok) {
    const kind = integer ? 'an integer' : 'a finite number';
    const bound = describeBounds(bounds);
    throw invalidArgument(op, name, bound === 'finite' ? kind : `${kind} ${bound}`, value);
  }
  return value as number;
}

export function checkBoolean(op: string, name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw invalidArgument(op, name, 'a boolean', value);
  return value;
}

export function checkOneOf<T extends string>(
  op: string,
  name: string,
  value: unknown,
  choices: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (!(choices as readonly unknown[]).includes(value)) {
    throw invalidArgument(op, name, `one of ${choices.map((c) => `'${c}'`).join(', ')}`, value);
  }
  return value as T;
}

/** A seed as core's RNG takes it: a non-negative safe integer, or undefined (the global stream). */
export function checkSeed(op: string, seed: unknown): number | undefined {
  if (seed === undefined) return undefined;
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0) {
    throw invalidArgument(op, 'seed', 'a non-negative safe integer', seed);
  }
  return seed;
}

/**
 * An options object whose keys are all known: a misspelt option (`noise_shape`) is an error
 * instead of being ignored.
 */
export function checkOptions<O extends object>(
  op: string,
  options: O | undefined,
  known: readonly (keyof O & string)[],
): O {
  if (options === undefined) return {} as O;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw invalidArgument(op, 'options', 'an object', options);
  }
  for (const key of Object.keys(options)) {
    if (!(known as readonly string[]).includes(key)) {
      throw new ValueError(
        op,
        `unknown option '${key}' (known: ${known.length ? known.join(', ') : 'none'})`,
      );
    }
  }
  return options;
}

/** A usable (not disposed) tensor. */
export function checkTensor(op: string, name: string, value: unknown): Tensor {
  if (!(value instanceof Tensor)) throw invalidArgument(op, name, 'a Tensor', value);
  value.assertUsable(op, name);
  return value;
}

/** A usable float32/float64 tensor. */
export function checkFloatTensor(op: string, name: string, value: unknown): Tensor {
  const t = checkTensor(op, name, value);
  if (!isFloatDType(t.dtype)) {
    throw new DtypeError(
      op,
      `${name} must be a float tensor, got ${t.dtype} of shape ${formatShape(t.shape)}; cast it first`,
    );
  }
  return t;
}

/** A rate of the dropout family: a probability in [0, 1). */
export function checkRate(op: string, rate: unknown): number {
  return checkNumber(op, 'rate', rate, { ge: 0, lt: 1 });
}

/** A plain object (not an array, not null), e.g. a record of named tensors. */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export { describeValue };
