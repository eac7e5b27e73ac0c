// What one batch computes, shared by training and evaluation: the model's output, the (weighted)
// mean loss over the batch plus the weight penalties, and the metric updates.
import type { Tensor } from '@tensile/core';
import * as tl from '@tensile/core';
import { perSampleLoss } from '../losses/loss.js';
import type { Layer } from '../layers/layer.js';
import type { Compiled } from './compile.js';
import { metricArguments } from './metrics.js';

/** One loss per sample [B] for the compiled loss (a custom loss may give [B] or a scalar). */
export function sampleLosses(
  compiled: Compiled,
  yTrue: Tensor,
  yPred: Tensor,
  fromLogits: boolean,
): Tensor {
  const { loss } = compiled;
  const options = fromLogits ? { ...loss.options, fromLogits: true } : loss.options;
  if (loss.builtin !== undefined) return perSampleLoss(loss.builtin, yTrue, yPred, options);
  const value = loss.fn(yTrue, yPred, options);
  if (!(value instanceof tl.Tensor)) {
    throw new tl.ValueError(
      'fit',
      `the loss '${loss.name}' must return a tensor, got ${tl.describeValue(value)}`,
    );
  }
  if (value.rank > 1)
    return tl.mean(
      value,
      value.shape.slice(1).map((_, i) => i + 1),
    );
  return value;
}

/**
 * The batch's data loss: mean of the per-sample losses, or with weights w the weighted mean
 * Σ w·l / Σ w (torch's weighted-mean convention, as `F.cross_entropy(weight=…)`).
 */
export function batchDataLoss(losses: Tensor, weights: Tensor | undefined, name: string): Tensor {
  if (losses.rank === 0) {
    if (weights !== undefined) {
      throw new tl.ValueError(
        'fit',
        `the loss '${name}' returns a scalar, so sample or class weights cannot apply; return one loss per sample`,
      );
    }
    return losses;
  }
  if (weights === undefined) return tl.mean(losses);
  return tl.div(tl.sum(tl.mul(losses, weights)), tl.maximum(tl.sum(weights), 1e-12));
}

/** The sum of the weight penalties of every layer, or null without any. */
export function regularizationLoss(layers: readonly Layer[]): Tensor | null {
  const terms = layers.map((l) => l.regularizationLoss()).filter((t): t is Tensor => t !== null);
  return terms.length === 0 ? null : terms.reduce((a, b) => tl.add(a, b));
}

/** Per-sample weights from `classWeight` (by class of each target) times `sampleWeight`. */
export function sampleWeights(
  compiled: Compiled,
  y: Tensor,
  classWeight: Readonly<Record<number, number>> | undefined,
  sampleWeight: Tensor | undefined,
): Tensor | undefined {
  if (classWeight === undefined) return sampleWeight;
  const labels = tl.tidy(() => {
    if (compiled.task === 'sparse') return tl.reshape(y, [y.shape[0], -1]);
    if (compiled.task === 'binary' || y.shape[y.rank - 1] === 1) {
      return tl.reshape(
        tl.cast(tl.greater(y, compiled.metricInputs.signedTargets ? 0 : 0.5), 'int32'),
        [y.shape[0], -1],
      );
    }
    return tl.reshape(tl.argMax(y, -1), [y.shape[0], -1]);
  });
  const [n, per] = labels.shape;
  const values = labels.dataSync();
  labels.dispose();
  if (per !== 1) {
    throw new tl.ValueError(
      'fit',
      `classWeight needs one class per sample; the targets hold ${per} per sample`,
    );
  }
  const w = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const c = classWeight[values[i]];
    w[i] = c === undefined ? 1 : c;
  }
  const fromClasses = tl.tensor(w, [n]);
  if (sampleWeight === undefined) return fromClasses;
  return tl.mul(fromClasses, sampleWeight);
}

/** Folds one batch into every metric (outputs are the model's, as logits when `logits`). */
export function updateMetrics(
  compiled: Compiled,
  yTrue: Tensor,
  yPred: Tensor,
  logits: boolean,
): void {
  const how = logits ? { ...compiled.metricInputs, logits: true } : compiled.metricInputs;
  for (const { metric } of compiled.metrics) {
    tl.tidy(() => {
      const [t, p] = metricArguments(metric, yTrue, yPred, how);
      metric.update(t, p);
    });
  }
}

/** Every metric's value, keyed by log name (prefixed for validation). */
export function metricLogs(compiled: Compiled, prefix = ''): Record<string, number> {
  const logs: Record<string, number> = {};
  for (const { name, metric } of compiled.metrics) {
    const value = metric.compute();
    if (typeof value !== 'number') {
      throw new tl.ValueError(
        'fit',
        `metric '${name}' gives ${tl.describeValue(value)}, not one number; configure it to average (e.g. {average: 'macro'})`,
      );
    }
    logs[`${prefix}${name}`] = value;
  }
  return logs;
}

export function resetMetrics(compiled: Compiled): void {
  for (const { metric } of compiled.metrics) metric.reset();
}
