// Average precision, sklearn's `average_precision_score`: the step-function sum
// Σ (Rₙ − Rₙ₋₁)·Pₙ over distinct thresholds (not the trapezoidal area, which is optimistic).
// Binary from a 1-D score; multi-class one-vs-rest from a score matrix.
import { ValueError } from '@tensile/core';
import { assertSameLength, toLabels, toSampleWeight, toScores } from '../inputs.js';
import type { MetricInput } from '../inputs.js';
import { checkIntegerLabel, checkLabels, checkOneOf, checkSortedLabels } from '../options.js';
import type { SampleWeightOption } from '../options.js';
import { ScoreBuffer } from '../state/score-buffer.js';
import { ScoreColumns } from '../state/score-columns.js';
import { Metric, runFunctional } from '../streaming/metric.js';
import { averagePrecisionFromCurve, binaryCurve } from './binary-curve.js';
import { apPositiveLabel, positiveMask } from './binary-labels.js';
import { oneVsRest } from './multiclass.js';
import type { RankingAverage, RankingResult } from './multiclass.js';

export interface AveragePrecisionOptions<A extends RankingAverage = RankingAverage> {
  /** Multi-class averaging: `'macro'` (default), `'weighted'`, `'micro'` or `null` (per class). */
  average?: A;
  /** The positive class of a binary (1-D) score (default 1). */
  posLabel?: number;
  /** The sorted labels of the score columns (multi-class); default: column j is class j. */
  labels?: MetricInput;
}

const AVERAGES: readonly RankingAverage[] = ['micro', 'macro', 'weighted', null];

export class AveragePrecision<A extends RankingAverage = 'macro'> extends Metric<RankingResult<A>> {
  readonly input = 'scores';
  readonly average: RankingAverage;
  readonly posLabel: number;
  private readonly columns: ScoreColumns;
  private readonly hasLabels: boolean;
  private readonly stored = this.addState('scores', new ScoreBuffer());

  constructor(options: AveragePrecisionOptions<A> = {}) {
    super('AveragePrecision');
    const op = this.op('options');
    this.average = checkOneOf<RankingAverage>(
      op,
      'average',
      options.average === undefined ? 'macro' : options.average,
      AVERAGES,
    );
    this.posLabel = checkIntegerLabel(op, 'posLabel', options.posLabel, 1);
    const labels = checkLabels(op, options.labels);
    if (labels !== undefined) checkSortedLabels(op, labels);
    this.hasLabels = labels !== undefined;
    this.columns = this.addState('columns', new ScoreColumns(labels));
    this.configure({ average: this.average, posLabel: this.posLabel, labels });
  }

  /** `yScore`: `[n]` score of `posLabel`, or `[n, C]` one score column per class. */
  update(yTrue: MetricInput, yScore: MetricInput, sampleWeight?: MetricInput): this {
    const op = this.op('update');
    const t = toLabels(op, 'yTrue', yTrue);
    const s = toScores(op, 'yScore', yScore);
    assertSameLength(op, 'yTrue', t.length, 'yScore', s.rows);
    const weight = toSampleWeight(op, t.length, sampleWeight);
    this.stored.check(op, 'yScore', s.cols);
    if (s.cols > 1 || this.hasLabels) {
      if (s.cols > 1 && this.posLabel !== 1) {
        throw new ValueError(op, 'posLabel is fixed to 1 for multi-class yTrue: leave it unset');
      }
      this.columns.check(op, 'yScore', s.cols);
      this.columns.encode(op, 'yTrue', t, s.cols);
    }
    this.columns.commit(s.cols);
    this.stored.append(t, s.data, s.cols, weight);
    this.addSamples(t.length);
    return this;
  }

  compute(): RankingResult<A> {
    this.assertNotEmpty();
    const op = this.op('compute');
    const stored = this.stored.view();
    if (stored.cols === 1) {
      const posLabel = apPositiveLabel(op, stored.labels, this.posLabel);
      const curve = binaryCurve(
        stored.scores,
        positiveMask(stored.labels, posLabel),
        stored.weights,
      );
      const ap = averagePrecisionFromCurve(curve);
      if (Number.isNaN(ap)) throw new ValueError(op, 'sampleWeight sums to 0');
      return ap as RankingResult<A>;
    }
    const cls = this.columns.encode(op, 'yTrue', stored.labels);
    return oneVsRest(
      op,
      'average precision',
      stored,
      cls,
      this.columns.labels(),
      this.average,
      averagePrecisionFromCurve,
    ) as RankingResult<A>;
  }
}

/** sklearn's `average_precision_score(y_true, y_score, average, pos_label, sample_weight)`. */
export function averagePrecision<A extends RankingAverage = 'macro'>(
  yTrue: MetricInput,
  yScore: MetricInput,
  options: AveragePrecisionOptions<A> & SampleWeightOption = {},
): RankingResult<A> {
  return runFunctional('averagePrecision', () =>
    new AveragePrecision<A>(options).update(yTrue, yScore, options.sampleWeight).compute(),
  );
}
