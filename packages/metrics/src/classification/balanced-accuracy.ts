// Balanced accuracy: the mean recall over the classes present in yTrue (sklearn's
// `balanced_accuracy_score`; a class only ever predicted has no recall and is left out).
import { ValueError } from '@tensile/core';
import { readLabelBatch } from '../inputs.js';
import type { MetricInput } from '../inputs.js';
import { checkBoolean } from '../options.js';
import type { SampleWeightOption } from '../options.js';
import { ClassCounts } from '../state/class-counts.js';
import { Metric, runFunctional } from '../streaming/metric.js';

export interface BalancedAccuracyOptions {
  /** Rescale so that chance scores 0 and perfect scores 1: (s − 1/C)/(1 − 1/C). */
  adjusted?: boolean;
}

export class BalancedAccuracy extends Metric<number> {
  readonly input = 'labels';
  private readonly adjusted: boolean;
  private readonly counts = this.addState('counts', new ClassCounts(undefined, 'error'));

  constructor(options: BalancedAccuracyOptions = {}) {
    super('BalancedAccuracy');
    this.adjusted = checkBoolean(this.op('options'), 'adjusted', options.adjusted, false);
    this.configure({ adjusted: this.adjusted });
  }

  update(yTrue: MetricInput, yPred: MetricInput, sampleWeight?: MetricInput): this {
    const batch = readLabelBatch(this.op('update'), yTrue, yPred, sampleWeight);
    this.counts.update(this.op('update'), batch.yTrue, batch.yPred, batch.weight);
    this.addSamples(batch.yTrue.length);
    return this;
  }

  compute(): number {
    this.assertNotEmpty();
    const c = this.counts.countsFor(this.counts.reportLabels());
    let sum = 0;
    let classes = 0;
    for (let i = 0; i < c.labels.length; i++) {
      if (c.true[i] > 0) {
        sum += c.tp[i] / c.true[i];
        classes++;
      }
    }
    if (classes === 0) throw new ValueError(this.op('compute'), 'sampleWeight sums to 0');
    const score = sum / classes;
    if (!this.adjusted) return score;
    const chance = 1 / classes;
    return (score - chance) / (1 - chance);
  }
}

/** sklearn's `balanced_accuracy_score(y_true, y_pred, sample_weight, adjusted)`. */
export function balancedAccuracy(
  yTrue: MetricInput,
  yPred: MetricInput,
  options: BalancedAccuracyOptions & SampleWeightOption = {},
): number {
  return runFunctional('balancedAccuracy', () =>
    new BalancedAccuracy(options).update(yTrue, yPred, options.sampleWeight).compute(),
  );
}
