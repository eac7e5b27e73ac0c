// Monte Carlo dropout (Gal & Ghahramani 2016): keep dropout on at prediction time, predict the
// same input many times, and read the spread of the predictions as the model's uncertainty.
import {
  DtypeError,
  ShapeError,
  Tensor,
  ValueError,
  Variable,
  add,
  clone,
  div,
  formatShape,
  invalidArgument,
  isFloatDType,
  mul,
  shapesEqual,
  sqrt,
  sub,
  tidy,
  zerosLike,
} from '@tensile/core';
import { checkNumber, checkOptions, checkTensor } from '../validate.js';

/** A model whose `predict` honours `training: true` (dropout layers active), as a Sequential's. */
export interface StochasticModel {
  predict(x: Tensor, options: { training: boolean }): Tensor;
}

/** A forward pass with dropout on; it receives `{training: true}` and may ignore it. */
export type StochasticPredict = (x: Tensor, options: { training: true }) => Tensor;

export interface McDropoutOptions {
  /** Forward passes to average (default 30). */
  samples?: number;
}

export interface McDropoutResult {
  /** The mean prediction over the samples. */
  mean: Tensor;
  /** The population standard deviation (divisor = samples) of the predictions, per element. */
  std: Tensor;
}

/**
 * Calls `model.predict(x, {training: true})` (or `predict(x, {training: true})`) `samples` times
 * and returns the element-wise mean and standard deviation. Statistics are accumulated with
 * Welford's update, so float32 keeps its precision when the spread is small against the mean,
 * and each sample is freed as soon as it is folded in: only `mean` and `std` are left behind.
 * Seed the masks with `tl.setSeed` beforehand for a reproducible result.
 */
export function mcDropoutPredict(
  model: StochasticModel | StochasticPredict,
  x: Tensor,
  options: McDropoutOptions = {},
): McDropoutResult {
  const op = 'mcDropoutPredict';
  checkOptions(op, options, ['samples']);
  checkTensor(op, 'x', x);
  const samples = checkNumber(op, 'samples', options.samples ?? 30, { ge: 1 }, true);
  const predict = predictorOf(op, model);

  const moments = new RunningMoments();
  try {
    for (let k = 1; k <= samples; k++) {
      const y: unknown = predict(x);
      try {
        moments.add(checkSample(op, y, moments.first, k));
      } finally {
        releaseSample(y, x);
      }
    }
    return moments.finish();
  } catch (error) {
    moments.dispose();
    throw error;
  }
}

/**
 * Element-wise mean and population variance by Welford's update:
 * mean_k = mean_{k−1} + (y − mean_{k−1})/k,  M2_k = M2_{k−1} + (y − mean_{k−1})·(y − mean_k).
 */
class RunningMoments {
  private count = 0;
  private mean: Tensor | null = null;
  private m2: Tensor | null = null;

  /** The running mean, which has the first sample's shape and dtype. */
  get first(): Tensor | null {
    return this.mean;
  }

  add(y: Tensor): void {
    const k = ++this.count;
    const { mean, m2 } = this;
    const next = tidy((): [Tensor, Tensor] => {
      if (mean === null || m2 === null) return [clone(y), zerosLike(y)];
      const delta = sub(y, mean);
      const nextMean = add(mean, div(delta, k));
      return [nextMean, add(m2, mul(delta, sub(y, nextMean)))];
    });
    mean?.dispose();
    m2?.dispose();
    [this.mean, this.m2] = next;
  }

  /** {mean, std}, handed over to the caller. */
  finish(): McDropoutResult {
    const { mean, m2, count } = this;
    if (mean === null || m2 === null) throw new ValueError('mcDropoutPredict', 'no sample drawn');
    const std = tidy(() => sqrt(div(m2, count)));
    m2.dispose();
    this.mean = this.m2 = null;
    return { mean, std };
  }

  dispose(): void {
    this.mean?.dispose();
    this.m2?.dispose();
    this.mean = this.m2 = null;
  }
}

/** Frees a sample unless predict handed back x itself or a variable, which it does not own. */
function releaseSample(y: unknown, x: Tensor): void {
  if (y instanceof Tensor && y !== x && !(y instanceof Variable) && !y.kept) y.dispose();
}

function predictorOf(
  op: string,
  model: StochasticModel | StochasticPredict,
): (x: Tensor) => Tensor {
  if (typeof model === 'function') return (x) => model(x, { training: true });
  if (typeof model === 'object' && model !== null && typeof model.predict === 'function') {
    return (x) => model.predict(x, { training: true });
  }
  throw invalidArgument(op, 'model', 'a function or an object with predict(x, {training})', model);
}

function checkSample(op: string, y: unknown, first: Tensor | null, k: number): Tensor {
  const t = checkTensor(op, `the prediction of sample ${k}`, y);
  if (!isFloatDType(t.dtype)) {
    throw new DtypeError(op, `predictions must be float tensors, sample ${k} is ${t.dtype}`);
  }
  if (first !== null && (first.dtype !== t.dtype || !shapesEqual(first.shape, t.shape))) {
    throw new ShapeError(
      op,
      `every sample must have the same shape and dtype: sample 1 is ${formatShape(first.shape)} ${first.dtype}, sample ${k} is ${formatShape(t.shape)} ${t.dtype}`,
    );
  }
  return t;
}
