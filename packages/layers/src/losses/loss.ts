// What every loss shares: the options, the reductions, input checks, and the per-sample form the
// training loop uses. A loss is defined once by its unreduced form: per element for the
// element-wise losses (torch reduces those over all elements) and per sample for the class losses
// (cross-entropies and KL divergence sum over the class axis, then reduce over the batch).
import type { Tensor } from '@tensile/core';
import * as tl from '@tensile/core';

export type Reduction = 'mean' | 'sum' | 'none';

export interface LossOptions {
  /** 'mean' (default), 'sum', or 'none' for the unreduced losses. */
  reduction?: Reduction;
  /** yPred holds logits instead of probabilities (cross-entropies). */
  fromLogits?: boolean;
  /** ε: targets become y(1 − ε) + ε/C (categorical) or y(1 − ε) + ε/2 (binary). */
  labelSmoothing?: number;
  /** Huber's threshold δ (default 1). */
  delta?: number;
}

/** `(yTrue, yPred, options) => loss`, Keras's argument order. */
export type LossFunction = (yTrue: Tensor, yPred: Tensor, options?: LossOptions) => Tensor;

/**
 * What 'mean' divides by: every element of the unreduced loss (torch's default), or the batch size
 * (torch's 'batchmean' for KL divergence, whose unreduced loss keeps the class axis).
 */
export type MeanOver = 'elements' | 'batch';

/** The options a loss accepts beyond `reduction`, resolved to their defaults. */
export interface ResolvedOptions {
  fromLogits: boolean;
  labelSmoothing: number;
  delta: number;
}

export interface LossDefinition {
  /** The public name, e.g. 'categoricalCrossentropy'. */
  name: string;
  meanOver: MeanOver;
  /** Option keys it accepts besides `reduction`. */
  options: readonly (keyof ResolvedOptions)[];
  /**
   * The unreduced loss ('none'), as torch gives it: per element (yPred's shape), or per sample
   * (yPred's shape without the class axis) for the cross-entropies.
   */
  unreduced(yTrue: Tensor, yPred: Tensor, options: ResolvedOptions): Tensor;
  /** Checks the targets against the predictions (shapes, dtypes). */
  checkTargets?(op: string, yTrue: Tensor, yPred: Tensor): void;
}

/** A loss function that knows its definition (for `compile`, `save` and per-sample training). */
export interface BuiltinLoss extends LossFunction {
  readonly lossName: string;
  readonly definition: LossDefinition;
}

const REDUCTIONS: readonly Reduction[] = ['mean', 'sum', 'none'];

function resolveOptions(
  def: LossDefinition,
  options: LossOptions | undefined,
): {
  reduction: Reduction;
  resolved: ResolvedOptions;
} {
  const op = def.name;
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw tl.invalidArgument(op, 'options', 'an object', options);
  }
  const given = options ?? {};
  const allowed = ['reduction', ...def.options];
  // Every loss takes the contract's option object; an option that does not apply to this loss
  // may be present only with its neutral value (so one options object can serve every loss).
  const neutral: Record<string, unknown> = { fromLogits: false, labelSmoothing: 0 };
  for (const [key, value] of Object.entries(given)) {
    if (value === undefined || allowed.includes(key)) continue;
    if (key in neutral && value === neutral[key]) continue;
    const known = ['reduction', 'fromLogits', 'labelSmoothing', 'delta'].includes(key);
    throw new tl.ValueError(
      op,
      known
        ? `option '${key}' does not apply to ${op} (it takes ${allowed.join(', ')})`
        : `unknown option '${key}' (accepted: ${allowed.join(', ')})`,
    );
  }
  const reduction = given.reduction ?? 'mean';
  if (!REDUCTIONS.includes(reduction)) {
    throw tl.invalidArgument(op, 'reduction', "'mean', 'sum' or 'none'", reduction);
  }
  const fromLogits = given.fromLogits ?? false;
  if (typeof fromLogits !== 'boolean') {
    throw tl.invalidArgument(op, 'fromLogits', 'a boolean', fromLogits);
  }
  const labelSmoothing = given.labelSmoothing ?? 0;
  if (typeof labelSmoothing !== 'number' || !(labelSmoothing >= 0 && labelSmoothing <= 1)) {
    throw tl.invalidArgument(op, 'labelSmoothing', 'a number in [0, 1]', labelSmoothing);
  }
  const delta = given.delta ?? 1;
  if (typeof delta !== 'number' || !(delta > 0) || !Number.isFinite(delta)) {
    throw tl.invalidArgument(op, 'delta', 'a finite number > 0', delta);
  }
  return { reduction, resolved: { fromLogits, labelSmoothing, delta } };
}

