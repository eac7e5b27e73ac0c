// The counts behind ROC and precision-recall curves: sort by decreasing score and record the
// cumulative (weighted) true and false positives at each distinct score, so tied scores form one
// threshold (sklearn's `_binary_clf_curve`).
import { argsortAscending } from './argsort.js';

export interface BinaryCurve {
  /** Cumulative false positives at each threshold, thresholds decreasing. */
  readonly fps: Float64Array;
  /** Cumulative true positives at each threshold. */
  readonly tps: Float64Array;
  /** The distinct scores, decreasing. */
  readonly thresholds: Float64Array;
}

/**
 * `scores[offset + i·stride]` is sample i's score, `positive[i]` whether it is of the positive
 * class. Samples of weight 0 are left out, as in sklearn.
 */
export function binaryCurve(
  scores: Float64Array,
  positive: Uint8Array,
  weights: Float64Array | undefined,
  stride = 1,
  offset = 0,
  include?: Uint8Array,
): BinaryCurve {
  const n = positive.length;
  const values = new Float64Array(n);
  let m = 0;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    if ((weights !== undefined && weights[i] === 0) || (include !== undefined && !include[i]))
      continue;
    values[i] = scores[offset + i * stride];
    order[m++] = i;
  }
  // Ascending order, walked from the end: decreasing scores.
  const ascending = argsortAscending(values, order.subarray(0, m));
  const fps = new Float64Array(m);
  const tps = new Float64Array(m);
  const thresholds = new Float64Array(m);
  let points = 0;
  let tp = 0;
  let fp = 0;
  for (let r = m - 1; r >= 0; r--) {
    const i = ascending[r];
    const w = weights === undefined ? 1 : weights[i];
    if (positive[i]) tp += w;
    else fp += w;
    if (r === 0 || values[ascending[r - 1]] !== values[i]) {
      fps[points] = fp;
      tps[points] = tp;
      thresholds[points] = values[i];
      points++;
    }
  }
  return {
    fps: fps.subarray(0, points),
    tps: tps.subarray(0, points),
    thresholds: thresholds.subarray(0, points),
  };
}

/**
 * Area under the ROC curve through (0, 0) and every threshold, by the trapezoid rule on the
 * counts (exact for integer counts), normalized by P·N. NaN when a class is missing.
 */
export function rocAucFromCurve(curve: BinaryCurve): number {
  const { fps, tps } = curve;
  const m = fps.length;
  if (m === 0) return NaN;
  const negatives = fps[m - 1];
  const positives = tps[m - 1];
  if (!(negatives > 0 && positives > 0)) return NaN;
  let area = 0;
  let fp = 0;
  let tp = 0;
  for (let i = 0; i < m; i++) {
    area += (fps[i] - fp) * (tps[i] + tp);
    fp = fps[i];
    tp = tps[i];
  }
  return area / (2 * negatives * positives);
}

/**
 * sklearn's step-function average precision Σ (Rₙ − Rₙ₋₁)·Pₙ over thresholds (no trapezoid, no
 * interpolation). With no positive sample recall is taken as 1 everywhere, which gives 0.
 */
export function averagePrecisionFromCurve(curve: BinaryCurve): number {
  const { fps, tps } = curve;
  const m = tps.length;
  if (m === 0) return NaN;
  const positives = tps[m - 1];
  if (positives === 0) return 0;
  let ap = 0;
  let previousRecall = 0;
  for (let i = 0; i < m; i++) {
    const recall = tps[i] / positives;
    ap += (recall - previousRecall) * (tps[i] / (tps[i] + fps[i]));
    previousRecall = recall;
  }
  return ap;
}
