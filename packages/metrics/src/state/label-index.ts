// Maps integer class labels to dense slots. With an explicit `labels` list the mapping is fixed;
// otherwise labels are added as they are first seen, so streaming metrics handle classes that only
// appear in later batches (sklearn infers the sorted union of yTrue and yPred; `sortedLabels` gives
// exactly that order at compute time).
import { ValueError } from '@tensile/core';
import { formatLabels } from '../options.js';
import type { UnknownLabels } from '../options.js';

/** Labels in [0, DENSE_LIMIT) are looked up in a typed array; others in a Map. */
const DENSE_LIMIT = 1 << 16;

export class LabelIndex {
  /** Slot → label, in order of registration (the given order when fixed). */
  readonly labels: number[] = [];
  readonly fixed: boolean;
  /** dense[label] = slot + 1 (0 = absent). */
  private dense = new Int32Array(0);
  private readonly sparse = new Map<number, number>();

  constructor(fixedLabels?: readonly number[]) {
    this.fixed = fixedLabels !== undefined;
    if (fixedLabels !== undefined) for (const label of fixedLabels) this.add(label);
  }

  get size(): number {
    return this.labels.length;
  }

  /** The slot of `label`, or -1. */
  slotOf(label: number): number {
    if (label >= 0 && label < DENSE_LIMIT) {
      return label < this.dense.length ? this.dense[label] - 1 : -1;
    }
    return this.sparse.get(label) ?? -1;
  }

  /** The slot of `label`, adding it when the index is not fixed (callers check fixed first). */
  slotFor(label: number): number {
    const slot = this.slotOf(label);
    return slot >= 0 ? slot : this.add(label);
  }

  private add(label: number): number {
    const slot = this.labels.length;
    this.labels.push(label);
    if (label >= 0 && label < DENSE_LIMIT) {
      if (label >= this.dense.length) {
        const grown = new Int32Array(Math.min(DENSE_LIMIT, Math.max(16, (label + 1) * 2)));
        grown.set(this.dense);
        this.dense = grown;
      }
      this.dense[label] = slot + 1;
    } else {
      this.sparse.set(label, slot);
    }
    return slot;
  }

  /** Slots ordered by increasing label. */
  sortedSlots(): number[] {
    const slots = this.labels.map((_, slot) => slot);
    return slots.sort((a, b) => this.labels[a] - this.labels[b]);
  }

  /** Forgets inferred labels; a fixed list stays. */
  reset(): void {
    if (this.fixed) return;
    this.labels.length = 0;
    this.dense = new Int32Array(0);
    this.sparse.clear();
  }
}

/**
 * With a fixed index and `unknownLabels: 'error'`, throws on the first label outside it. Runs before
 * any state changes, so a rejected batch leaves the metric as it was.
 */
export function assertKnownLabels(
  op: string,
  arg: string,
  data: Float64Array,
  index: LabelIndex,
  unknown: UnknownLabels,
): void {
  if (!index.fixed || unknown !== 'error') return;
  for (let i = 0; i < data.length; i++) {
    if (index.slotOf(data[i]) < 0) {
      throw new ValueError(
        op,
        `${arg} holds label ${data[i]} at ${arg}[${i}], which is not in labels ${formatLabels(index.labels)} (add it to labels, or pass unknownLabels: 'exclude' to leave it out as scikit-learn does)`,
      );
    }
  }
}

/** Grows a typed array to at least `size` elements, keeping its contents. */
export function grow(array: Float64Array<ArrayBuffer>, size: number): Float64Array<ArrayBuffer> {
  if (array.length >= size) return array;
  const grown = new Float64Array(Math.max(size, array.length * 2, 8));
  grown.set(array);
  return grown;
}
