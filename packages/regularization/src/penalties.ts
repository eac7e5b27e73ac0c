// Weight penalties: functions of a weight tensor giving a scalar loss term, added to the data loss
// so core's autodiff differentiates both together. Keras conventions (no factor 1/2):
//   l1(λ)(w) = λ·Σ|w|        ∇ = λ·sign(w)      (sign(0) = 0)
//   l2(λ)(w) = λ·Σw²         ∇ = 2λ·w
// The textbook cost J = (1/m)Σ loss + (λ/2m)·‖W‖² is `l2(λ / (2·m))` on each weight matrix, and
// PyTorch's coupled `weight_decay = wd` (wd·w added to the gradient) is `l2(wd / 2)`.
import {
  ShapeError,
  Tensor,
  abs,
  add,
  describeValue,
  formatShape,
  invalidArgument,
  mul,
  square,
  sum,
  tidy,
  zeros,
} from '@tensile/core';
import type { WeightFunctionConfig, SerializedConfig } from './serialization.js';
import { Registry, attachConfig, checkDefinition } from './serialization.js';
import { checkFloatTensor, checkNumber, checkOptions } from './validate.js';

/** `(w) => scalar`, usable as a layer's `kernelRegularizer`/`biasRegularizer` or by hand. */
export interface Penalty<C extends WeightFunctionConfig = WeightFunctionConfig> {
  (w: Tensor): Tensor;
  readonly name: string;
  readonly config: C;
  toJSON(): SerializedConfig<C>;
}

/**
 * Makes a penalty out of a formula: checks that `w` is a float tensor, frees the intermediates,
 * and attaches `name`/`config`. The built-ins use it, and so can a third-party penalty (register
 * it with `registerPenalty` so `penaltyFromConfig` can rebuild it).
 */
export function definePenalty<C extends WeightFunctionConfig>(
  name: string,
  config: C,
  formula: (w: Tensor) => Tensor,
): Penalty<C> {
  checkDefinition('definePenalty', name, config, formula);
  return attachConfig<Tensor, C>(name, config, (w) => {
    checkFloatTensor(name, 'w', w);
    const value = tidy(() => formula(w));
    if (!(value instanceof Tensor) || value.rank !== 0) {
      if (value instanceof Tensor && value !== w && !value.kept) value.dispose();
      throw new ShapeError(
        name,
        `a penalty must return a scalar tensor, got ${describeValue(value)} for w of shape ${formatShape(w.shape)}`,
      );
    }
    return value;
  });
}

function checkLambda(op: string, name: string, value: unknown): number {
  return checkNumber(op, name, value, { ge: 0 });
}

/** λ·Σ|w| (Keras `L1`; default λ = 0.01). */
export function l1(lambda = 0.01): Penalty<{ l1: number }> {
  const l = checkLambda('l1', 'lambda', lambda);
  return definePenalty('l1', { l1: l }, (w) => mul(sum(abs(w)), l));
}

/** λ·Σw², no factor 1/2 (Keras `L2`; default λ = 0.01). See the header for the textbook mapping. */
export function l2(lambda = 0.01): Penalty<{ l2: number }> {
  const l = checkLambda('l2', 'lambda', lambda);
  return definePenalty('l2', { l2: l }, (w) => mul(sum(square(w)), l));
}

export interface L1L2Options {
  /** Coefficient of Σ|w|; 0 when omitted (Keras `L1L2`). */
  l1?: number;
  /** Coefficient of Σw²; 0 when omitted. */
  l2?: number;
}

/** l1·Σ|w| + l2·Σw² (elastic net). A zero coefficient skips its term. */
export function l1l2(options: L1L2Options = {}): Penalty<{ l1: number; l2: number }> {
  const op = 'l1l2';
  checkOptions(op, options, ['l1', 'l2']);
  const a = checkLambda(op, 'l1', options.l1 ?? 0);
  const b = checkLambda(op, 'l2', options.l2 ?? 0);
  return definePenalty(op, { l1: a, l2: b }, (w) => {
    if (a === 0 && b === 0) return zeros([], w.dtype);
    if (b === 0) return mul(sum(abs(w)), a);
    if (a === 0) return mul(sum(square(w)), b);
    return add(mul(sum(abs(w)), a), mul(sum(square(w)), b));
  });
}

/** Reads `{<key>: λ}` back, rejecting any other key. */
function lambdaFrom(config: WeightFunctionConfig, key: string): number | undefined {
  const op = 'penaltyFromConfig';
  checkOptions(op, config, [key]);
  const value = config[key];
  return value === undefined ? undefined : checkLambda(op, `config.${key}`, value);
}

const registry = new Registry<Penalty>('penalty', [
  ['l1', (c) => l1(lambdaFrom(c, 'l1'))],
  ['l2', (c) => l2(lambdaFrom(c, 'l2'))],
  ['l1l2', (c) => l1l2(c as L1L2Options)],
]);

/** Makes `penaltyFromConfig` know a penalty built with `definePenalty`. */
export function registerPenalty(
  name: string,
  builder: (config: WeightFunctionConfig) => Penalty,
): void {
  registry.register('registerPenalty', name, builder);
}

/** The names `penaltyFromConfig` accepts: the built-ins, then registered ones. */
export function listPenalties(): string[] {
  return registry.list();
}

/** `{name, config}`: what a saved model stores (same as `penalty.toJSON()`). */
export function penaltyToConfig(penalty: Penalty): SerializedConfig {
  if (typeof penalty !== 'function' || typeof penalty.toJSON !== 'function') {
    throw invalidArgument('penaltyToConfig', 'penalty', 'a penalty made by definePenalty', penalty);
  }
  return penalty.toJSON();
}

/** Rebuilds a penalty from `{name, config}` (`JSON.parse(JSON.stringify(penalty))`). */
export function penaltyFromConfig(serialized: unknown): Penalty {
  return registry.fromConfig('penaltyFromConfig', serialized);
}
