// The stateful convenience: a transformation bound to variables. `step(grads)` updates the
// variables in place; parameter groups give different hyper-parameters to groups of names (each
// group runs its own copy of the transformation on its own state); `stateDict`/`loadStateDict`
// checkpoint everything by parameter name.
import type { Tensor } from '@tensile/core';
import { add, DisposedError, FormatError, tidy, ValueError, Variable } from '@tensile/core';
import { describeOption, quoteList, unknownName } from './errors.js';
import type { LearningRate } from './hyperparams.js';
import { checkLearningRate, learningRateAt } from './hyperparams.js';
import type { Params, ParamsRecord } from './params.js';
import { assertSameParams, toRecord } from './params.js';
import { serializeHyperparams } from './plugin/define-optimizer.js';
import type { StateScalar, TensorData } from './state-dict.js';
import { flattenState, restoreState, toTensorData } from './state-dict.js';
import { forEachTensor, isPlainObject } from './state-tree.js';
import type { AnyHyperparams, GradientTransformation } from './transform.js';
import { hasHyperparams } from './transform.js';

/** A group of parameters with its own hyper-parameters (PyTorch's param_groups, camelCased). */
export interface ParamGroupOptions {
  /** The variable names in the group. */
  params: readonly string[];
  /** Its name in checkpoints and in setLearningRate (default `group<i>`). */
  name?: string;
  /** Hyper-parameters that differ from the transformation's: `lr`, `weightDecay`, … */
  [hyperparam: string]: unknown;
}

export interface OptimizerWrapperOptions {
  /** Groups; variables in no group form the group 'default' with the transformation as given. */
  groups?: readonly ParamGroupOptions[];
}

export interface ParamGroupInfo {
  readonly name: string;
  readonly params: readonly string[];
  readonly hyperparams: AnyHyperparams;
}

/** A checkpoint: state keyed by parameter name, step count, each group's hyper-parameters. */
export interface OptimizerStateDict {
  format: 'tensile.optimizer';
  version: 1;
  /** The transformation's name, e.g. 'adam'. */
  transformation: string;
  /** Completed steps. */
  step: number;
  groups: Array<{
    name: string;
    params: string[];
    hyperparams: Record<string, unknown>;
    scalars: Record<string, StateScalar>;
  }>;
  /** parameter name → slot → values */
  state: Record<string, Record<string, TensorData>>;
}