function checkFloat(op: string, arg: string, t: unknown): Tensor {
  if (!(t instanceof tl.Tensor)) throw tl.invalidArgument(op, arg, 'a tensor', t);
  t.assertUsable(op, arg);
  if (!tl.isFloatDType(t.dtype)) {
    throw new tl.DtypeError(op, `${arg} must be a float tensor, got ${t.dtype}`);
  }
  return t;
}

/** yTrue must have yPred's shape and dtype (targets of element-wise and dense class losses). */
export function checkSameShape(op: string, yTrue: Tensor, yPred: Tensor): void {
  checkFloat(op, 'yTrue', yTrue);
  if (!tl.shapesEqual(yTrue.shape, yPred.shape)) {
    throw new tl.ShapeError(
      op,
      `yTrue and yPred must have the same shape: yTrue is ${tl.formatShape(yTrue.shape)}, yPred is ${tl.formatShape(yPred.shape)}`,
    );
  }
  if (yTrue.dtype !== yPred.dtype) {
    throw new tl.DtypeError(op, `dtypes differ: yTrue is ${yTrue.dtype}, yPred is ${yPred.dtype}`);
  }
}

/** Reduces an unreduced loss tensor. */
export function reduce(values: Tensor, reduction: Reduction, meanOver: MeanOver): Tensor {
  if (reduction === 'none') return values;
  if (reduction === 'sum') return tl.sum(values);
  return meanOver === 'batch'
    ? tl.div(tl.sum(values), Math.max(1, values.shape[0] ?? 1))
    : tl.mean(values);
}

/** Builds the public loss function of a definition. */
export function defineLoss(def: LossDefinition): BuiltinLoss {
  const fn = (yTrue: Tensor, yPred: Tensor, options?: LossOptions): Tensor => {
    const { reduction, resolved } = resolveOptions(def, options);
    checkFloat(def.name, 'yPred', yPred);
    if (yPred.rank === 0) {
      throw new tl.ShapeError(def.name, 'yPred must have a batch axis, got a scalar');
    }
    (def.checkTargets ?? checkSameShape)(def.name, yTrue, yPred);
    return tl.tidy(() => reduce(def.unreduced(yTrue, yPred, resolved), reduction, def.meanOver));
  };
  Object.defineProperty(fn, 'name', { value: def.name });
  return Object.assign(fn, { lossName: def.name, definition: def });
}

/**
 * One loss per sample, shape [B]: the unreduced loss averaged over every axis but the batch axis
 * (so the batch mean equals the 'mean' reduction for every loss). Used with sample weights.
 */
export function perSampleLoss(
  loss: BuiltinLoss,
  yTrue: Tensor,
  yPred: Tensor,
  options: LossOptions = {},
): Tensor {
  return tl.tidy(() => {
    const values = loss(yTrue, yPred, { ...options, reduction: 'none' });
    if (values.rank <= 1) return values;
    const axes = values.shape.slice(1).map((_, i) => i + 1);
    return loss.definition.meanOver === 'batch' ? tl.sum(values, axes) : tl.mean(values, axes);
  });
}

/** x·log(p), with 0·log(p) = 0 wherever x = 0 (and no NaN gradient flowing into p there). */
export function xLogP(x: Tensor, p: Tensor): Tensor {
  return tl.mul(x, tl.log(tl.where(tl.equal(x, 0), 1, p)));
}
