// Every error this package throws is one of core's TensileError subclasses, built here so messages
// read the same everywhere: `<function>: <what is wrong>, got <value>`.
import { ValueError, describeValue } from '@tensile/core';

/** `<op>: <name> must be <expected>, got <value>`. */
export function invalidOption(
  op: string,
  name: string,
  expected: string,
  value: unknown,
): ValueError {
  return new ValueError(op, `${name} must be ${expected}, got ${describeOption(value)}`);
}

/** `<op>: unknown <kind> 'x'; expected one of 'a', 'b'` (the label may differ). */
export function unknownName(
  op: string,
  kind: string,
  name: string,
  known: readonly string[],
  label = 'expected one of',
): ValueError {
  const list = known.length ? `${label} ${quoteList(known)}` : `${label} none`;
  return new ValueError(op, `unknown ${kind} '${name}'; ${list}`);
}

/** `'a', 'b', 'c'`. */
export function quoteList(names: readonly string[]): string {
  return names.map((n) => `'${n}'`).join(', ');
}

/** Like core's describeValue, but says "a function" for schedules instead of printing them. */
export function describeOption(value: unknown): string {
  if (typeof value === 'function') return 'a function';
  return describeValue(value);
}
