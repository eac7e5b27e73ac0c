// Per-class counts (true positives, predicted, true) — sklearn's multilabel confusion matrix in
// O(C) space. Precision, recall, F-scores and balanced accuracy all read off this one table, and
// counts add exactly under merge.
import { LabelIndex, assertKnownLabels, grow } from './label-index.js';
import type { UnknownLabels } from '../options.js';
import type { MetricState } from '../streaming/metric.js';

/** Counts of the requested labels, in the requested order. */
export interface LabelCounts {
  readonly labels: number[];
  readonly tp: Float64Array;
  /** tp + fp: (weighted) number of samples predicted as the label. */
  readonly pred: Float64Array;
  /** tp + fn: (weighted) number of samples whose true label it is (the support). */
  readonly true: Float64Array;
}

export class ClassCounts implements MetricState {
  readonly index: LabelIndex;
  readonly unknown: UnknownLabels;
  private tp = new Float64Array(0);
  private pred = new Float64Array(0);
  private true = new Float64Array(0);
  /** Slots whose label occurred in the data (weights aside), as sklearn's `unique_labels`. */
  private seen = new Uint8Array(0);
  /** Labels outside a fixed list met in 'exclude' mode. */
  private readonly excluded = new Set<number>();

  constructor(labels: readonly number[] | undefined, unknown: UnknownLabels) {
    this.index = new LabelIndex(labels);
    this.unknown = unknown;
    this.ensure(this.index.size);
  }

  update(op: string, yTrue: Float64Array, yPred: Float64Array, weight?: Float64Array): void {
    const index = this.index;
    assertKnownLabels(op, 'yTrue', yTrue, index, this.unknown);
    assertKnownLabels(op, 'yPred', yPred, index, this.unknown);
    const fixed = index.fixed;
    for (let i = 0; i < yTrue.length; i++) {
      const t = yTrue[i];
      const p = yPred[i];
      const w = weight === undefined ? 1 : weight[i];
      const ts = fixed ? index.slotOf(t) : this.slot(t);
      const ps = t === p ? ts : fixed ? index.slotOf(p) : this.slot(p);
      if (ts >= 0) {
        this.true[ts] += w;
        this.seen[ts] = 1;
        if (t === p) this.tp[ts] += w;
      } else {
        this.excluded.add(t);
      }
      if (ps >= 0) {
        this.pred[ps] += w;
        this.seen[ps] = 1;
      } else {
        this.excluded.add(p);
      }
    }
  }

  private slot(label: number): number {
    const slot = this.index.slotFor(label);
    if (slot >= this.tp.length) this.ensure(slot + 1);
    return slot;
  }

  private ensure(size: number): void {
    this.tp = grow(this.tp, size);
    this.pred = grow(this.pred, size);
    this.true = grow(this.true, size);
    if (this.seen.length < size) {
      const seen = new Uint8Array(this.tp.length);
      seen.set(this.seen);
      this.seen = seen;
    }
  }

  /** Every label that occurred in yTrue or yPred, sorted (sklearn's `unique_labels`). */
  presentLabels(): number[] {
    const present: number[] = [...this.excluded];
    for (let slot = 0; slot < this.index.size; slot++) {
      if (this.seen[slot] === 1) present.push(this.index.labels[slot]);
    }
    return present.sort((a, b) => a - b);
  }

  /** The labels to report: the fixed list in its order, or the seen labels sorted. */
  reportLabels(): number[] {
    if (this.index.fixed) return [...this.index.labels];
    return this.index.sortedSlots().map((slot) => this.index.labels[slot]);
  }

  /** Counts of `labels` (zeros for a label never seen). */
  countsFor(labels: readonly number[]): LabelCounts {
    const n = labels.length;
    const tp = new Float64Array(n);
    const pred = new Float64Array(n);
    const trueCount = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const slot = this.index.slotOf(labels[i]);
      if (slot < 0) continue;
      tp[i] = this.tp[slot];
      pred[i] = this.pred[slot];
      trueCount[i] = this.true[slot];
    }
    return { labels: [...labels], tp, pred, true: trueCount };
  }

  reset(): void {
    this.index.reset();
    this.tp = new Float64Array(0);
    this.pred = new Float64Array(0);
    this.true = new Float64Array(0);
    this.seen = new Uint8Array(0);
    this.excluded.clear();
    this.ensure(this.index.size);
  }

  merge(other: ClassCounts): void {
    for (let s = 0; s < other.index.size; s++) {
      const slot = this.index.fixed ? s : this.slot(other.index.labels[s]);
      this.tp[slot] += other.tp[s];
      this.pred[slot] += other.pred[s];
      this.true[slot] += other.true[s];
      this.seen[slot] |= other.seen[s];
    }
    for (const label of other.excluded) this.excluded.add(label);
  }
}
