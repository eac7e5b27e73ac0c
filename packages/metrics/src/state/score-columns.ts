// Which class each column of a score matrix belongs to. Column j is the j-th label of an explicit
// sorted `labels` list, else class j itself (labels 0..C−1); a 1-D score is the probability of the
// larger of two labels ([0, 1] by default). The column count is fixed by the first batch.
import { ShapeError, ValueError } from '@tensile/core';
import { formatLabels } from '../options.js';
import type { MetricState } from '../streaming/metric.js';
import { LabelIndex } from './label-index.js';

export class ScoreColumns implements MetricState {
  /** Score columns seen so far: 0 before the first batch, 1 for a 1-D score. */
  columns = 0;
  private readonly fixed: readonly number[] | undefined;
  private index: LabelIndex | undefined;

  constructor(labels: readonly number[] | undefined) {
    this.fixed = labels;
  }

  /** Checks a batch's column count against the labels and the earlier batches. */
  check(op: string, arg: string, cols: number): void {
    if (this.fixed !== undefined) {
      const expected = cols === 1 ? 2 : cols;
      if (this.fixed.length !== expected) {
        throw new ShapeError(
          op,
          cols === 1
            ? `${arg} is a 1-D (binary) score, so labels must hold 2 labels, got ${formatLabels(this.fixed)}`
            : `${arg} has ${cols} columns but labels holds ${this.fixed.length} labels ${formatLabels(this.fixed)}`,
        );
      }
    } else if (cols === 0) {
      throw new ShapeError(op, `${arg} has 0 columns`);
    }
    if (this.columns !== 0 && this.columns !== cols) {
      throw new ShapeError(
        op,
        `${arg} has ${cols === 1 ? 'a single score per sample' : `${cols} columns`} but earlier batches had ${this.columns === 1 ? 'a single score per sample' : `${this.columns} columns`}`,
      );
    }
  }

  /** Adopts a checked column count (after the whole batch validated, so errors change nothing). */
  commit(cols: number): void {
    this.columns = cols;
  }

  /** The label of each class column (two labels, negative then positive, for a 1-D score). */
  labels(cols = this.columns): readonly number[] {
    if (this.fixed !== undefined) return this.fixed;
    const n = cols === 1 ? 2 : cols;
    return Array.from({ length: n }, (_, j) => j);
  }

  /** The class column of every label in `yTrue`; throws on a label that has no column. */
  encode(op: string, arg: string, yTrue: Float64Array, cols = this.columns): Int32Array {
    const labels = this.labels(cols);
    if (this.index === undefined || this.index.size !== labels.length) {
      this.index = new LabelIndex(labels);
    }
    const out = new Int32Array(yTrue.length);
    for (let i = 0; i < yTrue.length; i++) {
      const slot = this.index.slotOf(yTrue[i]);
      if (slot < 0) {
        const source =
          this.fixed !== undefined
            ? `labels ${formatLabels(labels)}`
            : `the score columns' classes ${formatLabels(labels)} (pass labels when classes are not 0..C−1)`;
        throw new ValueError(
          op,
          `${arg} holds label ${yTrue[i]} at ${arg}[${i}], which is not in ${source}`,
        );
      }
      out[i] = slot;
    }
    return out;
  }

  reset(): void {
    this.columns = 0;
  }

  assertMergeable(op: string, other: ScoreColumns): void {
    if (this.columns !== 0 && other.columns !== 0 && this.columns !== other.columns) {
      throw new ShapeError(
        op,
        `the metrics saw scores with ${this.columns} and ${other.columns} columns`,
      );
    }
  }

  merge(other: ScoreColumns): void {
    if (this.columns === 0) this.columns = other.columns;
  }
}
