// The stateful convenience: a transformation bound to variables. `step(grads)` updates the
// variables in place; parameter groups (groups.ts) give different hyper-parameters to groups of
// names; `stateDict`/`loadStateDict` (checkpoint.ts) checkpoint everything by parameter name.
import { add, DisposedError, tidy, ValueError, Variable } from '@tensile/core';
import { describeOption, unknownName } from '../errors.js';
import type { LearningRate } from '../hyperparams.js';
import { checkLearningRate, learningRateAt } from '../hyperparams.js';
import { disposeState } from '../ownership.js';
import type { Params, ParamsRecord } from '../params.js';
import { assertSameParams, toRecord } from '../params.js';
import { isPlainObject } from '../state-tree.js';
import type { AnyHyperparams, GradientTransformation } from '../transform.js';
import { hasHyperparams } from '../transform.js';
import type { OptimizerStateDict } from './checkpoint.js';
import { readStateDict, saveStateDict } from './checkpoint.js';
import type { Group, OptimizerWrapperOptions, ParamGroupInfo } from './groups.js';
import { makeGroups, pick, withHyperparams } from './groups.js';

/** A transformation bound to variables. */
export interface Optimizer {
  readonly transformation: GradientTransformation<unknown>;
  /** Completed steps. */
  readonly iterations: number;
  /** The learning rate the next step uses (of the first group); assigning calls setLearningRate. */
  lr: number;
  readonly groups: readonly ParamGroupInfo[];
  /**
   * Adds the transformation's updates to the variables. `grads` (a record keyed like `variables`
   * or by Variable name, as `tl.variableGrads` gives them, or a list) stay the caller's.
   */
  step(grads: Params): void;
  /** Sets the learning rate (a number or a schedule) of every group, or of the named one. */
  setLearningRate(lr: LearningRate, group?: string): void;
  /** Sets other hyper-parameters (e.g. a cycled momentum) of every group, or of the named one. */
  setHyperparams(overrides: AnyHyperparams, group?: string): void;
  stateDict(): OptimizerStateDict;
  /** Restores a checkpoint; rejects unknown or missing parameters and shape mismatches. */
  loadStateDict(dict: OptimizerStateDict): void;
  /** Frees the state. */
  dispose(): void;
}

/**
 * Binds `t` to `variables` (a record by name, or a list named by `Variable.name`):
 * `const opt = optimizer(adam({lr: 1e-3}), variables); opt.step(grads);`
 */
export function optimizer(
  t: GradientTransformation<unknown>,
  variables: Record<string, Variable> | readonly Variable[],
  options: OptimizerWrapperOptions = {},
): Optimizer {
  const op = 'optimizer';
  if (
    typeof t !== 'object' ||
    t === null ||
    typeof t.init !== 'function' ||
    typeof t.update !== 'function'
  ) {
    throw new ValueError(op, `t must be a GradientTransformation, got ${describeOption(t)}`);
  }
  const vars = variablesByName(op, variables);
  const allNames = Object.keys(vars);
  const groups = makeGroups(op, t, allNames, options);
  for (const g of groups) g.state = g.t.init(pick(vars, g.names));
  let iterations = 0;
  let disposed = false;

  const assertLive = (method: string): void => {
    if (disposed) throw new DisposedError(`optimizer.${method}`, 'the optimizer was disposed');
  };
  const targets = (method: string, group: string | undefined): Group[] => {
    if (group === undefined) return groups;
    const found = groups.find((g) => g.name === group);
    if (found === undefined) {
      throw unknownName(
        `optimizer.${method}`,
        'group',
        group,
        groups.map((g) => g.name),
      );
    }
    return [found];
  };
  const setHyperparams = (method: string, overrides: AnyHyperparams, group?: string): void => {
    assertLive(method);
    const chosen = targets(method, group);
    const rebuilt = chosen.map((g) => withHyperparams(`optimizer.${method}`, g.t, overrides));
    chosen.forEach((g, i) => (g.t = rebuilt[i]));
  };

  const handle: Optimizer = {
    get transformation() {
      return t;
    },
    get iterations() {
      return iterations;
    },
    get lr() {
      assertLive('lr');
      return learningRateOf('optimizer.lr', groups[0].t, iterations);
    },
    set lr(value: number) {
      handle.setLearningRate(value);
    },
    get groups() {
      return groups.map((g) => ({
        name: g.name,
        params: [...g.names],
        hyperparams: hasHyperparams(g.t) ? g.t.hyperparams : {},
      }));
    },
    step(grads: Params): void {
      assertLive('step');
      const g = namedGrads('optimizer.step', grads, vars);
      assertSameParams('optimizer.step', vars, 'variables', g, 'grads');
      tidy(() => {
        for (const group of groups) {
          const params = pick(vars, group.names);
          const out = group.t.update(pick(g, group.names), group.state, params);
          group.state = out.state;
          for (const name of group.names) vars[name].assign(add(vars[name], out.updates[name]));
        }
      });
      iterations++;
    },
    setLearningRate(lr: LearningRate, group?: string): void {
      checkLearningRate('optimizer.setLearningRate', lr);
      setHyperparams('setLearningRate', { lr }, group);
    },
    setHyperparams(overrides: AnyHyperparams, group?: string): void {
      if (!isPlainObject(overrides)) {
        throw new ValueError(
          'optimizer.setHyperparams',
          `overrides must be an object, got ${describeOption(overrides)}`,
        );
      }
      setHyperparams('setHyperparams', overrides, group);
    },
    stateDict(): OptimizerStateDict {
      assertLive('stateDict');
      return saveStateDict(t, groups, iterations);
    },
    loadStateDict(dict: OptimizerStateDict): void {
      assertLive('loadStateDict');
      const loaded = readStateDict(dict, t, groups, allNames, vars);
      for (const g of groups) disposeState(g.state);
      groups.forEach((g, i) => {
        g.t = loaded.transformations[i];
        g.state = loaded.states[i];
      });
      iterations = loaded.step;
    },
    dispose(): void {
      if (disposed) return;
      for (const g of groups) disposeState(g.state);
      disposed = true;
    },
  };
  return handle;
}

