// Which samples are positive in a binary ranking problem, with sklearn's rules for each function.
import { ValueError } from '@tensile/core';
import { formatLabels } from '../options.js';

/** The distinct labels of `y`, sorted. */
export function distinctLabels(y: Float64Array): number[] {
  return [...new Set(y)].sort((a, b) => a - b);
}

/** 1 where `y` equals `posLabel`. */
export function positiveMask(y: Float64Array, posLabel: number): Uint8Array {
  const mask = new Uint8Array(y.length);
  for (let i = 0; i < y.length; i++) mask[i] = y[i] === posLabel ? 1 : 0;
  return mask;
}

/**
 * The positive label of the curve functions: `posLabel` when given, else 1 provided yTrue only
 * holds labels of {0, 1} or {−1, 1} (sklearn's `_check_pos_label_consistency`).
 */
export function curvePosLabel(op: string, y: Float64Array, posLabel: number | undefined): number {
  if (posLabel !== undefined) return posLabel;
  const classes = distinctLabels(y);
  const standard =
    classes.every((c) => c === 0 || c === 1) || classes.every((c) => c === -1 || c === 1);
  if (!standard) {
    throw new ValueError(
      op,
      `yTrue holds labels ${formatLabels(classes)} and posLabel is not given: pass posLabel, or use labels {0, 1} or {-1, 1}`,
    );
  }
  return 1;
}

/** The positive label of binary ROC AUC: the larger of exactly two labels in yTrue. */
export function rocPositiveLabel(op: string, y: Float64Array): number {
  const classes = distinctLabels(y);
  if (classes.length === 2) return classes[1];
  if (classes.length < 2) {
    throw new ValueError(
      op,
      `only one class (${classes.join(',')}) is present in yTrue: ROC AUC is not defined in that case`,
    );
  }
  throw new ValueError(
    op,
    `yTrue holds ${classes.length} classes ${formatLabels(classes)} but yScore is 1-D (binary): pass yProb of shape [n, C] for one-vs-rest`,
  );
}

/** The positive label of binary average precision: `posLabel`, checked against yTrue. */
export function apPositiveLabel(op: string, y: Float64Array, posLabel: number): number {
  const classes = distinctLabels(y);
  if (classes.length > 2) {
    throw new ValueError(
      op,
      `yTrue holds ${classes.length} classes ${formatLabels(classes)} but yScore is 1-D (binary): pass yScore of shape [n, C] for one-vs-rest`,
    );
  }
  if (classes.length === 2 && !classes.includes(posLabel)) {
    throw new ValueError(
      op,
      `posLabel ${posLabel} is not one of the labels present ${formatLabels(classes)}: pass posLabel`,
    );
  }
  return posLabel;
}
