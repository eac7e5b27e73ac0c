// `defineOptimizer`: how every optimizer is made, built-in or third-party. A definition gives the
// hyper-parameters with their defaults, `init` and `update` written as plain tensor math, and
// optionally a fused kernel. The factory it returns reads and checks options, resolves the
// learning rate each step, counts steps, handles `maximize`, applies the ownership rules and picks
// the fused kernel where the active backend has one.
import { neg, ValueError } from '@tensile/core';
import { describeOption, invalidOption, quoteList } from '../errors.js';
import type { FusedSpec } from './fused-spec.js';
import { runFused, registerFusedComposite } from './fused-spec.js';
import type { LearningRate } from '../hyperparams.js';
import { checkBoolean, checkLearningRate, checkNumber, learningRateAt } from '../hyperparams.js';
import { isPlainObject } from '../state-tree.js';
import type { ParamsRecord } from '../params.js';
import { mapRecord } from '../params.js';
import type { HyperparameterizedTransformation } from '../transform.js';
import { defineTransformation } from '../transform.js';

/** Hyper-parameters every optimizer has: a learning rate. */
export interface BaseHyperparams {
  lr: LearningRate;
}

/** The hyper-parameters a step sees: the learning rate of that step, and `maximize`. */
export type ResolvedHyperparams<H extends BaseHyperparams> = Omit<H, 'lr'> & {
  readonly lr: number;
  readonly maximize: boolean;
};

/** Options every optimizer accepts besides its hyper-parameters (PyTorch's names). */
export interface CommonOptions {
  /** Maximize the objective: gradients are negated before anything else (PyTorch's `maximize`). */
  maximize?: boolean;
  /**
   * Use the fused update kernel: unset or `null` where the active backend has a native one,
   * `true` always (other backends run its composite default), `false` never.
   */
  fused?: boolean | null;
  /** Accepted for PyTorch parity; no effect (every parameter is updated in one pass anyway). */
  foreach?: boolean | null;
  /** PyTorch switches without meaning here; only `false` (or unset) is accepted. */
  capturable?: boolean | null;
  differentiable?: boolean | null;
}

export type OptimizerOptions<H extends BaseHyperparams> = Partial<H> & CommonOptions;

export interface OptimizerDefinition<H extends BaseHyperparams, S> {
  /** The registry name, also used in messages (`'adam'`). */
  name: string;
  /**
   * Every hyper-parameter with its default, `lr` included; `undefined` marks a required one (SGD's
   * `lr`).
   */
  defaults: { readonly [K in keyof H]: H[K] | undefined };
  /** Range checks beyond the generic ones (types follow the defaults); throw a TensileError. */
  validate?(hp: Readonly<H>, op: string): void;
  /** The state for `params`. */
  init(params: ParamsRecord, hp: ResolvedHyperparams<H>): S;
  /** One step: the updates to add to the parameters and the next state. `step` counts from 0. */
  update(
    grads: ParamsRecord,
    state: S,
    params: ParamsRecord | undefined,
    hp: ResolvedHyperparams<H>,
    step: number,
  ): { updates: ParamsRecord; state: S };
  /** A fused kernel computing the same step for every parameter in one call. */
  fused?: FusedSpec<H, S>;
}

/** The state of an optimizer: the number of completed updates and the definition's state. */
export interface OptimizerState<S> {
  readonly count: number;
  readonly inner: S;
}

/** What a saved model stores to rebuild an optimizer with `getOptimizer(name)(hyperparams)`. */
export interface OptimizerConfig {
  name: string;
  /** JSON: a schedule is written as its own `toJSON()` (a `{name, params}` config), if it has one. */
  hyperparams: Record<string, unknown>;
}

export interface OptimizerTransformation<
  H extends BaseHyperparams,
  S = unknown,
> extends HyperparameterizedTransformation<OptimizerState<S>, H & { maximize: boolean }> {
  readonly name: string;
  /** The fused-kernel switch this instance was made with (see CommonOptions.fused). */
  readonly fused: boolean | null;
  /** The fused kernel's name, when the optimizer has one. */
  readonly kernelName: string | undefined;
  /** The learning rate used by update number `step` (0-based). */
  learningRate(step: number): number;
  /** The same optimizer with some hyper-parameters replaced; it takes the same state. */
  withHyperparams(overrides: Partial<H & { maximize: boolean }>): OptimizerTransformation<H, S>;
  toJSON(): OptimizerConfig;
}

