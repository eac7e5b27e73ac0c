// Area under the ROC curve, sklearn's `roc_auc_score`: binary from a 1-D score, multi-class
// one-vs-rest (micro / macro / weighted / per class) or one-vs-one (macro / weighted) from
// probabilities. Tied scores are one threshold. The streaming state is the scores themselves.
import { ValueError, invalidArgument } from '@tensile/core';
import {
  assertProbabilityRows,
  assertSameLength,
  toLabels,
  toSampleWeight,
  toScores,
} from '../inputs.js';
import type { MetricInput } from '../inputs.js';
import { checkLabels, checkOneOf, checkSortedLabels } from '../options.js';
import type { SampleWeightOption } from '../options.js';
import { ScoreBuffer } from '../state/score-buffer.js';
import { ScoreColumns } from '../state/score-columns.js';
import { Metric, runFunctional } from '../streaming/metric.js';
import { binaryCurve, rocAucFromCurve } from './binary-curve.js';
import type { BinaryCurve } from './binary-curve.js';
import { positiveMask, rocPositiveLabel } from './binary-labels.js';
import { oneVsOne, oneVsRest } from './multiclass.js';
import type { RankingAverage, RankingResult } from './multiclass.js';

export interface RocAucOptions<A extends RankingAverage = RankingAverage> {
  /** Multi-class strategy: `'ovr'` (default, one-vs-rest) or `'ovo'` (one-vs-one, Hand & Till). */
  multiClass?: 'ovr' | 'ovo';
  /**
   * Multi-class averaging: `'macro'` (default), `'weighted'` (by prevalence), `'micro'` (ovr
   * only) or `null` (one AUC per class, ovr only). Ignored for a binary (1-D) score, as in sklearn.
   */
  average?: A;
  /** The sorted labels of the probability columns; default: column j is class j. */
  labels?: MetricInput;
  /** Binary only: standardized partial AUC over FPR ∈ [0, maxFpr] (McClish correction). */
  maxFpr?: number;
}

const AVERAGES: readonly RankingAverage[] = ['micro', 'macro', 'weighted', null];

export class RocAuc<A extends RankingAverage = 'macro'> extends Metric<RankingResult<A>> {
  readonly input = 'scores';
  readonly multiClass: 'ovr' | 'ovo';
  readonly average: RankingAverage;
  private readonly maxFpr: number | undefined;
  private readonly fixedLabels: number[] | undefined;
  private readonly columns: ScoreColumns;
  private readonly stored = this.addState('scores', new ScoreBuffer());

  constructor(options: RocAucOptions<A> = {}) {
    super('RocAuc');
    const op = this.op('options');
    this.multiClass = checkOneOf(op, 'multiClass', options.multiClass ?? 'ovr', [
      'ovr',
      'ovo',
    ] as const);
    this.average = checkOneOf<RankingAverage>(
      op,
      'average',
      options.average === undefined ? 'macro' : options.average,
      AVERAGES,
    );
    if (this.multiClass === 'ovo' && (this.average === 'micro' || this.average === null)) {
      throw new ValueError(
        op,
        `average ${this.average === null ? 'null' : "'micro'"} is not defined for multiClass 'ovo': use 'macro' or 'weighted'`,
      );
    }
    const maxFpr = options.maxFpr;
    if (maxFpr !== undefined && !(maxFpr > 0 && maxFpr <= 1)) {
      throw invalidArgument(op, 'maxFpr', 'a number in (0, 1]', maxFpr);
    }
    this.maxFpr = maxFpr === 1 ? undefined : maxFpr;
    const labels = checkLabels(op, options.labels);
    if (labels !== undefined) checkSortedLabels(op, labels);
    this.fixedLabels = labels;
    this.columns = this.addState('columns', new ScoreColumns(labels));
    this.configure({ multiClass: this.multiClass, average: this.average, labels, maxFpr });
  }

