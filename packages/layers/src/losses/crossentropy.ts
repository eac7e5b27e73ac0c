// Cross-entropies, PyTorch-exact. From logits they use log-softmax / softplus (stable for any
// logit); from probabilities they take the logarithm as given, with no clipping and no
// renormalization of p (Keras renormalizes, which changes the gradient), except that binary
// cross-entropy clamps each log at −100 as torch's `F.binary_cross_entropy` does.
import type { Tensor } from '@tensile/core';
import * as tl from '@tensile/core';
import { checkSameShape, defineLoss, xLogP } from './loss.js';

/**
 * −(y·log p + (1 − y)·log(1 − p)) per element, targets in [0, 1] (soft targets allowed). From
 * logits z: softplus(z) − z·y = max(z, 0) − z·y + log(1 + e^−|z|) (torch
 * `F.binary_cross_entropy_with_logits`), whose gradient σ(z) − y is exact everywhere.
 * labelSmoothing ε: y ← y(1 − ε) + ε/2 (Keras).
 */
export const binaryCrossentropy = defineLoss({
  name: 'binaryCrossentropy',
  meanOver: 'elements',
  options: ['fromLogits', 'labelSmoothing'],
  unreduced: (yTrue, yPred, { fromLogits, labelSmoothing }) => {
    const y =
      labelSmoothing > 0 ? tl.add(tl.mul(yTrue, 1 - labelSmoothing), labelSmoothing / 2) : yTrue;
    if (fromLogits) return tl.sub(tl.softplus(yPred), tl.mul(yPred, y));
    const logP = tl.maximum(tl.log(yPred), -100);
    const log1mP = tl.maximum(tl.log(tl.sub(1, yPred)), -100);
    return tl.neg(tl.add(tl.mul(y, logP), tl.mul(tl.sub(1, y), log1mP)));
  },
});

/** −Σ_c y_c·log p_c over the last axis; from logits, log p = log-softmax(z). */
function crossEntropy(y: Tensor, yPred: Tensor, fromLogits: boolean): Tensor {
  const perClass = fromLogits ? tl.mul(y, tl.logSoftmax(yPred)) : xLogP(y, yPred);
  return tl.neg(tl.sum(perClass, -1));
}

function smooth(y: Tensor, epsilon: number): Tensor {
  const classes = y.shape[y.rank - 1];
  return epsilon > 0 ? tl.add(tl.mul(y, 1 - epsilon), epsilon / classes) : y;
}

/**
 * Per sample −Σ_c y_c·log p_c with one-hot or soft targets y (torch `F.cross_entropy` with
 * probability targets); labelSmoothing ε: y ← y(1 − ε) + ε/C. 'mean' averages over samples.
 */
export const categoricalCrossentropy = defineLoss({
  name: 'categoricalCrossentropy',
  meanOver: 'elements',
  options: ['fromLogits', 'labelSmoothing'],
  unreduced: (yTrue, yPred, { fromLogits, labelSmoothing }) =>
    crossEntropy(smooth(yTrue, labelSmoothing), yPred, fromLogits),
  checkTargets: (op, yTrue, yPred) => {
    checkSameShape(op, yTrue, yPred);
    if (yPred.rank < 2) {
      throw new tl.ShapeError(
        op,
        `yPred must be [batch, ..., classes], got ${tl.formatShape(yPred.shape)}`,
      );
    }
  },
});

function checkSparseLabels(op: string, labels: Tensor, yPred: Tensor): void {
  if (!(labels instanceof tl.Tensor)) throw tl.invalidArgument(op, 'yTrue', 'a tensor', labels);
  labels.assertUsable(op, 'yTrue');
  if (labels.dtype !== 'int32') {
    throw new tl.DtypeError(
      op,
      `yTrue must hold int32 class indices, got ${labels.dtype} (cast integer labels with tl.cast(y, 'int32'))`,
    );
  }
  if (yPred.rank < 2) {
    throw new tl.ShapeError(
      op,
      `yPred must be [batch, ..., classes], got ${tl.formatShape(yPred.shape)}`,
    );
  }
  const lead = yPred.shape.slice(0, -1);
  const ok = tl.shapesEqual(labels.shape, lead) || tl.shapesEqual(labels.shape, [...lead, 1]);
  if (!ok) {
    throw new tl.ShapeError(
      op,
      `yTrue must have shape ${tl.formatShape(lead)} (yPred without its class axis), got ${tl.formatShape(labels.shape)}`,
    );
  }
  const classes = yPred.shape[yPred.rank - 1];
  const values = labels.dataSync();
  for (let i = 0; i < values.length; i++) {
    if (values[i] < 0 || values[i] >= classes) {
      throw new tl.ValueError(
        op,
        `yTrue[${i}] = ${values[i]} is not a class index in [0, ${classes - 1}]`,
      );
    }
  }
}

/**
 * Categorical cross-entropy with int32 class indices (shape = yPred's without the class axis):
 * torch `F.cross_entropy(logits, labels, label_smoothing=ε)` = (1 − ε)·nll + ε·mean_c(−log p_c).
 */
export const sparseCategoricalCrossentropy = defineLoss({
  name: 'sparseCategoricalCrossentropy',
  meanOver: 'elements',
  options: ['fromLogits', 'labelSmoothing'],
  unreduced: (labels, yPred, { fromLogits, labelSmoothing }) => {
    const lead = yPred.shape.slice(0, -1);
    const classes = yPred.shape[yPred.rank - 1];
    const flat = tl.reshape(labels, [labels.size]);
    const oneHot = tl.reshape(tl.oneHot(flat, classes, 1, 0, yPred.dtype), [...lead, classes]);
    return crossEntropy(smooth(oneHot, labelSmoothing), yPred, fromLogits);
  },
  checkTargets: checkSparseLabels,
});
