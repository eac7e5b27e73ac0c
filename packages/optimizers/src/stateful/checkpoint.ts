// Checkpoints of the stateful wrapper: every group's state flattened by parameter name
// (state-dict.ts), its hyper-parameters and the step count, as JSON; and the checks that a
// checkpoint fits before anything is replaced.
import type { Variable } from '@tensile/core';
import { FormatError, ValueError } from '@tensile/core';
import { describeOption, quoteList, unknownName } from '../errors.js';
import { serializeHyperparams } from '../plugin/define-optimizer.js';
import type { StateScalar, TensorData } from '../state-dict.js';
import { flattenState, restoreState, toTensorData } from '../state-dict.js';
import { disposeState } from '../ownership.js';
import { isPlainObject } from '../state-tree.js';
import type { GradientTransformation } from '../transform.js';
import { hasHyperparams } from '../transform.js';
import type { Group } from './groups.js';
import { pick } from './groups.js';

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

/** The checkpoint of `groups` after `step` steps of `t`. */
export function saveStateDict(
  t: GradientTransformation<unknown>,
  groups: readonly Group[],
  step: number,
): OptimizerStateDict {
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
    step,
    groups: savedGroups,
    state,
  };
}

/** Checks a checkpoint against the optimizer and builds the new states (nothing is replaced yet). */
export function readStateDict(
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
        disposeState(template);
      }
      transformations.push(groupT);
    });
  } catch (error) {
    for (const s of states) disposeState(s);
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
