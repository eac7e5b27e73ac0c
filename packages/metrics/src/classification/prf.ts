// Precision, recall and F-beta from per-class counts, with sklearn's
// `precision_recall_fscore_support` semantics (https://scikit-learn.org/1.2/modules/generated/
// sklearn.metrics.precision_recall_fscore_support.html): label selection, zero_division, averaging.
// The shared base class makes Precision, Recall, F1 and Fbeta one implementation.
import { ValueError, invalidArgument } from '@tensile/core';
import { readLabelBatch } from '../inputs.js';
import type { MetricInput } from '../inputs.js';
import {
  checkIntegerLabel,
  checkLabels,
  checkOneOf,
  checkUnknownLabels,
  checkZeroDivision,
  formatLabels,
} from '../options.js';
import type { Average, UnknownLabels } from '../options.js';
import { ClassCounts } from '../state/class-counts.js';
import type { LabelCounts } from '../state/class-counts.js';
import { Metric } from '../streaming/metric.js';

export interface PrfOptions<A extends Average = Average> {
  /**
   * `'binary'` (default): the score of `posLabel` alone (data with at most two classes);
   * `'micro'`: from counts summed over labels; `'macro'`: unweighted mean over labels;
   * `'weighted'`: mean weighted by support; `null`: one score per label.
   */
  average?: A;
  /** The labels to score and their order for `average: null`; default: every label seen, sorted. */
  labels?: MetricInput;
  /** The positive class of `average: 'binary'` (default 1). */
  posLabel?: number;
  /** The value of a 0/0 ratio: 0 (default), 1 or NaN. */
  zeroDivision?: number;
  /**
   * A label outside an explicit `labels` list: `'error'` (default) throws; `'exclude'` leaves it
   * out of the reported classes as sklearn does (such samples still count as false positives /
   * negatives of the listed classes).
   */
  unknownLabels?: UnknownLabels;
}

/** `number[]` for `average: null`, `number` otherwise. */
export type AverageResult<A extends Average> = [A] extends [null]
  ? number[]
  : null extends A
    ? number | number[]
    : number;

export interface PrfScores {
  precision: number | number[];
  recall: number | number[];
  fscore: number | number[];
}

const AVERAGES: readonly Average[] = ['binary', 'micro', 'macro', 'weighted', null];

/**
 * The counts that `average` scores: `posLabel` alone for 'binary' (after sklearn's checks that the
 * data are binary and hold `posLabel`), otherwise the reported labels.
 */
export function selectCounts(
  op: string,
  counts: ClassCounts,
  average: Average,
  posLabel: number,
): LabelCounts {
  if (average !== 'binary') return counts.countsFor(counts.reportLabels());
  const present = counts.presentLabels();
  if (present.length > 2) {
    throw new ValueError(
      op,
      `yTrue and yPred hold ${present.length} classes ${formatLabels(present)} but average is 'binary': choose average 'micro', 'macro', 'weighted' or null`,
    );
  }
  if (present.length === 2 && !present.includes(posLabel)) {
    throw new ValueError(
      op,
      `posLabel ${posLabel} is not one of the labels present ${formatLabels(present)}: pass posLabel`,
    );
  }
  return counts.countsFor([posLabel]);
}

