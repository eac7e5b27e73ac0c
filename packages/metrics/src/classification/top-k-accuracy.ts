// Top-k accuracy: a hit when the true class is among the k highest scores, sklearn's
// `top_k_accuracy_score`. Ties rank as sklearn's reversed stable argsort does: among equal
// scores the higher column ranks first.
import { ValueError, invalidArgument } from '@tensile/core';
import { assertSameLength, toLabels, toSampleWeight, toScores } from '../inputs.js';
import type { MetricInput } from '../inputs.js';
import { checkBoolean, checkLabels, checkSortedLabels } from '../options.js';
import type { SampleWeightOption } from '../options.js';
import { ScoreColumns } from '../state/score-columns.js';
import { Tally } from '../state/tally.js';
import { Metric, runFunctional } from '../streaming/metric.js';
import type { MetricState } from '../streaming/metric.js';

export interface TopKAccuracyOptions {
  /** How many top scores count as a hit (default 2, as sklearn). */
  k?: number;
  /** The sorted labels of the score columns; default: column j is class j. */
  labels?: MetricInput;
  /** `true` (default): the fraction of hits; `false`: the (weighted) number of hits. */
  normalize?: boolean;
}

/**
 * For a 1-D (binary) score sklearn predicts the positive class when the score exceeds 0.5 if every
 * score lies in [0, 1], else 0. That depends on all the data, so both tallies are kept.
 */
class BinaryThresholds implements MetricState {
  readonly atZero = new Tally();
  allInUnit = true;
  reset(): void {
    this.atZero.reset();
    this.allInUnit = true;
  }
  merge(other: BinaryThresholds): void {
    this.atZero.merge(other.atZero);
    this.allInUnit &&= other.allInUnit;
  }
}

export class TopKAccuracy extends Metric<number> {
  readonly input = 'scores';
  readonly k: number;
  private readonly normalize: boolean;
  private readonly columns: ScoreColumns;
  /** Hits (for a 1-D score: at the 0.5 threshold). */
  private readonly hits = this.addState('hits', new Tally());
  private readonly binary = this.addState('binary', new BinaryThresholds());

  constructor(options: TopKAccuracyOptions = {}) {
    super('TopKAccuracy');
    const op = this.op('options');
    const k = options.k ?? 2;
    if (!(Number.isSafeInteger(k) && k >= 1)) throw invalidArgument(op, 'k', 'an integer ≥ 1', k);
    this.k = k;
    this.normalize = checkBoolean(op, 'normalize', options.normalize, true);
    const labels = checkLabels(op, options.labels);
    if (labels !== undefined) checkSortedLabels(op, labels);
    this.columns = this.addState('columns', new ScoreColumns(labels));
    this.configure({ k, labels, normalize: this.normalize });
  }

  /** `yScore` is `[n, C]` (one column per class) or `[n]` (the positive class of a binary task). */
  update(yTrue: MetricInput, yScore: MetricInput, sampleWeight?: MetricInput): this {
    const op = this.op('update');
    const t = toLabels(op, 'yTrue', yTrue);
    const s = toScores(op, 'yScore', yScore);
    assertSameLength(op, 'yTrue', t.length, 'yScore', s.rows);
    const weight = toSampleWeight(op, t.length, sampleWeight);
    this.columns.check(op, 'yScore', s.cols);
    const cls = this.columns.encode(op, 'yTrue', t, s.cols);
    this.columns.commit(s.cols);
    const { data, cols } = s;
    const k = this.k;
    let hits = 0;
    let hitsAtZero = 0;
    let total = 0;
    if (cols === 1) {
      let allInUnit = true;
      for (let i = 0; i < cls.length; i++) {
        const w = weight === undefined ? 1 : weight[i];
        const v = data[i];
        if (v < 0 || v > 1) allInUnit = false;
        if (k >= 2 || (v > 0.5 ? 1 : 0) === cls[i]) hits += w;
        if (k >= 2 || (v > 0 ? 1 : 0) === cls[i]) hitsAtZero += w;
        total += w;
      }
      this.binary.allInUnit &&= allInUnit;
    } else {
      for (let i = 0; i < cls.length; i++) {
        const w = weight === undefined ? 1 : weight[i];
        const row = i * cols;
        const c = cls[i];
        const own = data[row + c];
        // Rank of the true class: columns scoring higher, plus equal columns to its right.
        let above = 0;
        for (let j = 0; j < cols && above < k; j++) {
          const v = data[row + j];
          if (v > own || (v === own && j > c)) above++;
        }
        if (above < k) hits += w;
        total += w;
      }
      hitsAtZero = hits;
    }
    this.hits.add(hits, total);
    this.binary.atZero.add(hitsAtZero, total);
    this.addSamples(t.length);
    return this;
  }

  compute(): number {
    this.assertNotEmpty();
    const tally =
      this.columns.columns === 1 && !this.binary.allInUnit ? this.binary.atZero : this.hits;
    if (!this.normalize) return tally.sum;
    if (tally.weight === 0) throw new ValueError(this.op('compute'), 'sampleWeight sums to 0');
    return tally.sum / tally.weight;
  }
}

/** sklearn's `top_k_accuracy_score(y_true, y_score, k, normalize, sample_weight, labels)`. */
export function topKAccuracy(
  yTrue: MetricInput,
  yScore: MetricInput,
  options: TopKAccuracyOptions & SampleWeightOption = {},
): number {
  return runFunctional('topKAccuracy', () =>
    new TopKAccuracy(options).update(yTrue, yScore, options.sampleWeight).compute(),
  );
}
