// Shared input handling and multi-output averaging of the regression metrics (sklearn's
// `multioutput`: 'uniform_average', 'raw_values', 'variance_weighted' or explicit weights).
import { ShapeError, ValueError, formatShape, invalidArgument } from '@tensile/core';
import { assertSameLength, toSampleWeight, toValues } from '../inputs.js';
import type { MetricInput } from '../inputs.js';
import { RegressionMoments } from '../state/moments.js';
import { Metric } from '../streaming/metric.js';

export type Multioutput =
  'uniform_average' | 'raw_values' | 'variance_weighted' | readonly number[];

/** `number[]` (one score per output) for 'raw_values', else `number`. */
export type RegressionResult<M extends Multioutput> = [M] extends ['raw_values']
  ? number[]
  : 'raw_values' extends M
    ? number | number[]
    : number;

export interface RegressionOptions<M extends Multioutput = Multioutput> {
  /** How to combine outputs of `[n, outputs]` targets (default 'uniform_average'). */
  multioutput?: M;
}

/** Per-output scores, and the weights 'variance_weighted' would use. */
export interface OutputScores {
  scores: number[];
  variances?: number[];
}

export abstract class RegressionMetric<M extends Multioutput> extends Metric<RegressionResult<M>> {
  readonly input = 'values';
  readonly multioutput: Multioutput;
  protected readonly moments = this.addState('moments', new RegressionMoments());

  protected constructor(
    name: string,
    options: RegressionOptions<M>,
    allowVarianceWeighted: boolean,
  ) {
    super(name);
    const op = this.op('options');
    const multioutput = options.multioutput ?? 'uniform_average';
    if (typeof multioutput === 'string') {
      const allowed = ['uniform_average', 'raw_values'];
      if (allowVarianceWeighted) allowed.push('variance_weighted');
      if (!allowed.includes(multioutput)) {
        throw invalidArgument(
          op,
          'multioutput',
          `one of ${allowed.map((a) => `'${a}'`).join(', ')} or an array of weights`,
          multioutput,
        );
      }
      this.multioutput = multioutput;
    } else {
      if (!Array.isArray(multioutput) || !multioutput.every((w) => Number.isFinite(w) && w >= 0)) {
        throw invalidArgument(
          op,
          'multioutput',
          'a string or an array of finite weights ≥ 0',
          multioutput,
        );
      }
      this.multioutput = [...multioutput];
    }
    this.configure({ multioutput: this.multioutput });
  }

  /** `yTrue` and `yPred`: `[n]` or `[n, outputs]`, the same shape. */
  update(yTrue: MetricInput, yPred: MetricInput, sampleWeight?: MetricInput): this {
    const op = this.op('update');
    const t = toValues(op, 'yTrue', yTrue);
    const p = toValues(op, 'yPred', yPred);
    assertSameLength(op, 'yTrue', t.rows, 'yPred', p.rows);
    if (t.cols !== p.cols) {
      throw new ShapeError(
        op,
        `yTrue and yPred differ in shape: ${formatShape([t.rows, t.cols])} vs ${formatShape([p.rows, p.cols])}`,
      );
    }
    const outputs = this.moments.outputs;
    if (outputs !== 0 && t.cols !== outputs) {
      throw new ShapeError(op, `yTrue has ${t.cols} outputs but earlier batches had ${outputs}`);
    }
    const weights = this.multioutput;
    if (typeof weights !== 'string' && weights.length !== t.cols) {
      throw new ShapeError(
        op,
        `multioutput holds ${weights.length} weights but yTrue has ${t.cols} outputs`,
      );
    }
    const weight = toSampleWeight(op, t.rows, sampleWeight);
    this.moments.update(t.data, p.data, t.rows, t.cols, weight);
    this.addSamples(t.rows);
    return this;
  }

  compute(): RegressionResult<M> {
    this.assertNotEmpty();
    if (this.moments.y.weight[0] === 0)
      throw new ValueError(this.op('compute'), 'sampleWeight sums to 0');
    const { scores, variances } = this.outputScores();
    const m = this.multioutput;
    if (m === 'raw_values') return scores as RegressionResult<M>;
    let weights: readonly number[] | undefined;
    if (m === 'variance_weighted') {
      // sklearn: when every output is constant, fall back to uniform weights.
      weights = variances !== undefined && variances.some((v) => v !== 0) ? variances : undefined;
    } else if (m !== 'uniform_average') {
      weights = m;
    }
    if (weights === undefined) {
      return (scores.reduce((a, b) => a + b, 0) / scores.length) as RegressionResult<M>;
    }
    let num = 0;
    let den = 0;
    for (let d = 0; d < scores.length; d++) {
      num += weights[d] * scores[d];
      den += weights[d];
    }
    if (den === 0) throw new ValueError(this.op('compute'), 'multioutput weights sum to 0');
    return (num / den) as RegressionResult<M>;
  }

  protected abstract outputScores(): OutputScores;
}