export interface OptimizerFactory<
  H extends BaseHyperparams,
  S = unknown,
  O extends OptimizerOptions<H> = OptimizerOptions<H>,
> {
  (options?: O): OptimizerTransformation<H, S>;
  /** The registry name. */
  readonly optimizerName: string;
  /** Every hyper-parameter with its default. */
  readonly defaults: Readonly<Record<string, unknown>>;
}

const COMMON_KEYS = ['maximize', 'fused', 'foreach', 'capturable', 'differentiable'] as const;

/** Turns a definition into a factory `(options) => OptimizerTransformation`. */
export function defineOptimizer<H extends BaseHyperparams, S>(
  definition: OptimizerDefinition<H, S>,
): OptimizerFactory<H, S> {
  checkDefinition(definition);
  const name = definition.name;
  if (definition.fused !== undefined) registerFusedComposite(definition);
  const factory = (options: OptimizerOptions<H> = {}): OptimizerTransformation<H, S> => {
    const { hp, fused } = readOptions(definition, options, true, {
      ...definition.defaults,
      maximize: false,
    });
    return build(definition, hp, fused);
  };
  Object.defineProperty(factory, 'name', { value: name });
  return Object.assign(factory, {
    optimizerName: name,
    defaults: Object.freeze({ ...definition.defaults, maximize: false }),
  });
}

function checkDefinition<H extends BaseHyperparams, S>(d: OptimizerDefinition<H, S>): void {
  const op = 'defineOptimizer';
  if (typeof d !== 'object' || d === null) throw invalidOption(op, 'definition', 'an object', d);
  if (typeof d.name !== 'string' || d.name === '') {
    throw invalidOption(op, 'name', 'a non-empty string', d.name);
  }
  if (!isPlainObject(d.defaults)) {
    throw invalidOption(op, 'defaults', 'an object listing every hyper-parameter', d.defaults);
  }
  for (const key of COMMON_KEYS) {
    if (key in d.defaults) {
      throw new ValueError(op, `defaults must not list '${key}': every optimizer has it already`);
    }
  }
  for (const fn of ['init', 'update'] as const) {
    if (typeof d[fn] !== 'function') throw invalidOption(op, fn, 'a function', d[fn]);
  }
  if (d.validate !== undefined && typeof d.validate !== 'function') {
    throw invalidOption(op, 'validate', 'a function', d.validate);
  }
  if (
    d.fused !== undefined &&
    (typeof d.fused !== 'object' || typeof d.fused.kernelName !== 'string')
  ) {
    throw invalidOption(op, 'fused', 'an object with a kernelName', d.fused);
  }
}

type FullHyperparams<H> = H & { maximize: boolean };

/** Checks options against the definition and merges them with the defaults. */
function readOptions<H extends BaseHyperparams, S>(
  definition: OptimizerDefinition<H, S>,
  options: unknown,
  common: boolean,
  baseValues: object,
): { hp: FullHyperparams<H>; fused: boolean | null } {
  const base: Readonly<Record<string, unknown>> = { ...baseValues };
  const op = common ? definition.name : `${definition.name}.withHyperparams`;
  if (!isPlainObject(options)) throw invalidOption(op, 'options', 'an object', options);
  const keys = Object.keys(base);
  const allowed = common ? [...keys, ...COMMON_KEYS.filter((k) => k !== 'maximize')] : keys;
  for (const key of Object.keys(options)) {
    if (allowed.includes(key)) continue;
    const camel = key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    const hint = camel !== key && keys.includes(camel) ? ` (did you mean '${camel}'?)` : '';
    const kind = common ? 'option' : 'hyper-parameter';
    throw new ValueError(
      op,
      `unknown ${kind} '${key}'${hint}; expected one of ${quoteList(allowed)}`,
    );
  }
  for (const key of ['capturable', 'differentiable'] as const) {
    const value = options[key];
    if (value != null && value !== false)
      throw invalidOption(op, key, 'false (unsupported)', value);
  }
  if (options.foreach != null) checkBoolean(op, 'foreach', options.foreach);
  const fusedOption = options.fused ?? null;
  if (fusedOption !== null) checkBoolean(op, 'fused', fusedOption);
  const merged: Record<string, unknown> = {};
  for (const key of keys) {
    const value = options[key] ?? base[key];
    if (value === undefined) throw new ValueError(op, `${key} is required`);
    merged[key] = checkType(op, key, value, definition.defaults[key as keyof H] ?? base[key]);
  }
  // Every key of H (and maximize) is set and type-checked above.
  const hp = merged as unknown as FullHyperparams<H>;
  definition.validate?.(hp, op);
  return { hp: Object.freeze(hp), fused: fusedOption as boolean | null };
}

