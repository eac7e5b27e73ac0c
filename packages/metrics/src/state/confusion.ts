// The full confusion matrix over labels seen so far (or a fixed list), grown as classes appear.
import { LabelIndex, assertKnownLabels } from './label-index.js';
import type { UnknownLabels } from '../options.js';
import type { MetricState } from '../streaming/metric.js';

export class ConfusionCounts implements MetricState {
  readonly index: LabelIndex;
  readonly unknown: UnknownLabels;
  /** capacity × capacity, row = true slot, column = predicted slot. */
  private counts: Float64Array;
  private capacity: number;

  constructor(labels: readonly number[] | undefined, unknown: UnknownLabels) {
    this.index = new LabelIndex(labels);
    this.unknown = unknown;
    this.capacity = Math.max(this.index.size, 2);
    this.counts = new Float64Array(this.capacity * this.capacity);
  }

  update(op: string, yTrue: Float64Array, yPred: Float64Array, weight?: Float64Array): void {
    const index = this.index;
    assertKnownLabels(op, 'yTrue', yTrue, index, this.unknown);
    assertKnownLabels(op, 'yPred', yPred, index, this.unknown);
    for (let i = 0; i < yTrue.length; i++) {
      const ts = this.slot(yTrue[i]);
      const ps = this.slot(yPred[i]);
      // sklearn drops a sample whose true or predicted label is outside `labels`.
      if (ts < 0 || ps < 0) continue;
      this.counts[ts * this.capacity + ps] += weight === undefined ? 1 : weight[i];
    }
  }

  private slot(label: number): number {
    if (this.index.fixed) return this.index.slotOf(label);
    const slot = this.index.slotFor(label);
    if (slot >= this.capacity) this.resize(Math.max(slot + 1, this.capacity * 2));
    return slot;
  }

  private resize(capacity: number): void {
    const counts = new Float64Array(capacity * capacity);
    for (let r = 0; r < this.capacity; r++) {
      counts.set(this.counts.subarray(r * this.capacity, (r + 1) * this.capacity), r * capacity);
    }
    this.counts = counts;
    this.capacity = capacity;
  }

  /** The labels of the matrix axes: the fixed list in its order, or the seen labels sorted. */
  reportLabels(): number[] {
    if (this.index.fixed) return [...this.index.labels];
    return this.index.sortedSlots().map((slot) => this.index.labels[slot]);
  }

  /** The matrix over `reportLabels()`, rows = true labels, columns = predicted labels. */
  matrix(): number[][] {
    const slots = this.index.fixed
      ? this.index.labels.map((_, slot) => slot)
      : this.index.sortedSlots();
    return slots.map((r) => slots.map((c) => this.counts[r * this.capacity + c]));
  }

  reset(): void {
    this.index.reset();
    this.capacity = Math.max(this.index.size, 2);
    this.counts = new Float64Array(this.capacity * this.capacity);
  }

  merge(other: ConfusionCounts): void {
    const map = other.index.labels.map((label) => this.slot(label));
    for (let r = 0; r < map.length; r++) {
      for (let c = 0; c < map.length; c++) {
        this.counts[map[r] * this.capacity + map[c]] += other.counts[r * other.capacity + c];
      }
    }
  }
}
