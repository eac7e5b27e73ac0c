// Composing augmentations into one function for a data pipeline:
//
//   const aug = augment([
//     [randomFlip, { mode: 'horizontal' }],
//     [randomRotation, { factor: 0.05 }],
//     [gaussianNoise, { stddev: 0.01 }],
//   ]);
//   const xAug = aug(xBatch);                    // training, global stream
//   aug(xBatch, { seed: 7 });                    // reproducible
//   aug(xBatch, { training: false });            // the identity
//
// Each step gets its own seed derived from the call's seed and its position, so steps are not
// correlated with one another and the whole chain is reproducible from one number.
import { Tensor, ValueError, clone, invalidArgument, tidy } from '@tensile/core';
import { checkOptions } from '../validate.js';
import type { AugmentationOptions } from './images.js';
import { callOptions } from './images.js';

/** A composed augmentation, or any function of the same shape (a user-written step). */
export type Augmentation = (images: Tensor, options?: AugmentationOptions) => Tensor;

/** An augmentation function with its own options, e.g. `randomRotation`. */
export type AugmentationFn<O> = (images: Tensor, options: O) => Tensor;

/** One step: an `Augmentation`, or a `[fn, options]` pair whose options are checked against fn. */
export type AugmentationStep<O> = Augmentation | readonly [AugmentationFn<O>, NoInfer<O>];

/**
 * One function applying `steps` in order. `training: false` makes every step the identity;
 * `seed` seeds step i with a seed derived from (seed, i), overriding a seed in the step's own
 * options. Intermediate batches are freed; the caller owns the result.
 */
export function augment<Os extends readonly unknown[]>(steps: {
  readonly [K in keyof Os]: AugmentationStep<Os[K]>;
}): Augmentation {
  const op = 'augment';
  if (!Array.isArray(steps)) throw invalidArgument(op, 'steps', 'an array of augmentations', steps);
  const calls = (steps as readonly unknown[]).map((step, i) => toAugmentation(op, step, i));
  return (images, options = {}) => {
    checkOptions(op, options, ['seed', 'training']);
    const { training, seed } = callOptions(op, options);
    if (!(images instanceof Tensor)) throw invalidArgument(op, 'images', 'a Tensor', images);
    return tidy(() => {
      let current = images;
      calls.forEach((call, i) => {
        const stepOptions: AugmentationOptions = { training };
        if (seed !== undefined) stepOptions.seed = deriveSeed(seed, i);
        const next: unknown = call(current, stepOptions);
        if (!(next instanceof Tensor)) {
          throw new ValueError(op, `step ${i} returned ${String(next)}, not a Tensor`);
        }
        // Free each intermediate batch as soon as the next step has read it.
        if (current !== images && current !== next) current.dispose();
        current = next;
      });
      return current === images ? clone(images) : current;
    });
  };
}

function toAugmentation(op: string, step: unknown, i: number): Augmentation {
  if (typeof step === 'function') return step as Augmentation;
  if (Array.isArray(step) && step.length === 2 && typeof step[0] === 'function') {
    const [fn, own] = step as [AugmentationFn<object>, object | undefined];
    return (images, call) => fn(images, { ...own, ...call });
  }
  throw invalidArgument(op, `steps[${i}]`, 'an augmentation or a [function, options] pair', step);
}

/** A 32-bit hash of (seed, index) (murmur3's finalizer): a valid seed for core's RNG. */
export function deriveSeed(seed: number, index: number): number {
  let h = (seed >>> 0) ^ Math.imul(index + 1, 0x9e3779b1) ^ Math.floor(seed / 2 ** 32);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
