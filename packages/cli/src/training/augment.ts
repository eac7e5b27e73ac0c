// Data augmentation for MNIST with @tensile/regularization's image functions, applied to the whole
// training set once per epoch (a fresh draw each epoch, seeded by seed and epoch so runs repeat).
// 'shift' moves each digit by up to ±2 pixels; 'affine' adds a rotation of up to ±10° and a zoom
// of up to ±10%. Digits sit on a black background, so the fill is constant 0. Flips are left out:
// a mirrored 2 or 7 is not a digit.
import type { Tensor } from '@tensile/core';
import * as tl from '@tensile/core';
import type { Augmentation } from '@tensile/regularization';
import { augment, randomRotation, randomShift, randomZoom } from '@tensile/regularization';
import type { Augmentation as AugmentationName } from '../recipes/mnist.js';
import type { EpochAugmenter } from './loop.js';

const SIDE = 28;
const SHIFT = 2 / SIDE;
const ROTATION = 10 / 360;
const ZOOM = 0.1;

function pipeline(kind: Exclude<AugmentationName, 'none'>): Augmentation {
  const shift = [
    randomShift,
    { heightFactor: SHIFT, widthFactor: SHIFT, fillMode: 'constant' },
  ] as const;
  if (kind === 'shift') return augment([shift]);
  return augment([
    [randomRotation, { factor: ROTATION, fillMode: 'constant' }],
    [randomZoom, { heightFactor: ZOOM, widthFactor: ZOOM, fillMode: 'constant' }],
    shift,
  ]);
}

/** The per-epoch augmenter of a recipe, or undefined for 'none'. */
export function mnistAugmenter(kind: AugmentationName, seed: number): EpochAugmenter | undefined {
  if (kind === 'none') return undefined;
  const apply = pipeline(kind);
  return (x: Tensor, epoch: number): Tensor =>
    tl.tidy(() => {
      const n = x.shape[0];
      const images = tl.reshape(x, [n, SIDE, SIDE, 1]);
      const moved = apply(images, { seed: seed * 100_003 + epoch });
      return tl.reshape(moved, [n, SIDE * SIDE]);
    });
}
