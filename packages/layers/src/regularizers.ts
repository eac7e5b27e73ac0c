// What layers takes from @tensile/regularization, typed by the contract (DESIGN §6 and Appendix
// A): weight penalties and constraints are plain `(w) => Tensor` functions (the package's own carry
// `name`/`config`/`toJSON` and are rebuilt by `penaltyFromConfig`/`constraintFromConfig`), the
// dropout family, and the early-stopping state machine. Functions are looked up when first used, so
// a missing export fails with a message naming it instead of breaking the whole package.
import type { Tensor } from '@tensile/core';
import * as tl from '@tensile/core';
import * as regularization from '@tensile/regularization';

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

export interface DropoutCallOptions {
  training?: boolean;
  seed?: number;
  noiseShape?: readonly (number | null)[];
}

export interface EarlyStoppingOptions {
  monitor?: string;
  patience?: number;
  minDelta?: number;
  mode?: 'min' | 'max' | 'auto';
  baseline?: number;
  restoreBestWeights?: boolean;
}

/** The early-stopping state machine: fed one monitored value per epoch. */
export interface EarlyStoppingState {
  update(value: number, epoch: number): { stop: boolean; improved: boolean };
  readonly bestEpoch: number;
  readonly bestValue: number;
}

interface RegularizationApi {
  dropout(x: Tensor, rate: number, options?: DropoutCallOptions): Tensor;
  alphaDropout(x: Tensor, rate: number, options?: DropoutCallOptions): Tensor;
  earlyStopping(options: EarlyStoppingOptions): EarlyStoppingState;
  penaltyFromConfig(serialized: unknown): Regularizer;
  constraintFromConfig(serialized: unknown): Constraint;
}

/** The package's export `name`, or a clear error when this version of it lacks one. */
export function regularizationExport<K extends keyof RegularizationApi>(
  op: string,
  name: K,
): RegularizationApi[K] {
  const found = (regularization as unknown as Partial<RegularizationApi>)[name];
  if (typeof found !== 'function') {
    throw new tl.ValueError(
      op,
      `needs '${name}' from @tensile/regularization, which the installed version does not export`,
    );
  }
  return found as RegularizationApi[K];
}

/** What a `...Regularizer` option accepts: a penalty function or its saved `{name, config}`. */
export type RegularizerSpec = Regularizer | SerializedWeightFunction;
export type ConstraintSpec = Constraint | SerializedWeightFunction;

function resolveWeightFunction<T extends Regularizer | Constraint>(
  op: string,
  arg: string,
  spec: T | SerializedWeightFunction | null | undefined,
  fromConfig: () => (serialized: unknown) => T,
): T | undefined {
  if (spec === undefined || spec === null) return undefined;
  if (typeof spec === 'function') return spec;
  if (typeof spec === 'object' && typeof spec.name === 'string') return fromConfig()(spec);
  throw tl.invalidArgument(op, arg, 'a function (w) => Tensor or a saved {name, config}', spec);
}

export function resolveRegularizer(
  op: string,
  arg: string,
  spec: RegularizerSpec | null | undefined,
): Regularizer | undefined {
  return resolveWeightFunction<Regularizer>(op, arg, spec, () =>
    regularizationExport(op, 'penaltyFromConfig'),
  );
}

export function resolveConstraint(
  op: string,
  arg: string,
  spec: ConstraintSpec | null | undefined,
): Constraint | undefined {
  return resolveWeightFunction<Constraint>(op, arg, spec, () =>
    regularizationExport(op, 'constraintFromConfig'),
  );
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