/** The generic checks: lr is a rate or a schedule, other values have their default's type. */
function checkType(op: string, key: string, value: unknown, reference: unknown): unknown {
  if (key === 'lr') return checkLearningRate(op, value);
  if (typeof reference === 'number') return checkNumber(op, key, value);
  if (typeof reference === 'boolean') return checkBoolean(op, key, value);
  if (Array.isArray(reference)) {
    if (!Array.isArray(value) || value.length !== reference.length) {
      throw invalidOption(op, key, `an array of ${reference.length} numbers`, value);
    }
    return Object.freeze(value.map((v: unknown, i) => checkNumber(op, `${key}[${i}]`, v)));
  }
  return value;
}

function build<H extends BaseHyperparams, S>(
  definition: OptimizerDefinition<H, S>,
  hp: FullHyperparams<H>,
  fused: boolean | null,
): OptimizerTransformation<H, S> {
  const name = definition.name;
  // Every optimizer is expected to have an lr (schedules and setLearningRate act on it); one
  // without is accepted, and has no learning rate to report.
  const hasLr = Object.prototype.hasOwnProperty.call(hp, 'lr') as boolean;
  const learningRate = (step: number): number => {
    if (!hasLr) throw new ValueError(name, 'has no lr hyper-parameter');
    return learningRateAt(name, hp.lr, step);
  };
  // One object per learning-rate value, so what the definition builds from it can be reused.
  let last: ResolvedHyperparams<H> | undefined;
  const resolved = (step: number): ResolvedHyperparams<H> => {
    if (!hasLr) return (last ??= Object.freeze({ ...hp }) as ResolvedHyperparams<H>);
    const lr = learningRate(step);
    if (last === undefined || last.lr !== lr) last = Object.freeze({ ...hp, lr });
    return last;
  };
  const base = defineTransformation<OptimizerState<S>>({
    name,
    init: (params) => ({ count: 0, inner: definition.init(params, resolved(0)) }),
    update(grads, state, params) {
      if (!isOptimizerState(state)) {
        throw new ValueError(
          `${name}.update`,
          `state must be what ${name}.init (or the previous update) returned, got ${describeOption(state)}`,
        );
      }
      const step = state.count;
      const r = resolved(step);
      const g = r.maximize ? mapRecord(grads, (t) => neg(t)) : grads;
      const out =
        runFused(definition, fused, g, state.inner, params, r, step) ??
        definition.update(g, state.inner, params, r, step);
      return { updates: out.updates, state: { count: step + 1, inner: out.state } };
    },
  });
  return {
    ...base,
    name,
    hyperparams: hp,
    fused,
    kernelName: definition.fused?.kernelName,
    learningRate,
    withHyperparams(overrides) {
      const next = readOptions(definition, overrides, false, hp);
      return build(definition, next.hp, fused);
    },
    toJSON: () => ({ name, hyperparams: serializeHyperparams(hp) }),
  };
}

function isOptimizerState(state: unknown): state is OptimizerState<unknown> {
  return (
    typeof state === 'object' &&
    state !== null &&
    Number.isInteger((state as OptimizerState<unknown>).count) &&
    'inner' in state
  );
}

/** Hyper-parameters as JSON: a schedule becomes its `toJSON()` config, or `null` without one. */
export function serializeHyperparams(hp: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(hp) as Array<[string, unknown]>) {
    if (typeof value === 'function') {
      const toJSON = (value as { toJSON?: () => unknown }).toJSON;
      out[key] = typeof toJSON === 'function' ? toJSON.call(value) : null;
    } else {
      out[key] = Array.isArray(value) ? [...value] : value;
    }
  }
  return out;
}
