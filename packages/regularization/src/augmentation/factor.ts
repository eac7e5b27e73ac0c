// The factor arguments of the random transforms, Keras-style: a number f means the range
// [−f, f]; a pair [lower, upper] is taken as is.
import { ValueError, invalidArgument } from '@tensile/core';
import type { Bounds } from '../validate.js';
import { checkNumber } from '../validate.js';

export type FactorRange = number | readonly [number, number];

/** [lower, upper] with lower ≤ upper; a bare f is checked against `single`, a pair's ends against `pair`. */
export function factorRange(
  op: string,
  name: string,
  value: unknown,
  single: Bounds,
  pair: Bounds,
): [number, number] {
  if (typeof value === 'number') {
    const f = checkNumber(op, name, value, single);
    return [-f, f];
  }
  if (!Array.isArray(value) || value.length !== 2) {
    throw invalidArgument(op, name, 'a number or a pair [lower, upper]', value);
  }
  const lower = checkNumber(op, `${name}[0]`, value[0], pair);
  const upper = checkNumber(op, `${name}[1]`, value[1], pair);
  if (lower > upper) {
    throw new ValueError(op, `${name} must have lower ≤ upper, got [${lower}, ${upper}]`);
  }
  return [lower, upper];
}

/** lower + (upper − lower)·u. */
export function lerp([lower, upper]: readonly [number, number], u: number): number {
  return lower + (upper - lower) * u;
}
