// Random crops, Keras's RandomCrop without its resize: in training each image yields a window of
// [height, width] at a uniformly drawn position; in inference the centre window (torchvision's
// RandomCrop / CenterCrop pair), so shapes agree between the two. Any dtype, values unchanged.
import type { Tensor } from '@tensile/core';
import { ShapeError, clone, formatShape, makeTypedArray } from '@tensile/core';
import { checkNumber, checkOptions } from '../validate.js';
import type { AugmentationOptions } from './images.js';
import { callOptions, imageBatch, imagesTensor, uniforms } from './images.js';

export interface RandomCropOptions extends AugmentationOptions {
  /** Output height, ≤ the images' height. */
  height: number;
  /** Output width, ≤ the images' width. */
  width: number;
}

/** [n, H, W, c] → [n, height, width, c]. To pad first (CIFAR's pad-4-then-crop), use `tl.pad`. */
export function randomCrop(images: Tensor, options: RandomCropOptions): Tensor {
  const op = 'randomCrop';
  const o = checkOptions(op, options, ['height', 'width', 'seed', 'training']);
  const batch = imageBatch(op, images, false);
  const height = checkNumber(op, 'height', o.height, { ge: 1 }, true);
  const width = checkNumber(op, 'width', o.width, { ge: 1 }, true);
  if (height > batch.height || width > batch.width) {
    throw new ShapeError(
      op,
      `the crop [${height}, ${width}] is larger than the images: images are ${formatShape(images.shape)}`,
    );
  }
  const { training, seed } = callOptions(op, o);
  if (height === batch.height && width === batch.width) return clone(images);
  const rows = batch.height - height + 1;
  const cols = batch.width - width + 1;
  const u = training ? uniforms(2 * batch.n, seed) : null;
  // Uniform over the rows·cols positions; the centre (rounded down) in inference.
  const top = (b: number): number =>
    u === null ? Math.floor((rows - 1) / 2) : Math.min(rows - 1, Math.floor(u[2 * b] * rows));
  const left = (b: number): number =>
    u === null ? Math.floor((cols - 1) / 2) : Math.min(cols - 1, Math.floor(u[2 * b + 1] * cols));
  const { n, width: w, channels: c } = batch;
  const input = images.dataSync();
  const out = makeTypedArray(batch.dtype, n * height * width * c);
  for (let b = 0; b < n; b++) {
    const from = b * batch.height * w * c;
    const to = b * height * width * c;
    const [t, l] = [top(b), left(b)];
    for (let y = 0; y < height; y++) {
      const start = from + ((t + y) * w + l) * c;
      out.set(input.subarray(start, start + width * c), to + y * width * c);
    }
  }
  return imagesTensor(out, batch, height, width);
}
