// Multi-class ranking metrics from a binary one: one-vs-rest per column (sklearn's
// `_average_binary_score` over a label-binarized yTrue) and one-vs-one over pairs of classes
// (Hand & Till 2001, sklearn's `_average_multiclass_ovo_score`).
import { ValueError } from '@tensile/core';
import type { StoredScores } from '../state/score-buffer.js';
import { binaryCurve } from './binary-curve.js';
import type { BinaryCurve } from './binary-curve.js';

export type RankingAverage = 'micro' | 'macro' | 'weighted' | null;

/** `number[]` for `average: null`, `number` otherwise. */
export type RankingResult<A extends RankingAverage> = [A] extends [null]
  ? number[]
  : null extends A
    ? number | number[]
    : number;

/** A binary ranking metric of a curve (ROC AUC, average precision). */
export type CurveMetric = (curve: BinaryCurve) => number;

/** Per-class (weighted) number of true samples; throws for a class that never occurs. */
function classSupport(
  op: string,
  metricName: string,
  cls: Int32Array,
  labels: readonly number[],
  weights: Float64Array | undefined,
): Float64Array {
  const support = new Float64Array(labels.length);
  const count = new Float64Array(labels.length);
  for (let i = 0; i < cls.length; i++) {
    support[cls[i]] += weights === undefined ? 1 : weights[i];
    count[cls[i]]++;
  }
  for (let c = 0; c < labels.length; c++) {
    if (count[c] === 0) {
      throw new ValueError(
        op,
        `class ${labels[c]} has no sample in yTrue, so its one-vs-rest ${metricName} is not defined`,
      );
    }
  }
  return support;
}

export function oneVsRest(
  op: string,
  metricName: string,
  stored: StoredScores,
  cls: Int32Array,
  labels: readonly number[],
  average: RankingAverage,
  metric: CurveMetric,
): number | number[] {
  const { n, cols, scores, weights } = stored;
  if (average === 'micro') {
    // Every (sample, class) cell is one binary decision; weights repeat across a sample's cells.
    const positive = new Uint8Array(n * cols);
    for (let i = 0; i < n; i++) positive[i * cols + cls[i]] = 1;
    let cellWeights: Float64Array | undefined;
    if (weights !== undefined) {
      cellWeights = new Float64Array(n * cols);
      for (let i = 0; i < n; i++) cellWeights.fill(weights[i], i * cols, (i + 1) * cols);
    }
    return checked(op, metricName, metric(binaryCurve(scores, positive, cellWeights)), 'micro');
  }
  const support = classSupport(op, metricName, cls, labels, weights);
  const perClass: number[] = [];
  const positive = new Uint8Array(n);
  for (let c = 0; c < cols; c++) {
    for (let i = 0; i < n; i++) positive[i] = cls[i] === c ? 1 : 0;
    const value = metric(binaryCurve(scores, positive, weights, cols, c));
    perClass.push(checked(op, metricName, value, `class ${labels[c]}`));
  }
  if (average === null) return perClass;
  if (average === 'macro') return perClass.reduce((a, b) => a + b, 0) / cols;
  let num = 0;
  let den = 0;
  for (let c = 0; c < cols; c++) {
    num += support[c] * perClass[c];
    den += support[c];
  }
  if (den === 0) throw new ValueError(op, 'sampleWeight sums to 0');
  return num / den;
}

export function oneVsOne(
  op: string,
  metricName: string,
  stored: StoredScores,
  cls: Int32Array,
  labels: readonly number[],
  average: 'macro' | 'weighted',
  metric: CurveMetric,
): number {
  const { n, cols, scores } = stored;
  classSupport(op, metricName, cls, labels, undefined);
  const include = new Uint8Array(n);
  const positive = new Uint8Array(n);
  let num = 0;
  let den = 0;
  for (let a = 0; a < cols; a++) {
    for (let b = a + 1; b < cols; b++) {
      let pairCount = 0;
      for (let i = 0; i < n; i++) {
        include[i] = cls[i] === a || cls[i] === b ? 1 : 0;
        pairCount += include[i];
      }
      // Each pair scores both ways: a against b with column a, b against a with column b.
      for (let i = 0; i < n; i++) positive[i] = cls[i] === a ? 1 : 0;
      const ab = metric(binaryCurve(scores, positive, undefined, cols, a, include));
      for (let i = 0; i < n; i++) positive[i] = cls[i] === b ? 1 : 0;
      const ba = metric(binaryCurve(scores, positive, undefined, cols, b, include));
      const pair = checked(op, metricName, (ab + ba) / 2, `classes ${labels[a]} and ${labels[b]}`);
      const w = average === 'weighted' ? pairCount / n : 1;
      num += w * pair;
      den += w;
    }
  }
  return num / den;
}

function checked(op: string, metricName: string, value: number, what: string): number {
  if (Number.isNaN(value)) {
    throw new ValueError(op, `${metricName} of ${what} is not defined (a class has no samples)`);
  }
  return value;
}
