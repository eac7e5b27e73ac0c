// MNIST as the CLI trains on it: the 60,000 training images split by a seeded permutation into
// train and validation (20% by default, PyTorch's random_split 48k/12k), and the 10,000 test
// images kept apart until the end. Pixels are scaled to [0, 1] and flattened to 784 features;
// labels stay int32 class indices (sparse categorical cross-entropy).
import type { Tensor } from '@tensile/core';
import * as tl from '@tensile/core';
import { loadMnist, permutation, take } from '@tensile/data';
import { CliError, messageOf } from '../errors.js';

export interface LabeledSet {
  /** float32 [n, 784] in [0, 1]. */
  x: Tensor;
  /** int32 [n], digits 0 … 9. */
  y: Tensor;
}

export interface MnistSplits {
  train: LabeledSet;
  validation: LabeledSet;
  test: LabeledSet;
}

export interface MnistSplitOptions {
  /** Use only the first n of the 60,000 training images (before the validation split). */
  limit?: number;
  /** Use only the first n of the 10,000 test images. */
  limitTest?: number;
  validationSplit: number;
  seed: number;
}

/** loadMnist with the CLI's error message when the data are missing. */
export async function readMnist(limit?: number, limitTest?: number) {
  const cap = {
    ...(limit === undefined ? {} : { train: limit }),
    ...(limitTest === undefined ? {} : { test: limitTest }),
  };
  try {
    return await loadMnist({ limit: cap });
  } catch (error) {
    throw new CliError(`cannot read MNIST: ${messageOf(error)}`);
  }
}

export async function loadMnistSplits(options: MnistSplitOptions): Promise<MnistSplits> {
  const data = await readMnist(options.limit, options.limitTest);
  const n = data.train.images.shape[0];
  const nValidation = Math.round(n * options.validationSplit);
  if (nValidation < 1 || n - nValidation < 1) {
    tl.dispose([data.train.images, data.train.labels, data.test.images, data.test.labels]);
    throw new CliError(
      `a validation split of ${options.validationSplit} leaves no ${nValidation < 1 ? 'validation' : 'training'} images out of ${n}; use more images (--limit) or another --validation-split`,
    );
  }
  const order = permutation(n, { seed: options.seed });
  const trainIdx = order.subarray(0, n - nValidation);
  const validationIdx = order.subarray(n - nValidation);
  try {
    return {
      train: { x: take(data.train.images, trainIdx), y: take(data.train.labels, trainIdx) },
      validation: {
        x: take(data.train.images, validationIdx),
        y: take(data.train.labels, validationIdx),
      },
      test: { x: data.test.images, y: data.test.labels },
    };
  } finally {
    tl.dispose([data.train.images, data.train.labels]);
  }
}

export function disposeSplits(splits: MnistSplits): void {
  for (const set of [splits.train, splits.validation, splits.test]) tl.dispose([set.x, set.y]);
}
