// Sufficient statistics of a regression, per output: the weight, the mean and centred sum of
// squares of y and of the error e = y − ŷ, and Σw·e², Σw·|e|. Each batch is reduced two-pass
// (mean first, then squares about it) and folded in with Chan et al.'s pairwise update
// (M2 = M2a + M2b + δ²·Wa·Wb/W), so r² and explained variance keep full precision on data with
// a large offset, where Σy² − (Σy)²/n cancels catastrophically. A constant batch is recognized
// and keeps m2 exactly 0, so sklearn's "constant yTrue" branches trigger exactly.
import { ShapeError } from '@tensile/core';
import type { MetricState } from '../streaming/metric.js';

/** Weighted count, mean and centred sum of squares of one variable, per output. */
export class Moments {
  weight: Float64Array;
  mean: Float64Array;
  m2: Float64Array;

  constructor(outputs: number) {
    this.weight = new Float64Array(outputs);
    this.mean = new Float64Array(outputs);
    this.m2 = new Float64Array(outputs);
  }

  /** Chan's pairwise combination of (weight, mean, m2) into output `d`. */
  combine(d: number, weight: number, mean: number, m2: number): void {
    if (weight === 0) return;
    const wa = this.weight[d];
    if (wa === 0) {
      this.weight[d] = weight;
      this.mean[d] = mean;
      this.m2[d] = m2;
      return;
    }
    const total = wa + weight;
    const delta = mean - this.mean[d];
    this.mean[d] += (delta * weight) / total;
    this.m2[d] += m2 + (delta * delta * wa * weight) / total;
    this.weight[d] = total;
  }
}

export class RegressionMoments implements MetricState {
  /** Outputs per sample; 0 before the first batch. */
  outputs = 0;
  y = new Moments(0);
  error = new Moments(0);
  /** Σ w·e² per output. */
  sse = new Float64Array(0);
  /** Σ w·|e| per output. */
  sae = new Float64Array(0);

  /** Folds in a row-major `[rows, outputs]` batch. */
  update(
    yTrue: Float64Array,
    yPred: Float64Array,
    rows: number,
    outputs: number,
    w?: Float64Array,
  ): void {
    if (this.outputs === 0) this.allocate(outputs);
    for (let d = 0; d < outputs; d++) {
      let weight = 0;
      let sumY = 0;
      let sumE = 0;
      let sse = 0;
      let sae = 0;
      let constY = true;
      let constE = true;
      const y0 = yTrue[d];
      const e0 = yTrue[d] - yPred[d];
      for (let i = 0, k = d; i < rows; i++, k += outputs) {
        const wi = w === undefined ? 1 : w[i];
        const y = yTrue[k];
        const e = y - yPred[k];
        weight += wi;
        sumY += wi * y;
        sumE += wi * e;
        sse += wi * e * e;
        sae += wi * Math.abs(e);
        if (wi !== 0) {
          constY &&= y === y0;
          constE &&= e === e0;
        }
      }
      this.sse[d] += sse;
      this.sae[d] += sae;
      if (weight === 0) continue;
      const meanY = constY ? y0 : sumY / weight;
      const meanE = constE ? e0 : sumE / weight;
      let m2Y = 0;
      let m2E = 0;
      if (!constY || !constE) {
        for (let i = 0, k = d; i < rows; i++, k += outputs) {
          const wi = w === undefined ? 1 : w[i];
          const dy = yTrue[k] - meanY;
          const de = yTrue[k] - yPred[k] - meanE;
          m2Y += wi * dy * dy;
          m2E += wi * de * de;
        }
      }
      this.y.combine(d, weight, meanY, constY ? 0 : m2Y);
      this.error.combine(d, weight, meanE, constE ? 0 : m2E);
    }
  }

  private allocate(outputs: number): void {
    this.outputs = outputs;
    this.y = new Moments(outputs);
    this.error = new Moments(outputs);
    this.sse = new Float64Array(outputs);
    this.sae = new Float64Array(outputs);
  }

  reset(): void {
    this.allocate(0);
  }

  assertMergeable(op: string, other: RegressionMoments): void {
    if (this.outputs !== 0 && other.outputs !== 0 && this.outputs !== other.outputs) {
      throw new ShapeError(op, `the metrics saw ${this.outputs} and ${other.outputs} outputs`);
    }
  }

  merge(other: RegressionMoments): void {
    if (other.outputs === 0) return;
    if (this.outputs === 0) this.allocate(other.outputs);
    for (let d = 0; d < this.outputs; d++) {
      this.y.combine(d, other.y.weight[d], other.y.mean[d], other.y.m2[d]);
      this.error.combine(d, other.error.weight[d], other.error.mean[d], other.error.m2[d]);
      this.sse[d] += other.sse[d];
      this.sae[d] += other.sae[d];
    }
  }
}
