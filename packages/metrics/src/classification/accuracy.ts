// Accuracy: the (weighted) fraction of exact label matches, sklearn's `accuracy_score`.
import { ValueError } from '@tensile/core';
import { readLabelBatch } from '../inputs.js';
import type { MetricInput } from '../inputs.js';
import { checkBoolean } from '../options.js';
import type { SampleWeightOption } from '../options.js';
import { Tally } from '../state/tally.js';
import { Metric, runFunctional } from '../streaming/metric.js';

export interface AccuracyOptions {
  /** `true` (default): the fraction correct; `false`: the (weighted) number correct. */
  normalize?: boolean;
}

export class Accuracy extends Metric<number> {
  readonly input = 'labels';
  private readonly normalize: boolean;
  private readonly hits = this.addState('hits', new Tally());

  constructor(options: AccuracyOptions = {}) {
    super('Accuracy');
    this.normalize = checkBoolean(this.op('options'), 'normalize', options.normalize, true);
    this.configure({ normalize: this.normalize });
  }

  update(yTrue: MetricInput, yPred: MetricInput, sampleWeight?: MetricInput): this {
    const {
      yTrue: t,
      yPred: p,
      weight,
    } = readLabelBatch(this.op('update'), yTrue, yPred, sampleWeight);
    let hits = 0;
    let total = 0;
    for (let i = 0; i < t.length; i++) {
      const w = weight === undefined ? 1 : weight[i];
      if (t[i] === p[i]) hits += w;
      total += w;
    }
    this.hits.add(hits, total);
    this.addSamples(t.length);
    return this;
  }

  compute(): number {
    this.assertNotEmpty();
    if (!this.normalize) return this.hits.sum;
    if (this.hits.weight === 0) throw new ValueError(this.op('compute'), 'sampleWeight sums to 0');
    return this.hits.sum / this.hits.weight;
  }
}

/** sklearn's `accuracy_score(y_true, y_pred, normalize, sample_weight)`. */
export function accuracy(
  yTrue: MetricInput,
  yPred: MetricInput,
  options: AccuracyOptions & SampleWeightOption = {},
): number {
  return runFunctional('accuracy', () =>
    new Accuracy(options).update(yTrue, yPred, options.sampleWeight).compute(),
  );
}
