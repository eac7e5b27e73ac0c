// The confusion matrix, rows = true labels, columns = predicted labels (sklearn's
// `confusion_matrix`), optionally normalized over rows, columns or everything.
import { readLabelBatch } from '../inputs.js';
import type { MetricInput } from '../inputs.js';
import { checkLabels, checkOneOf, checkUnknownLabels } from '../options.js';
import type { SampleWeightOption, UnknownLabels } from '../options.js';
import { ConfusionCounts } from '../state/confusion.js';
import { Metric, runFunctional } from '../streaming/metric.js';

export type ConfusionNormalize = 'true' | 'pred' | 'all' | null;

export interface ConfusionMatrixOptions {
  /** The labels indexing the matrix, in order; default: every label seen, sorted. */
  labels?: MetricInput;
  /** Divide by row sums ('true'), column sums ('pred') or the total ('all'); 0/0 gives 0. */
  normalize?: ConfusionNormalize;
  /**
   * A label outside `labels`: `'error'` (default) throws; `'exclude'` drops that sample, as sklearn
   * does when `labels` selects a subset.
   */
  unknownLabels?: UnknownLabels;
}

export class ConfusionMatrix extends Metric<number[][]> {
  readonly input = 'labels';
  private readonly normalize: ConfusionNormalize;
  private readonly counts: ConfusionCounts;

  constructor(options: ConfusionMatrixOptions = {}) {
    super('ConfusionMatrix');
    const op = this.op('options');
    const labels = checkLabels(op, options.labels);
    const unknown = checkUnknownLabels(op, options.unknownLabels);
    this.normalize = checkOneOf<ConfusionNormalize>(op, 'normalize', options.normalize ?? null, [
      'true',
      'pred',
      'all',
      null,
    ]);
    this.counts = this.addState('counts', new ConfusionCounts(labels, unknown));
    this.configure({ labels, unknown, normalize: this.normalize });
  }

  /** The labels of the rows and columns of `compute()`, in order. */
  get labels(): number[] {
    return this.counts.reportLabels();
  }

  update(yTrue: MetricInput, yPred: MetricInput, sampleWeight?: MetricInput): this {
    const op = this.op('update');
    const batch = readLabelBatch(op, yTrue, yPred, sampleWeight);
    this.counts.update(op, batch.yTrue, batch.yPred, batch.weight);
    this.addSamples(batch.yTrue.length);
    return this;
  }

  compute(): number[][] {
    this.assertNotEmpty();
    const m = this.counts.matrix();
    if (this.normalize === null) return m;
    const divide = (value: number, by: number): number => (by === 0 ? 0 : value / by);
    if (this.normalize === 'true') {
      return m.map((row) => {
        const total = row.reduce((a, b) => a + b, 0);
        return row.map((v) => divide(v, total));
      });
    }
    if (this.normalize === 'pred') {
      const totals = m[0]?.map((_, c) => m.reduce((a, row) => a + row[c], 0)) ?? [];
      return m.map((row) => row.map((v, c) => divide(v, totals[c])));
    }
    const total = m.reduce((a, row) => a + row.reduce((b, v) => b + v, 0), 0);
    return m.map((row) => row.map((v) => divide(v, total)));
  }
}

/** sklearn's `confusion_matrix(y_true, y_pred, labels, sample_weight, normalize)`. */
export function confusionMatrix(
  yTrue: MetricInput,
  yPred: MetricInput,
  options: ConfusionMatrixOptions & SampleWeightOption = {},
): number[][] {
  return runFunctional('confusionMatrix', () =>
    new ConfusionMatrix(options).update(yTrue, yPred, options.sampleWeight).compute(),
  );
}
