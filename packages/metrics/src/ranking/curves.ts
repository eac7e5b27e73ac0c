// rocCurve and precisionRecallCurve: the curves themselves, as sklearn's `roc_curve` and
// `precision_recall_curve` return them.
import { assertSameLength, toLabels, toSampleWeight, toScores } from '../inputs.js';
import type { MatrixInput, MetricInput } from '../inputs.js';
import { ShapeError, ValueError } from '@tensile/core';
import { checkBoolean, checkIntegerLabel } from '../options.js';
import type { SampleWeightOption } from '../options.js';
import { binaryCurve } from './binary-curve.js';
import type { BinaryCurve } from './binary-curve.js';
import { curvePosLabel, positiveMask } from './binary-labels.js';

export interface CurveOptions extends SampleWeightOption {
  /** The positive class; default 1 when yTrue's labels are {0, 1} or {−1, 1}, else required. */
  posLabel?: number;
}

export interface RocCurveOptions extends CurveOptions {
  /** Drop thresholds that lie on a straight segment of the curve (default true, as sklearn). */
  dropIntermediate?: boolean;
}

export interface RocCurve {
  /** False-positive rates, increasing, starting at 0. */
  fpr: number[];
  /** True-positive rates, increasing, starting at 0. */
  tpr: number[];
  /** Decreasing; the first is Infinity (no sample is predicted positive), as current sklearn. */
  thresholds: number[];
}

export interface PrecisionRecallCurve {
  /** Precision at each threshold (increasing thresholds), then a final 1. */
  precision: number[];
  /** Recall at each threshold, decreasing, then a final 0. */
  recall: number[];
  /** The distinct scores, increasing. */
  thresholds: number[];
}

function readCurveInput(
  op: string,
  yTrue: MetricInput,
  yScore: MetricInput,
  options: CurveOptions,
): BinaryCurve {
  const t = toLabels(op, 'yTrue', yTrue);
  const s: MatrixInput = toScores(op, 'yScore', yScore);
  if (s.cols !== 1) {
    throw new ShapeError(op, `yScore must be 1-D (one score per sample), got ${s.cols} columns`);
  }
  assertSameLength(op, 'yTrue', t.length, 'yScore', s.rows);
  const weight = toSampleWeight(op, t.length, options.sampleWeight);
  if (t.length === 0) throw new ValueError(op, 'no samples: yTrue is empty');
  const given =
    options.posLabel === undefined
      ? undefined
      : checkIntegerLabel(op, 'posLabel', options.posLabel, 1);
  const posLabel = curvePosLabel(op, t, given);
  return binaryCurve(s.data, positiveMask(t, posLabel), weight);
}

/** sklearn's `roc_curve(y_true, y_score, pos_label, sample_weight, drop_intermediate)`. */
export function rocCurve(
  yTrue: MetricInput,
  yScore: MetricInput,
  options: RocCurveOptions = {},
): RocCurve {
  const op = 'rocCurve';
  const drop = checkBoolean(op, 'dropIntermediate', options.dropIntermediate, true);
  const { fps, tps, thresholds } = readCurveInput(op, yTrue, yScore, options);
  let keep = Array.from(fps, (_, i) => i);
  if (drop && fps.length > 2) {
    // Keep the ends and every corner: points where the second difference of fps or tps is non-zero.
    keep = keep.filter(
      (i) =>
        i === 0 ||
        i === fps.length - 1 ||
        fps[i + 1] - 2 * fps[i] + fps[i - 1] !== 0 ||
        tps[i + 1] - 2 * tps[i] + tps[i - 1] !== 0,
    );
  }
  const negatives = fps[fps.length - 1];
  const positives = tps[tps.length - 1];
  const rate = (v: number, total: number): number => (total > 0 ? v / total : NaN);
  return {
    fpr: [0, ...keep.map((i) => rate(fps[i], negatives))],
    tpr: [0, ...keep.map((i) => rate(tps[i], positives))],
    thresholds: [Infinity, ...keep.map((i) => thresholds[i])],
  };
}

/** sklearn's `precision_recall_curve(y_true, probas_pred, pos_label, sample_weight)`. */
export function precisionRecallCurve(
  yTrue: MetricInput,
  yScore: MetricInput,
  options: CurveOptions = {},
): PrecisionRecallCurve {
  const { fps, tps, thresholds } = readCurveInput('precisionRecallCurve', yTrue, yScore, options);
  const m = tps.length;
  const positives = tps[m - 1];
  const precision: number[] = [];
  const recall: number[] = [];
  const ascending: number[] = [];
  for (let i = m - 1; i >= 0; i--) {
    precision.push(tps[i] / (tps[i] + fps[i]));
    // sklearn: with no positive sample recall is 1 at every threshold.
    recall.push(positives > 0 ? tps[i] / positives : 1);
    ascending.push(thresholds[i]);
  }
  precision.push(1);
  recall.push(0);
  return { precision, recall, thresholds: ascending };
}
