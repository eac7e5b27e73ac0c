// What every augmentation shares: the NHWC batch it works on (a single HWC image is a batch of
// one), the per-image random numbers it draws from core's seeded stream, and the options common
// to all of them.
import type { DType, Tensor, TypedArray } from '@tensile/core';
import {
  DtypeError,
  ShapeError,
  formatShape,
  isFloatDType,
  randomUniform,
  tensor,
} from '@tensile/core';
import { checkBoolean, checkSeed, checkTensor } from '../validate.js';

export interface AugmentationOptions {
  /**
   * Seeds this call: the same seed gives the same transform of the same batch on every backend.
   * Without it the numbers come from the global stream (`tl.setSeed`), so successive calls differ
   * (a new augmentation every epoch) yet the run is reproducible.
   */
  seed?: number;
  /**
   * Augment (true, the default: calling an augmentation means augmenting) or pass the batch
   * through unchanged (false, inference). randomCrop takes the center crop in inference.
   */
  training?: boolean;
}

/** A batch of images [n, height, width, channels], read to the host. */
export interface ImageBatch {
  readonly n: number;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly dtype: DType;
  /** The input was a single image [height, width, channels]. */
  readonly single: boolean;
}

/** Checks `images` is NHWC (or HWC) and, when `floatOnly`, float. */
export function imageBatch(op: string, images: unknown, floatOnly: boolean): ImageBatch {
  const t = checkTensor(op, 'images', images);
  if (t.rank !== 3 && t.rank !== 4) {
    throw new ShapeError(
      op,
      `images must be a batch [batch, height, width, channels] (or one image [height, width, channels]), got shape ${formatShape(t.shape)}`,
    );
  }
  if (floatOnly && !isFloatDType(t.dtype)) {
    throw new DtypeError(op, `images must be float32 or float64, got ${t.dtype}; cast them first`);
  }
  const [n, height, width, channels] = t.rank === 4 ? t.shape : [1, ...t.shape];
  return { n, height, width, channels, dtype: t.dtype, single: t.rank === 3 };
}

/** A tensor of `values` laid out as [n, height, width, channels], or [h, w, c] for one image. */
export function imagesTensor(
  values: TypedArray,
  batch: ImageBatch,
  height = batch.height,
  width = batch.width,
): Tensor {
  const shape = batch.single
    ? [height, width, batch.channels]
    : [batch.n, height, width, batch.channels];
  return tensor(values, shape, batch.dtype);
}

/** The checked `training` flag (default true) and `seed` of a call. */
export function callOptions(
  op: string,
  options: AugmentationOptions,
): { training: boolean; seed: number | undefined } {
  return {
    training: checkBoolean(op, 'training', options.training, true),
    seed: checkSeed(op, options.seed),
  };
}

/**
 * `count` uniforms in [0, 1) from core's Philox stream (24-bit floats, exact in float32, so every
 * backend sees the same numbers), drawn in one call so a seed fixes all of them.
 */
export function uniforms(count: number, seed: number | undefined): Float64Array {
  if (count === 0) return new Float64Array(0);
  const t = randomUniform([count], 0, 1, 'float32', seed);
  const values = Float64Array.from(t.dataSync());
  t.dispose();
  return values;
}