function variablesByName(
  op: string,
  variables: Record<string, Variable> | readonly Variable[],
): Record<string, Variable> {
  const out: Record<string, Variable> = {};
  const entries: Array<[string, unknown]> = Array.isArray(variables)
    ? variables.map((v: unknown, i) => [v instanceof Variable ? v.name : String(i), v])
    : Object.entries(isPlainObject(variables) ? variables : {});
  if (!Array.isArray(variables) && !isPlainObject(variables)) {
    throw new ValueError(
      op,
      `variables must be a record or a list of Variables, got ${describeOption(variables)}`,
    );
  }
  for (const [name, v] of entries) {
    if (!(v instanceof Variable)) {
      throw new ValueError(
        op,
        `variables['${name}'] must be a Variable (tl.variable), got ${describeOption(v)}`,
      );
    }
    if (name in out) throw new ValueError(op, `two variables are named '${name}'`);
    out[name] = v;
  }
  if (Object.keys(out).length === 0) throw new ValueError(op, 'variables is empty');
  toRecord(op, 'variables', out);
  return out;
}

function learningRateOf(op: string, t: GradientTransformation<unknown>, step: number): number {
  if (!hasHyperparams(t) || !('lr' in t.hyperparams)) {
    throw new ValueError(op, `${t.name ?? 'the transformation'} has no 'lr' hyper-parameter`);
  }
  return learningRateAt(op, checkLearningRate(op, t.hyperparams.lr), step);
}

/**
 * Gradients keyed like `variables`: a list in the variables' order, or a record keyed by the
 * names given to `optimizer` or by each Variable's own name (what `tl.variableGrads` returns).
 */
function namedGrads(
  op: string,
  grads: Params,
  vars: Readonly<Record<string, Variable>>,
): ParamsRecord {
  const names = Object.keys(vars);
  if (Array.isArray(grads)) {
    if (grads.length !== names.length) {
      throw new ValueError(op, `grads has ${grads.length} tensors for ${names.length} variables`);
    }
    return toRecord(op, 'grads', Object.fromEntries(names.map((n, i) => [n, grads[i]])));
  }
  const record = toRecord(op, 'grads', grads);
  const byVariableName = new Map(names.map((n) => [vars[n].name, n]));
  const out: ParamsRecord = {};
  for (const [key, g] of Object.entries(record)) {
    const name = key in vars ? key : (byVariableName.get(key) ?? key);
    if (name in out) throw new ValueError(op, `grads has two entries for parameter '${name}'`);
    out[name] = g;
  }
  return out;
}
