// Weight penalties and constraints as layer options. Any `(w) => Tensor` function works; the ones
// from @tensile/regularization (`l2(1e-4)`, `maxNorm(3)`) also carry `toJSON`, so a saved model
// stores them as `{name, config}` and `penaltyFromConfig`/`constraintFromConfig` rebuild them.
import type { Tensor } from '@tensile/core';
import * as tl from '@tensile/core';
import { constraintFromConfig, penaltyFromConfig } from '@tensile/regularization';

/** How a penalty or a constraint is stored in a saved model. */
export interface SerializedWeightFunction {
  readonly name: string;
  readonly config: Readonly<Record<string, unknown>>;
}

/** `(w) => scalar`: a weight penalty added to the loss (`l2(1e-4)`). */
export interface Regularizer {
  (w: Tensor): Tensor;
  toJSON?(): SerializedWeightFunction;
}

/** `(w) => w'`: a projection applied to a weight after each optimizer step (`maxNorm(3)`). */
export interface Constraint {
  (w: Tensor): Tensor;
  toJSON?(): SerializedWeightFunction;
}

/** What a `...Regularizer` option accepts: a penalty function or its saved `{name, config}`. */
export type RegularizerSpec = Regularizer | SerializedWeightFunction;
export type ConstraintSpec = Constraint | SerializedWeightFunction;

function resolveWeightFunction<T extends Regularizer | Constraint>(
  op: string,
  arg: string,
  spec: T | SerializedWeightFunction | null | undefined,
  fromConfig: (serialized: unknown) => T,
): T | undefined {
  if (spec === undefined || spec === null) return undefined;
  if (typeof spec === 'function') return spec;
  if (typeof spec === 'object' && typeof spec.name === 'string') return fromConfig(spec);
  throw tl.invalidArgument(op, arg, 'a function (w) => Tensor or a saved {name, config}', spec);
}

export function resolveRegularizer(
  op: string,
  arg: string,
  spec: RegularizerSpec | null | undefined,
): Regularizer | undefined {
  return resolveWeightFunction<Regularizer>(op, arg, spec, penaltyFromConfig);
}

export function resolveConstraint(
  op: string,
  arg: string,
  spec: ConstraintSpec | null | undefined,
): Constraint | undefined {
  return resolveWeightFunction<Constraint>(op, arg, spec, constraintFromConfig);
}

/** The saved form of a penalty or constraint; a function without `toJSON` cannot be saved. */
export function serializeWeightFunction(
  op: string,
  arg: string,
  fn: Regularizer | Constraint | undefined,
): SerializedWeightFunction | null {
  if (fn === undefined) return null;
  if (typeof fn.toJSON !== 'function') {
    throw new tl.ValueError(
      op,
      `${arg} '${fn.name || 'anonymous'}' cannot be serialized: use a penalty/constraint from @tensile/regularization (or one made with its definePenalty/defineConstraint)`,
    );
  }
  return fn.toJSON();
}
