// F-beta (1+β²)·P·R / (β²·P + R) and F1 (β = 1), sklearn's `fbeta_score` and `f1_score`.
import { ValueError } from '@tensile/core';
import type { MetricInput } from '../inputs.js';
import type { Average, SampleWeightOption } from '../options.js';
import { runFunctional } from '../streaming/metric.js';
import { PrfMetric } from './prf.js';
import type { AverageResult, PrfOptions } from './prf.js';

export interface FbetaOptions<A extends Average = Average> extends PrfOptions<A> {
  /** Weight of recall relative to precision (β > 1 favours recall); required, ≥ 0, may be Infinity. */
  beta: number;
}

export class Fbeta<A extends Average = 'binary'> extends PrfMetric<A> {
  constructor(options: FbetaOptions<A>) {
    if (options === undefined || options.beta === undefined) {
      throw new ValueError('Fbeta', 'beta is required, e.g. new Fbeta({ beta: 0.5 })');
    }
    super('Fbeta', 'fscore', options, options.beta);
  }
}

export class F1<A extends Average = 'binary'> extends PrfMetric<A> {
  constructor(options: PrfOptions<A> = {}) {
    super('F1', 'fscore', options, 1);
  }
}

/** sklearn's `fbeta_score(y_true, y_pred, beta, labels, pos_label, average, sample_weight, zero_division)`. */
export function fbeta<A extends Average = 'binary'>(
  yTrue: MetricInput,
  yPred: MetricInput,
  options: FbetaOptions<A> & SampleWeightOption,
): AverageResult<A> {
  if (options === undefined || options.beta === undefined) {
    throw new ValueError('fbeta', 'beta is required, e.g. fbeta(yTrue, yPred, { beta: 0.5 })');
  }
  return runFunctional('fbeta', () =>
    new Fbeta<A>(options).update(yTrue, yPred, options.sampleWeight).compute(),
  );
}

/** sklearn's `f1_score(y_true, y_pred, labels, pos_label, average, sample_weight, zero_division)`. */
export function f1<A extends Average = 'binary'>(
  yTrue: MetricInput,
  yPred: MetricInput,
  options: PrfOptions<A> & SampleWeightOption = {},
): AverageResult<A> {
  return runFunctional('f1', () =>
    new F1<A>(options).update(yTrue, yPred, options.sampleWeight).compute(),
  );
}
