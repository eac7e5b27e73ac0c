// Every error this package throws comes from here. The package has no runtime dependency, so it
// cannot extend core's TensileError; it carries core's brand instead, which is what
// `instanceof TensileError` checks (see @tensile/core's errors.ts).

const TENSILE_ERROR_BRAND = Symbol.for('tensile.error');

/** A bad schedule parameter or a bad call, formatted `<op>: <message>` like every Tensile error. */
export class ScheduleError extends Error {
  /** The factory or method that rejected its input, e.g. `'powerDecay'`. */
  readonly op: string;

  constructor(op: string, message: string) {
    super(`${op}: ${message}`);
    this.op = op;
    this.name = 'ScheduleError';
    Object.defineProperty(this, TENSILE_ERROR_BRAND, { value: true });
  }
}

/** `<op>: <name> must be <expected>, got <value>`: the message of almost every parameter check. */
export function invalidParameter(
  op: string,
  name: string,
  expected: string,
  actual: unknown,
): ScheduleError {
  return new ScheduleError(op, `${name} must be ${expected}, got ${describeValue(actual)}`);
}

/** A value as it appears in a message: strings quoted, arrays spelled out, objects by kind. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return `[${value.map(describeValue).join(',')}]`;
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object' && value !== null) return Object.prototype.toString.call(value);
  return String(value);
}