/** Per-label or averaged precision, recall and F-beta. */
export function prfScores(
  c: LabelCounts,
  average: Average,
  beta: number,
  zeroDivision: number,
): PrfScores {
  let { tp, pred, true: support } = c;
  if (average === 'micro') {
    tp = Float64Array.of(sum(tp));
    pred = Float64Array.of(sum(pred));
    support = Float64Array.of(sum(support));
  }
  const n = tp.length;
  const precision = new Array<number>(n);
  const recall = new Array<number>(n);
  const fscore = new Array<number>(n);
  const beta2 = beta * beta;
  for (let i = 0; i < n; i++) {
    precision[i] = pred[i] > 0 ? tp[i] / pred[i] : zeroDivision;
    recall[i] = support[i] > 0 ? tp[i] / support[i] : zeroDivision;
    if (beta === Infinity) {
      fscore[i] = recall[i];
    } else {
      // (1+β²)PR/(β²P+R) written in counts: (1+β²)tp / (β²(tp+fn) + (tp+fp)); 0/0 → zeroDivision.
      const denom = beta2 * support[i] + pred[i];
      fscore[i] = denom > 0 ? ((1 + beta2) * tp[i]) / denom : zeroDivision;
    }
  }
  if (average === null) return { precision, recall, fscore };
  if (average === 'binary' || average === 'micro') {
    return { precision: precision[0], recall: recall[0], fscore: fscore[0] };
  }
  if (average === 'weighted') {
    const totalSupport = sum(support);
    if (totalSupport === 0) {
      // sklearn 1.2: no true samples of any label. Precision is zeroDivision only when nothing was
      // predicted either; recall is zeroDivision; F is zeroDivision only when both are.
      const zd = zeroDivision === 1 ? 1 : zeroDivision === 0 ? 0 : NaN;
      return sum(pred) === 0
        ? { precision: zd, recall: zd, fscore: zd }
        : { precision: 0, recall: zd, fscore: 0 };
    }
    return {
      precision: nanAverage(precision, support),
      recall: nanAverage(recall, support),
      fscore: nanAverage(fscore, support),
    };
  }
  return {
    precision: nanAverage(precision),
    recall: nanAverage(recall),
    fscore: nanAverage(fscore),
  };
}

function sum(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s;
}

/** Mean (optionally weighted) ignoring NaN entries, as sklearn's `_nanaverage`; NaN if all are. */
function nanAverage(values: number[], weights?: Float64Array): number {
  let num = 0;
  let den = 0;
  let plain = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) continue;
    const w = weights === undefined ? 1 : weights[i];
    num += w * values[i];
    den += w;
    plain += values[i];
    count++;
  }
  if (count === 0) return NaN;
  return den > 0 ? num / den : plain / count;
}

/** The metric a subclass reports. */
export type PrfKind = 'precision' | 'recall' | 'fscore';

/** Shared state and options of Precision, Recall, F1 and Fbeta. */
export abstract class PrfMetric<A extends Average> extends Metric<AverageResult<A>> {
  readonly input = 'labels';
  readonly average: Average;
  readonly posLabel: number;
  readonly zeroDivision: number;
  protected readonly beta: number;
  private readonly kind: PrfKind;
  private readonly counts: ClassCounts;

  protected constructor(name: string, kind: PrfKind, options: PrfOptions<A>, beta = 1) {
    super(name);
    const op = this.op('options');
    this.kind = kind;
    this.average = checkOneOf<Average>(
      op,
      'average',
      options.average === undefined ? 'binary' : options.average,
      AVERAGES,
    );
    this.posLabel = checkIntegerLabel(op, 'posLabel', options.posLabel, 1);
    this.zeroDivision = checkZeroDivision(op, options.zeroDivision);
    if (!(beta >= 0)) throw invalidArgument(op, 'beta', 'a number ≥ 0', beta);
    this.beta = beta;
    const labels = checkLabels(op, options.labels);
    const unknown = checkUnknownLabels(op, options.unknownLabels);
    this.counts = this.addState('counts', new ClassCounts(labels, unknown));
    this.configure({
      average: this.average,
      labels,
      posLabel: this.posLabel,
      zeroDivision: this.zeroDivision,
      beta,
      unknown,
    });
  }

  update(yTrue: MetricInput, yPred: MetricInput, sampleWeight?: MetricInput): this {
    const op = this.op('update');
    const batch = readLabelBatch(op, yTrue, yPred, sampleWeight);
    this.counts.update(op, batch.yTrue, batch.yPred, batch.weight);
    this.addSamples(batch.yTrue.length);
    return this;
  }

  /** The labels a per-class (`average: null`) result refers to, in its order. */
  get labels(): number[] {
    return this.average === 'binary' ? [this.posLabel] : this.counts.reportLabels();
  }

  compute(): AverageResult<A> {
    this.assertNotEmpty();
    const c = selectCounts(this.op('compute'), this.counts, this.average, this.posLabel);
    const scores = prfScores(c, this.average, this.beta, this.zeroDivision);
    return scores[this.kind] as AverageResult<A>;
  }
}
