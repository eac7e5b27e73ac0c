// The optax-shaped contract: a gradient transformation is `init` + `update`, transformations
// compose with `chain`, and `applyUpdates` adds the result to the parameters. Ownership rules are
// in ownership.ts; `defineTransformation` enforces them for any update function.
import { add, tidy, ValueError } from '@tensile/core';
import { describeOption, quoteList } from './errors.js';
import { disposeReplaced, freshUpdates, keepState, unaliased } from './ownership.js';
import type { Params, ParamsRecord } from './params.js';
import { assertSameParams, fromRecord, mapRecord, toRecord } from './params.js';
import { assertStateMatches, tensorsOf } from './state-tree.js';

/** What `update` returns: the updates (to be added to the parameters) and the next state. */
export interface UpdateResult<P extends Params, S> {
  updates: P;
  state: S;
}

/**
 * `init(params)` makes the state; `update(grads, state, params?)` turns gradients into updates
 * that `applyUpdates` adds (so a descent step is `−lr·direction`, as in optax). `update` consumes
 * `state`: it disposes the tensors it replaces, so only the returned state may be used next.
 */
export interface GradientTransformation<S = unknown> {
  /** For messages and checkpoints, e.g. `'adam'` or `'chain(clipByGlobalNorm, adam)'`. */
  readonly name?: string;
  init(params: Params): S;
  update<P extends Params>(grads: P, state: S, params?: P): UpdateResult<P, S>;
}

/**
 * A transformation with settable hyper-parameters (`lr`, `weightDecay`, …). `withHyperparams`
 * returns a transformation that takes the same state, so they can change between steps.
 */
export interface HyperparameterizedTransformation<
  S = unknown,
  H extends object = object,
> extends GradientTransformation<S> {
  readonly hyperparams: Readonly<H>;
  withHyperparams(overrides: Partial<H>): HyperparameterizedTransformation<S, H>;
}

/** A transformation's hyper-parameters seen without their types (routing, checkpoints). */
export type AnyHyperparams = Readonly<Record<string, unknown>>;

export function hasHyperparams<S>(
  t: GradientTransformation<S>,
): t is HyperparameterizedTransformation<S, AnyHyperparams> {
  const candidate = t as Partial<HyperparameterizedTransformation<S, AnyHyperparams>>;
  return (
    typeof candidate.hyperparams === 'object' &&
    candidate.hyperparams !== null &&
    typeof candidate.withHyperparams === 'function'
  );
}

/** The record-level functions a transformation is made of (see `defineTransformation`). */
export interface TransformationSpec<S> {
  name: string;
  init(params: ParamsRecord): S;
  /**
   * Pure math: make any tensors you like, return the updates and the next state. Temporaries are
   * freed, the state's tensors kept and the old ones disposed for you.
   */
  update(
    grads: ParamsRecord,
    state: S,
    params: ParamsRecord | undefined,
  ): {
    updates: ParamsRecord;
    state: S;
  };
}

// A transformation made by defineTransformation also carries its pure update under this key, so
// a transformation running it inside its own update (chain, an optimizer's definition) skips the
// second round of ownership bookkeeping: the outermost one does it once for the whole state.
const PURE_UPDATE = Symbol('tensile.optimizers.pureUpdate');

type PureUpdate<S> = TransformationSpec<S>['update'];

/**
 * Runs `t` from inside another transformation's update (whose tidy and ownership bookkeeping
 * cover it): its pure update where it has one, its public update otherwise.
 */
export function updateWithin<S>(
  t: GradientTransformation<S>,
  grads: ParamsRecord,
  state: S,
  params: ParamsRecord | undefined,
): { updates: ParamsRecord; state: S } {
  const pure = (t as { [PURE_UPDATE]?: PureUpdate<S> })[PURE_UPDATE];
  return pure ? pure(grads, state, params) : t.update(grads, state, params);
}

/**
 * A `GradientTransformation` from record-level functions, with the ownership rules applied: the
 * update runs in a `tidy`, updates never alias grads, params or state, the new state is kept and
 * the replaced state tensors are disposed. Every building block of this package is made this way.
 */
export function defineTransformation<S>(spec: TransformationSpec<S>): GradientTransformation<S> {
  const op = spec.name;
  const transformation: GradientTransformation<S> & { [PURE_UPDATE]: PureUpdate<S> } = {
    name: spec.name,
    [PURE_UPDATE]: spec.update,
    init(params: Params): S {
      const p = toRecord(`${op}.init`, 'params', params);
      const state = tidy(() => unaliased(spec.init(p), tensorsOf(p)));
      keepState(state);
      return state;
    },
    update<P extends Params>(grads: P, state: S, params?: P): UpdateResult<P, S> {
      const g = toRecord(`${op}.update`, 'grads', grads);
      const p = params === undefined ? undefined : toRecord(`${op}.update`, 'params', params);
      if (p !== undefined) assertSameParams(`${op}.update`, g, 'grads', p, 'params');
      assertStateMatches(`${op}.update`, state, g);
      const result = tidy(() => {
        const out = spec.update(g, state, p);
        assertSameNames(`${op}.update`, g, out.updates);
        const next = unaliased(out.state, tensorsOf(g, p));
        const updates = freshUpdates(out.updates, tensorsOf(g, p, state, next));
        return { updates, state: next };
      });
      keepState(result.state);
      disposeReplaced(state, result.state);
      return { updates: fromRecord(grads, result.updates), state: result.state };
    },
  };
  return transformation;
}

