// Every error Tensile throws comes from here, so messages read the same everywhere:
// `<op>: <what is wrong>: <argument> is <shape/dtype/value>`.

/**
 * Marks an error as Tensile's across copies of core and across packages that do not import core
 * (`@tensile/schedulers` brands its errors the same way), so `instanceof TensileError` holds for them.
 */
export const TENSILE_ERROR_BRAND: unique symbol = Symbol.for('tensile.error') as never;

export class TensileError extends Error {
  /** The op, function or parameter that rejected its input. */
  readonly op: string;

  constructor(op: string, message: string) {
    super(`${op}: ${message}`);
    this.op = op;
    this.name = new.target.name;
    Object.defineProperty(this, TENSILE_ERROR_BRAND, { value: true });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this !== TensileError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as { [TENSILE_ERROR_BRAND]?: boolean })[TENSILE_ERROR_BRAND] === true
    );
  }
}

/** Shapes that do not fit together (broadcasting, matMul inner dimensions, concat, reshape …). */
export class ShapeError extends TensileError {}
/** A dtype the op does not accept, or two inputs whose dtypes differ. */
export class DtypeError extends TensileError {}
/** An axis outside [-rank, rank). */
export class AxisError extends TensileError {}
/** An argument with a value outside its domain (negative rate, empty list, unknown option …). */
export class ValueError extends TensileError {}
/** Use of a tensor or variable after `dispose()`. */
export class DisposedError extends TensileError {}
/** Unknown backend, or a backend that failed to initialize. */
export class BackendError extends TensileError {}
/** A kernel that the active backend does not implement. */
export class KernelNotFoundError extends TensileError {}
/** NaN or Infinity where a finite number is required (a loss during training). */
export class NonFiniteError extends TensileError {}
/** A malformed, truncated or mismatched file. */
export class FormatError extends TensileError {}

/** `[2,3]`: the shape notation used in every message. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(',')}]`;
}

/** Shorthand for the most common message: `<op>: <arg> must be <expected>, got <actual>`. */
export function invalidArgument(
  op: string,
  arg: string,
  expected: string,
  actual: unknown,
): ValueError {
  return new ValueError(op, `${arg} must be ${expected}, got ${describeValue(actual)}`);
}

export function describeValue(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return `[${value.map(describeValue).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const shape = (value as { shape?: unknown }).shape;
    if (Array.isArray(shape)) return `a tensor of shape ${formatShape(shape as number[])}`;
    return Object.prototype.toString.call(value);
  }
  return String(value);
}
