// Recall tp / (tp + fn), sklearn's `recall_score`.
import type { MetricInput } from '../inputs.js';
import type { Average, SampleWeightOption } from '../options.js';
import { runFunctional } from '../streaming/metric.js';
import { PrfMetric } from './prf.js';
import type { AverageResult, PrfOptions } from './prf.js';

export class Recall<A extends Average = 'binary'> extends PrfMetric<A> {
  constructor(options: PrfOptions<A> = {}) {
    super('Recall', 'recall', options);
  }
}

/** sklearn's `recall_score(y_true, y_pred, labels, pos_label, average, sample_weight, zero_division)`. */
export function recall<A extends Average = 'binary'>(
  yTrue: MetricInput,
  yPred: MetricInput,
  options: PrfOptions<A> & SampleWeightOption = {},
): AverageResult<A> {
  return runFunctional('recall', () =>
    new Recall<A>(options).update(yTrue, yPred, options.sampleWeight).compute(),
  );
}