/** A transformation bound to variables. */
export interface Optimizer {
  readonly transformation: GradientTransformation<unknown>;
  /** Completed steps. */
  readonly iterations: number;
  /** The learning rate the next step uses (of the first group); assigning calls setLearningRate. */
  lr: number;
  readonly groups: readonly ParamGroupInfo[];
  /** Adds the transformation's updates to the variables. `grads` are the caller's (not disposed). */
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

interface Group {
  name: string;
  names: string[];
  t: GradientTransformation<unknown>;
  state: unknown;
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
      const g = namedGrads('optimizer.step', grads, allNames);
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
      const state: Record<string, Record<string, TensorData>> = {};
      const savedGroups = groups.map((g) => {
        const flat = flattenState('optimizer.stateDict', g.state, g.names);
        for (const name of g.names) {
          state[name] = {};
          for (const [slot, tensor] of Object.entries(flat.slots[name])) {
            state[name][slot] = toTensorData(tensor);
          }
        }
        return {
          name: g.name,
          params: [...g.names],
          hyperparams: hasHyperparams(g.t) ? serializeHyperparams(g.t.hyperparams) : {},
          scalars: flat.scalars,
        };
      });
      return {
        format: 'tensile.optimizer',
        version: 1,
        transformation: t.name ?? 'transformation',
        step: iterations,
        groups: savedGroups,
        state,
      };
    },
    loadStateDict(dict: OptimizerStateDict): void {
      assertLive('loadStateDict');
      const loaded = readStateDict(dict, t, groups, allNames, vars);
      for (const g of groups) forEachTensor(g.state, (x) => x.dispose());
      groups.forEach((g, i) => {
        g.t = loaded.transformations[i];
        g.state = loaded.states[i];
      });
      iterations = loaded.step;
    },
    dispose(): void {
      if (disposed) return;
      for (const g of groups) forEachTensor(g.state, (x) => x.dispose());
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

function makeGroups(
  op: string,
  t: GradientTransformation<unknown>,
  allNames: readonly string[],
  options: OptimizerWrapperOptions,
): Group[] {
  if (!isPlainObject(options))
    throw new ValueError(op, `options must be an object, got ${describeOption(options)}`);
  const specs = options.groups ?? [];
  if (!Array.isArray(specs))
    throw new ValueError(op, `groups must be an array, got ${describeOption(specs)}`);
  const taken = new Set<string>();
  const groups: Group[] = specs.map((spec: ParamGroupOptions, i) => {
    if (!isPlainObject(spec) || !Array.isArray(spec.params) || spec.params.length === 0) {
      throw new ValueError(
        op,
        `groups[${i}] must be {params: [names…], …hyper-parameters}, got ${describeOption(spec)}`,
      );
    }
    const { params, name = `group${i}`, ...overrides } = spec;
    for (const p of params) {
      if (!allNames.includes(p)) throw unknownName(op, `parameter in groups[${i}]`, p, allNames);
      if (taken.has(p)) throw new ValueError(op, `parameter '${p}' is in two groups`);
      taken.add(p);
    }
    const groupT = Object.keys(overrides).length ? withHyperparams(op, t, overrides) : t;
    return { name, names: [...params], t: groupT, state: undefined };
  });
  const rest = allNames.filter((n) => !taken.has(n));
  if (rest.length) groups.push({ name: 'default', names: rest, t, state: undefined });
  const names = groups.map((g) => g.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate !== undefined) throw new ValueError(op, `two groups are named '${duplicate}'`);
  return groups;
}

function withHyperparams(
  op: string,
  t: GradientTransformation<unknown>,
  overrides: AnyHyperparams,
): GradientTransformation<unknown> {
  if (!hasHyperparams(t)) {
    throw new ValueError(
      op,
      `${t.name ?? 'the transformation'} has no hyper-parameters to set (asked for ${quoteList(Object.keys(overrides))})`,
    );
  }
  return t.withHyperparams(overrides);
}

function learningRateOf(op: string, t: GradientTransformation<unknown>, step: number): number {
  if (!hasHyperparams(t) || !('lr' in t.hyperparams)) {
    throw new ValueError(op, `${t.name ?? 'the transformation'} has no 'lr' hyper-parameter`);
  }
  return learningRateAt(op, checkLearningRate(op, t.hyperparams.lr), step);
}

function pick(record: Readonly<Record<string, Tensor>>, names: readonly string[]): ParamsRecord {
  return Object.fromEntries(names.map((n) => [n, record[n]]));
}

/** Gradients by variable name: a record as is, a list in the order of the variables. */
function namedGrads(op: string, grads: Params, names: readonly string[]): ParamsRecord {
  if (Array.isArray(grads)) {
    if (grads.length !== names.length) {
      throw new ValueError(op, `grads has ${grads.length} tensors for ${names.length} variables`);
    }
    return toRecord(op, 'grads', Object.fromEntries(names.map((n, i) => [n, grads[i]])));
  }
  return toRecord(op, 'grads', grads);
}

/** Checks a checkpoint against the optimizer and builds the new states (nothing is replaced yet). */
function readStateDict(
  dict: OptimizerStateDict,
  t: GradientTransformation<unknown>,
  groups: readonly Group[],
  allNames: readonly string[],
  vars: Readonly<Record<string, Variable>>,
): { step: number; transformations: GradientTransformation<unknown>[]; states: unknown[] } {
  const op = 'loadStateDict';
  if (!isPlainObject(dict) || !isPlainObject(dict.state) || !Array.isArray(dict.groups)) {
    throw new FormatError(
      op,
      `expected a state dict {format, step, groups, state}, got ${describeOption(dict)}`,
    );
  }
  if (dict.format !== 'tensile.optimizer' || dict.version !== 1) {
    throw new FormatError(
      op,
      `unsupported format ${describeOption(dict.format)} version ${describeOption(dict.version)}`,
    );
  }
  const name = t.name ?? 'transformation';
  if (dict.transformation !== name) {
    throw new ValueError(
      op,
      `the state was saved from '${String(dict.transformation)}', this optimizer is '${name}'`,
    );
  }
  if (!Number.isInteger(dict.step) || dict.step < 0) {
    throw new FormatError(op, `step must be an integer >= 0, got ${describeOption(dict.step)}`);
  }
  for (const saved of Object.keys(dict.state)) {
    if (!allNames.includes(saved)) throw unknownName(op, 'parameter', saved, allNames);
  }
  for (const n of allNames) {
    if (!(n in dict.state)) throw new ValueError(op, `missing parameter '${n}'`);
  }
  if (dict.groups.length !== groups.length) {
    throw new ValueError(
      op,
      `the state has ${dict.groups.length} groups, this optimizer ${groups.length}`,
    );
  }
  const transformations: GradientTransformation<unknown>[] = [];
  const states: unknown[] = [];
  try {
    groups.forEach((g, i) => {
      const saved = dict.groups[i];
      if (!isPlainObject(saved) || saved.name !== g.name || !sameNames(saved.params, g.names)) {
        throw new ValueError(
          op,
          `group ${i} is '${g.name}' with ${quoteList(g.names)}, the state has ${describeOption(saved?.name)} with ${describeOption(saved?.params)}`,
        );
      }
      const groupT = restoreHyperparams(op, g, saved.hyperparams);
      const template = groupT.init(pick(vars, g.names));
      try {
        states.push(restoreState(op, g.name, template, g.names, dict.state, saved.scalars));
      } finally {
        forEachTensor(template, (x) => x.dispose());
      }
      transformations.push(groupT);
    });
  } catch (error) {
    for (const s of states) forEachTensor(s, (x) => x.dispose());
    throw error;
  }
  return { step: dict.step, transformations, states };
}

function sameNames(saved: unknown, names: readonly string[]): boolean {
  return (
    Array.isArray(saved) && saved.length === names.length && saved.every((n, i) => n === names[i])
  );
}

/**
 * The group's transformation with the saved hyper-parameters. A learning-rate schedule is code,
 * not state: the group must have been built with one, and the restored step count positions it.
 */
function restoreHyperparams(op: string, g: Group, saved: unknown): GradientTransformation<unknown> {
  if (!hasHyperparams(g.t)) return g.t;
  if (!isPlainObject(saved))
    throw new FormatError(op, `group '${g.name}' has no hyperparams object`);
  const overrides: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(saved)) {
    if (key === 'lr' && typeof value !== 'number') {
      if (typeof g.t.hyperparams.lr !== 'function') {
        throw new ValueError(
          op,
          `group '${g.name}' was saved with an lr schedule; build the optimizer with that schedule to restore it`,
        );
      }
      continue;
    }
    overrides[key] = value;
  }
  return g.t.withHyperparams(overrides);
}