  /** `yScore`: `[n]` score of the positive (larger) label, or `[n, C]` class probabilities. */
  update(yTrue: MetricInput, yScore: MetricInput, sampleWeight?: MetricInput): this {
    const op = this.op('update');
    const t = toLabels(op, 'yTrue', yTrue);
    const s = toScores(op, 'yScore', yScore);
    assertSameLength(op, 'yTrue', t.length, 'yScore', s.rows);
    const weight = toSampleWeight(op, t.length, sampleWeight);
    this.stored.check(op, 'yScore', s.cols);
    if (s.cols === 1) {
      // Binary: any two labels, the larger positive; explicit labels only constrain which.
      if (this.fixedLabels !== undefined) {
        this.columns.check(op, 'yScore', 1);
        this.columns.encode(op, 'yTrue', t, 1);
      }
    } else {
      if (this.maxFpr !== undefined) {
        throw new ValueError(op, 'maxFpr (partial AUC) is only defined for a binary (1-D) score');
      }
      if (this.multiClass === 'ovo' && weight !== undefined) {
        throw new ValueError(op, "sampleWeight is not supported with multiClass 'ovo'");
      }
      this.columns.check(op, 'yScore', s.cols);
      assertProbabilityRows(op, 'yScore', s);
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
      const posLabel =
        this.fixedLabels !== undefined ? this.fixedLabels[1] : rocPositiveLabel(op, stored.labels);
      const curve = binaryCurve(
        stored.scores,
        positiveMask(stored.labels, posLabel),
        stored.weights,
      );
      const auc =
        this.maxFpr === undefined ? rocAucFromCurve(curve) : partialAuc(curve, this.maxFpr);
      if (Number.isNaN(auc)) {
        throw new ValueError(
          op,
          'only one class is present in yTrue: ROC AUC is not defined in that case',
        );
      }
      return auc as RankingResult<A>;
    }
    const cls = this.columns.encode(op, 'yTrue', stored.labels);
    const labels = this.columns.labels();
    if (this.multiClass === 'ovo') {
      const average = this.average === 'weighted' ? 'weighted' : 'macro';
      return oneVsOne(
        op,
        'ROC AUC',
        stored,
        cls,
        labels,
        average,
        rocAucFromCurve,
      ) as RankingResult<A>;
    }
    return oneVsRest(
      op,
      'ROC AUC',
      stored,
      cls,
      labels,
      this.average,
      rocAucFromCurve,
    ) as RankingResult<A>;
  }
}

/**
 * Standardized partial AUC over FPR ∈ [0, maxFpr] (McClish 1989), as sklearn: 0.5 for a
 * non-discriminating score, 1 for a perfect one.
 */
function partialAuc(curve: BinaryCurve, maxFpr: number): number {
  const { fps, tps } = curve;
  const m = fps.length;
  const negatives = fps[m - 1];
  const positives = tps[m - 1];
  if (!(m > 0 && negatives > 0 && positives > 0)) return NaN;
  let area = 0;
  let x0 = 0;
  let y0 = 0;
  for (let i = 0; i < m; i++) {
    const x1 = fps[i] / negatives;
    const y1 = tps[i] / positives;
    if (x1 > maxFpr) {
      // Close the area with the point interpolated at maxFpr on this segment.
      const y = y0 + ((y1 - y0) * (maxFpr - x0)) / (x1 - x0);
      area += ((maxFpr - x0) * (y0 + y)) / 2;
      x0 = maxFpr;
      break;
    }
    area += ((x1 - x0) * (y0 + y1)) / 2;
    x0 = x1;
    y0 = y1;
  }
  const minArea = 0.5 * maxFpr * maxFpr;
  return 0.5 * (1 + (area - minArea) / (maxFpr - minArea));
}

/** sklearn's `roc_auc_score(y_true, y_score, average, sample_weight, max_fpr, multi_class, labels)`. */
export function rocAuc<A extends RankingAverage = 'macro'>(
  yTrue: MetricInput,
  yScore: MetricInput,
  options: RocAucOptions<A> & SampleWeightOption = {},
): RankingResult<A> {
  return runFunctional('rocAuc', () =>
    new RocAuc<A>(options).update(yTrue, yScore, options.sampleWeight).compute(),
  );
}
