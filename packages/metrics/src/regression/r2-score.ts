// The coefficient of determination R² = 1 − Σw(y−ŷ)² / Σw(y−ȳ)² and the explained variance
// 1 − Var(y−ŷ) / Var(y), sklearn's `r2_score` and `explained_variance_score`, including sklearn's
// `force_finite` handling of constant targets.
import type { MetricInput } from '../inputs.js';
import { checkBoolean } from '../options.js';
import type { SampleWeightOption } from '../options.js';
import { runFunctional } from '../streaming/metric.js';
import { RegressionMetric } from './regression-metric.js';
import type {
  Multioutput,
  OutputScores,
  RegressionOptions,
  RegressionResult,
} from './regression-metric.js';

export interface R2Options<M extends Multioutput = Multioutput> extends RegressionOptions<M> {
  /**
   * `true` (default): a constant yTrue scores 1 when predicted perfectly and 0 otherwise, instead
   * of NaN / −Infinity.
   */
  forceFinite?: boolean;
}

/** 1 − num/den per output with sklearn's `_assemble_r2_explained_variance` rules. */
function assemble(numerator: number, denominator: number, forceFinite: boolean): number {
  if (!forceFinite) return 1 - numerator / denominator;
  if (numerator === 0) return 1;
  if (denominator === 0) return 0;
  return 1 - numerator / denominator;
}

export class R2Score<M extends Multioutput = 'uniform_average'> extends RegressionMetric<M> {
  private readonly forceFinite: boolean;
  constructor(options: R2Options<M> = {}) {
    super('R2Score', options, true);
    this.forceFinite = checkBoolean(this.op('options'), 'forceFinite', options.forceFinite, true);
    this.configure({ multioutput: this.multioutput, forceFinite: this.forceFinite });
  }
  protected outputScores(): OutputScores {
    const { sse, y } = this.moments;
    // sklearn returns NaN (with a warning) for fewer than two samples.
    if (this.numSamples < 2) return { scores: Array.from(sse, () => NaN) };
    return {
      scores: Array.from(sse, (s, d) => assemble(s, y.m2[d], this.forceFinite)),
      variances: Array.from(y.m2),
    };
  }
}

export class ExplainedVariance<
  M extends Multioutput = 'uniform_average',
> extends RegressionMetric<M> {
  private readonly forceFinite: boolean;
  constructor(options: R2Options<M> = {}) {
    super('ExplainedVariance', options, true);
    this.forceFinite = checkBoolean(this.op('options'), 'forceFinite', options.forceFinite, true);
    this.configure({ multioutput: this.multioutput, forceFinite: this.forceFinite });
  }
  protected outputScores(): OutputScores {
    const { error, y } = this.moments;
    const scores = Array.from(y.m2, (m2, d) =>
      assemble(error.m2[d] / error.weight[d], m2 / y.weight[d], this.forceFinite),
    );
    return { scores, variances: Array.from(y.m2, (m2, d) => m2 / y.weight[d]) };
  }
}

type R2FunctionOptions<M extends Multioutput> = R2Options<M> & SampleWeightOption;

/** sklearn's `r2_score(y_true, y_pred, sample_weight, multioutput, force_finite)`. */
export function r2Score<M extends Multioutput = 'uniform_average'>(
  yTrue: MetricInput,
  yPred: MetricInput,
  options: R2FunctionOptions<M> = {},
): RegressionResult<M> {
  return runFunctional('r2Score', () =>
    new R2Score<M>(options).update(yTrue, yPred, options.sampleWeight).compute(),
  );
}

/** sklearn's `explained_variance_score(y_true, y_pred, sample_weight, multioutput, force_finite)`. */
export function explainedVariance<M extends Multioutput = 'uniform_average'>(
  yTrue: MetricInput,
  yPred: MetricInput,
  options: R2FunctionOptions<M> = {},
): RegressionResult<M> {
  return runFunctional('explainedVariance', () =>
    new ExplainedVariance<M>(options).update(yTrue, yPred, options.sampleWeight).compute(),
  );
}
