// Every (label, score row, weight) seen so far. Ranking metrics (ROC AUC, average precision) are not
// sums over samples, so the exact streaming state is the data itself; merge concatenates.
import { ShapeError } from '@tensile/core';
import type { MetricState } from '../streaming/metric.js';
import { grow } from './label-index.js';

/** A read-only view of the buffer's contents. */
export interface StoredScores {
  readonly n: number;
  /** Score columns per sample (1 for a 1-D score). */
  readonly cols: number;
  readonly labels: Float64Array;
  /** Row-major `[n, cols]`. */
  readonly scores: Float64Array;
  /** Undefined when no batch carried weights (every weight is 1). */
  readonly weights: Float64Array | undefined;
}

export class ScoreBuffer implements MetricState {
  private n = 0;
  private cols = 0;
  private labels = new Float64Array(0);
  private scores = new Float64Array(0);
  private weights: Float64Array<ArrayBuffer> | undefined;

  /** Throws when a batch's column count differs from the earlier batches'. */
  check(op: string, arg: string, cols: number): void {
    if (this.n > 0 && cols !== this.cols) {
      throw new ShapeError(
        op,
        `${arg} has ${cols === 1 ? 'a single score per sample' : `${cols} columns`} but earlier batches had ${this.cols === 1 ? 'a single score per sample' : `${this.cols} columns`}`,
      );
    }
  }

  append(labels: Float64Array, scores: Float64Array, cols: number, weights?: Float64Array): void {
    const n = labels.length;
    if (n === 0) return;
    const total = this.n + n;
    this.labels = grow(this.labels, total);
    this.scores = grow(this.scores, total * cols);
    this.labels.set(labels, this.n);
    this.scores.set(scores.subarray(0, n * cols), this.n * cols);
    if (weights !== undefined || this.weights !== undefined) {
      if (this.weights === undefined) this.weights = new Float64Array(this.labels.length).fill(1);
      this.weights = grow(this.weights, total);
      if (weights === undefined) this.weights.fill(1, this.n, total);
      else this.weights.set(weights, this.n);
    }
    this.cols = cols;
    this.n = total;
  }

  view(): StoredScores {
    const { n, cols } = this;
    return {
      n,
      cols,
      labels: this.labels.subarray(0, n),
      scores: this.scores.subarray(0, n * cols),
      weights: this.weights?.subarray(0, n),
    };
  }

  reset(): void {
    this.n = 0;
    this.cols = 0;
    this.labels = new Float64Array(0);
    this.scores = new Float64Array(0);
    this.weights = undefined;
  }

  assertMergeable(op: string, other: ScoreBuffer): void {
    if (this.n > 0 && other.n > 0 && this.cols !== other.cols) {
      throw new ShapeError(
        op,
        `the metrics saw scores with ${this.cols} and ${other.cols} columns`,
      );
    }
  }

  merge(other: ScoreBuffer): void {
    const v = other.view();
    const weights =
      v.weights ?? (this.weights !== undefined ? new Float64Array(v.n).fill(1) : undefined);
    this.append(v.labels, v.scores, v.cols, weights);
  }
}
