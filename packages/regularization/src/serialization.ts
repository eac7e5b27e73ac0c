// What penalties and constraints share so a saved model can restore them: a function that carries
// its factory's `name` and its resolved `config` (plain JSON), and a registry that maps the name
// back to a builder. Third-party penalties and constraints join through the same registry.
import { ValueError, invalidArgument } from '@tensile/core';
import { describeValue, isPlainRecord } from './validate.js';

/** A factory's resolved options: plain JSON, frozen. */
export type WeightFunctionConfig = Readonly<Record<string, unknown>>;

/** How a penalty or a constraint is stored in a saved model. */
export interface SerializedConfig<C extends WeightFunctionConfig = WeightFunctionConfig> {
  readonly name: string;
  readonly config: C;
}

/** A function of a weight tensor that also knows how to describe itself. */
export interface NamedWeightFunction<R, C extends WeightFunctionConfig = WeightFunctionConfig> {
  (w: R): R;
  /** The factory that built it (`'l2'`, `'maxNorm'`): the key `…FromConfig` looks up. */
  readonly name: string;
  /** Every option, defaults included: `factory(config)` rebuilds the same function. */
  readonly config: C;
  /** `{name, config}`, so `JSON.stringify(fn)` writes the config. */
  toJSON(): SerializedConfig<C>;
}

/** Attaches `name`, a frozen copy of `config` and `toJSON` to `fn`. */
export function attachConfig<R, C extends WeightFunctionConfig>(
  name: string,
  config: C,
  fn: (w: R) => R,
): NamedWeightFunction<R, C> {
  const frozen = deepFreeze(copyPlain(config));
  const named = Object.assign((w: R): R => fn(w), {
    config: frozen,
    toJSON: (): SerializedConfig<C> => ({ name, config: frozen }),
  });
  // A function's own `name` is read-only; redefining it is the only way to set it.
  Object.defineProperty(named, 'name', { value: name });
  return named;
}

/** Checks what a `define…` call receives: a non-empty name, a plain config, a function. */
export function checkDefinition(op: string, name: unknown, config: unknown, fn: unknown): void {
  if (typeof name !== 'string' || name === '') {
    throw invalidArgument(op, 'name', 'a non-empty string', name);
  }
  if (!isPlainRecord(config)) throw invalidArgument(op, 'config', 'an object', config);
  if (typeof fn !== 'function') throw invalidArgument(op, 'formula', 'a function', fn);
}

/** A copy of nested arrays and plain objects, so freezing it leaves the caller's object alone. */
function copyPlain<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyPlain) as T;
  if (isPlainRecord(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copyPlain(v)])) as T;
  }
  return value;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** Rebuilds a function from its config; it must validate it, since it comes from a file. */
export type Builder<T> = (config: WeightFunctionConfig) => T;

/** A name → builder table with the messages every `…FromConfig` shares. */
export class Registry<T> {
  private readonly builders = new Map<string, Builder<T>>();

  constructor(
    /** `'penalty'` or `'constraint'`, for messages. */
    private readonly kind: string,
    builtIns: ReadonlyArray<readonly [string, Builder<T>]>,
  ) {
    for (const [name, builder] of builtIns) this.builders.set(name, builder);
  }

  /** Registering the same builder twice is harmless; taking a name already used throws. */
  register(op: string, name: string, builder: Builder<T>): void {
    if (typeof name !== 'string' || name === '') {
      throw invalidArgument(op, 'name', 'a non-empty string', name);
    }
    if (typeof builder !== 'function') throw invalidArgument(op, 'builder', 'a function', builder);
    const existing = this.builders.get(name);
    if (existing !== undefined && existing !== builder) {
      throw new ValueError(op, `a ${this.kind} named '${name}' is already registered`);
    }
    this.builders.set(name, builder);
  }

  list(): string[] {
    return [...this.builders.keys()];
  }

  fromConfig(op: string, serialized: unknown): T {
    if (!isPlainRecord(serialized)) {
      throw invalidArgument(op, 'config', 'an object {name, config}', serialized);
    }
    const { name, config = {} } = serialized;
    if (typeof name !== 'string') throw invalidArgument(op, 'config.name', 'a string', name);
    if (!isPlainRecord(config)) throw invalidArgument(op, 'config.config', 'an object', config);
    const builder = this.builders.get(name);
    if (builder === undefined) {
      throw new ValueError(
        op,
        `unknown ${this.kind} ${describeValue(name)} (registered: ${this.list().join(', ')})`,
      );
    }
    return builder(config);
  }
}
