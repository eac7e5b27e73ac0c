// Parameter groups: names that share hyper-parameters (PyTorch's param_groups). Each group runs
// its own copy of the transformation (with its overrides) on its own state.
import type { Tensor } from '@tensile/core';
import { ValueError } from '@tensile/core';
import { describeOption, quoteList, unknownName } from '../errors.js';
import type { ParamsRecord } from '../params.js';
import { isPlainObject } from '../state-tree.js';
import type { AnyHyperparams, GradientTransformation } from '../transform.js';
import { hasHyperparams } from '../transform.js';

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

/** A group as the wrapper holds it: its transformation and its current state. */
export interface Group {
  name: string;
  names: string[];
  t: GradientTransformation<unknown>;
  state: unknown;
}

/** The groups of `options`, then 'default' for the remaining names; checks names and overrides. */
export function makeGroups(
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

/** `t` with these hyper-parameters, or a ValueError when it has none to set. */
export function withHyperparams(
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

/** The record of `names` taken from `record`. */
export function pick(
  record: Readonly<Record<string, Tensor>>,
  names: readonly string[],
): ParamsRecord {
  return Object.fromEntries(names.map((n) => [n, record[n]]));
}
