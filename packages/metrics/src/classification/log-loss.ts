// Log loss (cross-entropy) −mean log p(true class), natural log, sklearn's `log_loss`:
// probabilities are clipped to [eps, 1 − eps] and rows renormalized before the log.
import { ValueError, invalidArgument } from '@tensile/core';
import {
  assertProbabilityRows,
  assertSameLength,
  toLabels,
  toSampleWeight,
  toScores,
} from '../inputs.js';
import type { MetricInput } from '../inputs.js';
import { checkBoolean, checkLabels } from '../options.js';
import type { SampleWeightOption } from '../options.js';
import { ScoreColumns } from '../state/score-columns.js';
import { Tally } from '../state/tally.js';
import { Metric, runFunctional } from '../streaming/metric.js';

export interface LogLossOptions {
  /** The labels of the probability columns (sorted here, as sklearn does); default: column j is class j. */
  labels?: MetricInput;
  /** Clipping bound; `'auto'` (default): machine epsilon of the input, 2^-52 (float64) or 2^-23 (float32). */
  eps?: number | 'auto';
  /** `true` (default): mean over samples; `false`: the sum. */
  normalize?: boolean;
}

export class LogLoss extends Metric<number> {
  readonly input = 'scores';
  private readonly eps: number | 'auto';
  private readonly normalize: boolean;
  private readonly columns: ScoreColumns;
  private readonly loss = this.addState('loss', new Tally());

  constructor(options: LogLossOptions = {}) {
    super('LogLoss');
    const op = this.op('options');
    const eps = options.eps ?? 'auto';
    if (eps !== 'auto' && !(typeof eps === 'number' && eps >= 0 && eps < 0.5)) {
      throw invalidArgument(op, 'eps', "'auto' or a number in [0, 0.5)", eps);
    }
    this.eps = eps;
    this.normalize = checkBoolean(op, 'normalize', options.normalize, true);
    const labels = checkLabels(op, options.labels)?.sort((a, b) => a - b);
    if (labels !== undefined && labels.length < 2) {
      throw new ValueError(op, `labels must hold at least two labels, got [${labels.join(',')}]`);
    }
    this.columns = this.addState('columns', new ScoreColumns(labels));
    this.configure({ labels, eps, normalize: this.normalize });
  }

  /** `yProb` is `[n, C]` (rows sum to 1) or `[n]` (probability of the larger label). */
  update(yTrue: MetricInput, yProb: MetricInput, sampleWeight?: MetricInput): this {
    const op = this.op('update');
    const t = toLabels(op, 'yTrue', yTrue);
    const p = toScores(op, 'yProb', yProb);
    assertSameLength(op, 'yTrue', t.length, 'yProb', p.rows);
    const weight = toSampleWeight(op, t.length, sampleWeight);
    this.columns.check(op, 'yProb', p.cols);
    assertProbabilityRows(op, 'yProb', p);
    const cls = this.columns.encode(op, 'yTrue', t, p.cols);
    this.columns.commit(p.cols);
    const eps = this.eps === 'auto' ? (p.float32 ? 2 ** -23 : 2 ** -52) : this.eps;
    const hi = 1 - eps;
    const { data, cols } = p;
    let loss = 0;
    let total = 0;
    for (let i = 0; i < cls.length; i++) {
      const w = weight === undefined ? 1 : weight[i];
      let prob: number;
      if (cols === 1) {
        const q = Math.min(Math.max(data[i], eps), hi);
        prob = cls[i] === 1 ? q : 1 - q;
      } else {
        const row = i * cols;
        let rowSum = 0;
        for (let j = 0; j < cols; j++) rowSum += Math.min(Math.max(data[row + j], eps), hi);
        prob = Math.min(Math.max(data[row + cls[i]], eps), hi) / rowSum;
      }
      if (w !== 0) loss -= w * Math.log(prob);
      total += w;
    }
    this.loss.add(loss, total);
    this.addSamples(t.length);
    return this;
  }

  compute(): number {
    this.assertNotEmpty();
    if (!this.normalize) return this.loss.sum;
    if (this.loss.weight === 0) throw new ValueError(this.op('compute'), 'sampleWeight sums to 0');
    return this.loss.sum / this.loss.weight;
  }
}

/** sklearn's `log_loss(y_true, y_pred, eps, normalize, sample_weight, labels)`. */
export function logLoss(
  yTrue: MetricInput,
  yProb: MetricInput,
  options: LogLossOptions & SampleWeightOption = {},
): number {
  return runFunctional('logLoss', () =>
    new LogLoss(options).update(yTrue, yProb, options.sampleWeight).compute(),
  );
}
