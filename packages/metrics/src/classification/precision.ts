// Precision tp / (tp + fp), sklearn's `precision_score`.
import type { MetricInput } from '../inputs.js';
import type { Average, SampleWeightOption } from '../options.js';
import { runFunctional } from '../streaming/metric.js';
import { PrfMetric } from './prf.js';
import type { AverageResult, PrfOptions } from './prf.js';

export class Precision<A extends Average = 'binary'> extends PrfMetric<A> {
  constructor(options: PrfOptions<A> = {}) {
    super('Precision', 'precision', options);
  }
}

/** sklearn's `precision_score(y_true, y_pred, labels, pos_label, average, sample_weight, zero_division)`. */
export function precision<A extends Average = 'binary'>(
  yTrue: MetricInput,
  yPred: MetricInput,
  options: PrfOptions<A> & SampleWeightOption = {},
): AverageResult<A> {
  return runFunctional('precision', () =>
    new Precision<A>(options).update(yTrue, yPred, options.sampleWeight).compute(),
  );
}
