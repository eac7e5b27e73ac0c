// Several streaming metrics updated together, torchmetrics' MetricCollection: one `update` feeds
// every metric, `compute` returns the results by name, `merge` merges metric by metric.
import { ValueError } from '@tensile/core';
import { isTensorLike } from './inputs.js';
import type { MetricInput } from './inputs.js';
import { Metric } from './streaming/metric.js';
import type { InputKind } from './streaming/metric.js';

/**
 * Different predictions for different metrics in one `update`: class labels for the label metrics,
 * scores or probabilities for the ranking metrics and log loss, values for regression.
 */
export type Predictions = { readonly [K in InputKind]?: MetricInput };

/** The result of every metric, by name. */
export type CollectionResult<M extends Record<string, Metric>> = {
  [K in keyof M]: ReturnType<M[K]['compute']>;
};

function isPredictions(value: MetricInput | Predictions): value is Predictions {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !ArrayBuffer.isView(value) &&
    !isTensorLike(value) &&
    typeof (value as { length?: unknown }).length !== 'number'
  );
}

export class MetricCollection<M extends Record<string, Metric> = Record<string, Metric>> {
  readonly metrics: Readonly<M>;

  constructor(metrics: M) {
    const names = Object.keys(metrics);
    if (names.length === 0) throw new ValueError('MetricCollection', 'metrics must not be empty');
    for (const name of names) {
      if (!(metrics[name] instanceof Metric)) {
        throw new ValueError('MetricCollection', `metrics.${name} is not a streaming metric`);
      }
    }
    if (new Set(Object.values(metrics)).size !== names.length) {
      throw new ValueError('MetricCollection', 'the same metric instance appears twice');
    }
    this.metrics = { ...metrics };
  }

  /**
   * Updates every metric with the same batch. `yPred` is one input for all, or
   * `{ labels, scores, values }` so that each metric gets the prediction it takes. Each metric
   * validates its own input: when one rejects the batch, the metrics listed before it have already
   * taken it (call `reset()` to start over).
   */
  update(yTrue: MetricInput, yPred: MetricInput | Predictions, sampleWeight?: MetricInput): this {
    const entries = Object.entries(this.metrics as Record<string, Metric>);
    if (isPredictions(yPred)) {
      for (const [name, metric] of entries) {
        if (yPred[metric.input] === undefined) {
          throw new ValueError(
            'MetricCollection.update',
            `metric '${name}' (${metric.name}) takes ${metric.input} but yPred has no '${metric.input}' entry`,
          );
        }
      }
    }
    for (const [, metric] of entries) {
      const prediction = isPredictions(yPred) ? (yPred[metric.input] as MetricInput) : yPred;
      metric.update(yTrue, prediction, sampleWeight);
    }
    return this;
  }

  compute(): CollectionResult<M> {
    const out: Record<string, unknown> = {};
    for (const [name, metric] of Object.entries(this.metrics as Record<string, Metric>)) {
      out[name] = metric.compute();
    }
    return out as CollectionResult<M>;
  }

  reset(): this {
    for (const metric of Object.values(this.metrics as Record<string, Metric>)) metric.reset();
    return this;
  }

  /** Merges another collection with the same names, metric by metric. */
  merge(other: MetricCollection<M>): this {
    const mine = Object.keys(this.metrics).sort();
    const theirs = Object.keys(other.metrics).sort();
    if (mine.join('\u0000') !== theirs.join('\u0000')) {
      throw new ValueError(
        'MetricCollection.merge',
        `the collections hold different metrics: [${mine.join(',')}] vs [${theirs.join(',')}]`,
      );
    }
    for (const name of mine) this.metrics[name].merge(other.metrics[name]);
    return this;
  }
}