function assertSameNames(op: string, grads: ParamsRecord, updates: ParamsRecord): void {
  const expected = Object.keys(grads);
  const actual = Object.keys(updates);
  if (expected.length !== actual.length || expected.some((n) => !(n in updates))) {
    throw new ValueError(
      op,
      `updates must have the names of grads (${quoteList(expected)}), got ${quoteList(actual)}`,
    );
  }
}

/** Passes gradients through unchanged (as fresh tensors); no state. */
export function identity(): GradientTransformation<Record<string, never>> {
  return defineTransformation({
    name: 'identity',
    init: () => ({}),
    update: (grads, state) => ({ updates: grads, state }),
  });
}

type StatesOf<T extends readonly GradientTransformation<unknown>[]> = {
  -readonly [K in keyof T]: T[K] extends GradientTransformation<infer S> ? S : never;
};

/** The transformation `chain` returns; its hyper-parameters are those of its members. */
export interface ChainTransformation<S extends unknown[]> extends HyperparameterizedTransformation<
  S,
  AnyHyperparams
> {
  readonly transformations: readonly GradientTransformation<unknown>[];
  withHyperparams(overrides: AnyHyperparams): ChainTransformation<S>;
}

/**
 * Applies transformations one after the other: the updates of one are the gradients of the next
 * (optax's `chain`). The state is the list of the members' states. `hyperparams` merges the
 * members' (the first member that has a name wins), and `withHyperparams` routes each key to the
 * members that have it.
 */
export function chain<T extends readonly GradientTransformation<unknown>[]>(
  ...transformations: T
): ChainTransformation<StatesOf<T>> {
  transformations.forEach((t, i) => {
    if (
      typeof t !== 'object' ||
      t === null ||
      typeof t.init !== 'function' ||
      typeof t.update !== 'function'
    ) {
      throw new ValueError(
        'chain',
        `argument ${i} must be a GradientTransformation, got ${describeOption(t)}`,
      );
    }
  });
  return makeChain<StatesOf<T>>([...transformations]);
}

function makeChain<S extends unknown[]>(
  members: readonly GradientTransformation<unknown>[],
): ChainTransformation<S> {
  const name = `chain(${members.map((t) => t.name ?? 'transformation').join(', ')})`;
  const base = defineTransformation<S>({
    name,
    // The members' states, in order: the tuple type S by construction.
    init: (params) => members.map((t) => t.init(params)) as S,
    update(grads, state, params) {
      if (!Array.isArray(state) || state.length !== members.length) {
        throw new ValueError(
          `${name}.update`,
          `state must be the list of ${members.length} member states that init returned, got ${describeOption(state)}`,
        );
      }
      let updates = grads;
      const next: unknown[] = [];
      members.forEach((t, i) => {
        const out = updateWithin(t, updates, state[i], params);
        updates = out.updates;
        next.push(out.state);
      });
      return { updates, state: next as S };
    },
  });
  const hyperparams: Record<string, unknown> = {};
  for (const t of [...members].reverse()) {
    if (hasHyperparams(t)) Object.assign(hyperparams, t.hyperparams);
  }
  const known = Object.keys(hyperparams);
  return {
    ...base,
    transformations: members,
    hyperparams: Object.freeze(hyperparams),
    withHyperparams(overrides: AnyHyperparams): ChainTransformation<S> {
      for (const key of Object.keys(overrides)) {
        if (!known.includes(key)) {
          throw new ValueError(
            `${name}.withHyperparams`,
            known.length
              ? `unknown hyper-parameter '${key}'; the members have ${quoteList(known)}`
              : `no member has hyper-parameters (asked to set '${key}')`,
          );
        }
      }
      return makeChain<S>(
        members.map((t) => {
          if (!hasHyperparams(t)) return t;
          const mine = Object.fromEntries(
            Object.entries(overrides).filter(([key]) => key in t.hyperparams),
          );
          return Object.keys(mine).length ? t.withHyperparams(mine) : t;
        }),
      );
    },
  };
}

/**
 * `params + updates`, as new tensors (the caller owns them; the inputs are left alone). Both must
 * hold the same names with the same shapes.
 */
export function applyUpdates<P extends Params>(params: P, updates: P): P {
  const op = 'applyUpdates';
  const p = toRecord(op, 'params', params);
  const u = toRecord(op, 'updates', updates);
  assertSameParams(op, p, 'params', u, 'updates');
  return fromRecord(
    params,
    mapRecord(p, (t, name) => add(t, u[name])),
  );
}
