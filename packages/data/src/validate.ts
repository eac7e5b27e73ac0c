// Argument checks shared by the data functions; messages follow core's `<op>: <arg> must be …`.
import { Tensor, ValueError, invalidArgument } from '@tensile/core';

/** An integer ≥ min (a count, a size, an index bound). */
export function assertInteger(op: string, arg: string, value: number, min = 0): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw invalidArgument(
      op,
      arg,
      min === 0 ? 'a non-negative integer' : `an integer ≥ ${min}`,
      value,
    );
  }
}

/** A finite number ≥ min (noise levels, standard deviations). */
export function assertFiniteAtLeast(op: string, arg: string, value: number, min: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw invalidArgument(op, arg, `a finite number ≥ ${min}`, value);
  }
}

export function assertBoolean(op: string, arg: string, value: unknown): void {
  if (typeof value !== 'boolean') throw invalidArgument(op, arg, 'true or false', value);
}

/** A tensor that has not been disposed. */
export function assertTensor(op: string, arg: string, value: unknown): asserts value is Tensor {
  if (!(value instanceof Tensor)) throw invalidArgument(op, arg, 'a Tensor', value);
  value.assertUsable(op, arg);
}

/** Rejects keys an options object does not know, so a typo never silently falls back to a default. */
export function assertKnownOptions(op: string, options: object, known: readonly string[]): void {
  if (typeof options !== 'object' || options === null) {
    throw invalidArgument(op, 'options', 'an object', options);
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new ValueError(
        op,
        `unknown option '${key}'; expected one of ${known.map((k) => `'${k}'`).join(', ')}`,
      );
    }
  }
}
