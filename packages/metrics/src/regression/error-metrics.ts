// Mean squared, root mean squared and mean absolute error, sklearn's `mean_squared_error`
// (`squared=False` for the root) and `mean_absolute_error`. The root is taken per output, then
// averaged, as sklearn does.
import type { MetricInput } from '../inputs.js';
import type { SampleWeightOption } from '../options.js';
import { runFunctional } from '../streaming/metric.js';
import { RegressionMetric } from './regression-metric.js';
import type { OutputScores, RegressionOptions, RegressionResult } from './regression-metric.js';

/** 'raw_values', 'uniform_average' (default) or per-output weights. */
export type ErrorMultioutput = 'uniform_average' | 'raw_values' | readonly number[];

export class MeanSquaredError<
  M extends ErrorMultioutput = 'uniform_average',
> extends RegressionMetric<M> {
  constructor(options: RegressionOptions<M> = {}) {
    super('MeanSquaredError', options, false);
  }
  protected outputScores(): OutputScores {
    const { sse, y } = this.moments;
    return { scores: Array.from(sse, (s, d) => s / y.weight[d]) };
  }
}

export class RootMeanSquaredError<
  M extends ErrorMultioutput = 'uniform_average',
> extends RegressionMetric<M> {
  constructor(options: RegressionOptions<M> = {}) {
    super('RootMeanSquaredError', options, false);
  }
  protected outputScores(): OutputScores {
    const { sse, y } = this.moments;
    return { scores: Array.from(sse, (s, d) => Math.sqrt(s / y.weight[d])) };
  }
}

export class MeanAbsoluteError<
  M extends ErrorMultioutput = 'uniform_average',
> extends RegressionMetric<M> {
  constructor(options: RegressionOptions<M> = {}) {
    super('MeanAbsoluteError', options, false);
  }
  protected outputScores(): OutputScores {
    const { sae, y } = this.moments;
    return { scores: Array.from(sae, (s, d) => s / y.weight[d]) };
  }
}

type ErrorOptions<M extends ErrorMultioutput> = RegressionOptions<M> & SampleWeightOption;

/** sklearn's `mean_squared_error(y_true, y_pred, sample_weight, multioutput)`. */
export function meanSquaredError<M extends ErrorMultioutput = 'uniform_average'>(
  yTrue: MetricInput,
  yPred: MetricInput,
  options: ErrorOptions<M> = {},
): RegressionResult<M> {
  return runFunctional('meanSquaredError', () =>
    new MeanSquaredError<M>(options).update(yTrue, yPred, options.sampleWeight).compute(),
  );
}

/** sklearn's `mean_squared_error(..., squared=False)`: √MSE per output. */
export function rootMeanSquaredError<M extends ErrorMultioutput = 'uniform_average'>(
  yTrue: MetricInput,
  yPred: MetricInput,
  options: ErrorOptions<M> = {},
): RegressionResult<M> {
  return runFunctional('rootMeanSquaredError', () =>
    new RootMeanSquaredError<M>(options).update(yTrue, yPred, options.sampleWeight).compute(),
  );
}

/** sklearn's `mean_absolute_error(y_true, y_pred, sample_weight, multioutput)`. */
export function meanAbsoluteError<M extends ErrorMultioutput = 'uniform_average'>(
  yTrue: MetricInput,
  yPred: MetricInput,
  options: ErrorOptions<M> = {},
): RegressionResult<M> {
  return runFunctional('meanAbsoluteError', () =>
    new MeanAbsoluteError<M>(options).update(yTrue, yPred, options.sampleWeight).compute(),
  );
}
