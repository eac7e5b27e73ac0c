// Scoring a trained classifier on a labeled set: loss and accuracy through the model's compiled
// loss and metrics (inference mode), and the predicted classes, their probabilities and the
// confusion matrix through @tensile/metrics.
import type { Tensor } from '@tensile/core';
import * as tl from '@tensile/core';
import type { LayersModel } from '@tensile/layers';
import { confusionMatrix } from '@tensile/metrics';
import type { LabeledSet } from './mnist-data.js';

export interface Scores {
  loss: number;
  accuracy: number;
  /** 1 − accuracy. */
  error: number;
}

export const EVAL_BATCH = 1000;

export async function score(model: LayersModel, set: LabeledSet): Promise<Scores> {
  const logs = await model.evaluate(set.x, set.y, { batchSize: EVAL_BATCH });
  return { loss: logs.loss, accuracy: logs.accuracy, error: 1 - logs.accuracy };
}

export interface Predictions {
  /** Argmax class per example. */
  classes: Int32Array;
  /** Row-major [n, classes] probabilities. */
  probabilities: Float32Array;
  classCount: number;
}

export function predictClasses(model: LayersModel, x: Tensor): Predictions {
  const probs = model.predict(x, { batchSize: EVAL_BATCH });
  try {
    const argMax = tl.argMax(probs, -1);
    const classes = Int32Array.from(argMax.dataSync());
    argMax.dispose();
    return {
      classes,
      probabilities: Float32Array.from(probs.dataSync()),
      classCount: probs.shape[probs.rank - 1],
    };
  } finally {
    probs.dispose();
  }
}

/** Rows = true digit, columns = predicted digit (scikit-learn's layout). */
export function confusion(labels: Tensor, predicted: Int32Array, classCount: number): number[][] {
  const digits = Array.from({ length: classCount }, (_, i) => i);
  return confusionMatrix(Int32Array.from(labels.dataSync()), predicted, { labels: digits });
}
