// The shape of a dropout mask. A mask of `noiseShape` is drawn and broadcast against x, so units
// that share a mask entry are dropped together: [batch, 1, 1, channels] on an NHWC tensor drops
// whole feature maps (spatial dropout), [batch, 1, features] on [batch, time, features] drops the
// same features at every time step. `null` entries take x's size (Keras's `None`).
import type { Tensor } from '@tensile/core';
import { ShapeError, broadcastTo, dropoutMask, formatShape, invalidArgument } from '@tensile/core';

export type NoiseShape = readonly (number | null)[];

/** noiseShape with `null`s filled in, checked to broadcast to x's shape. */
export function resolveNoiseShape(
  op: string,
  shape: readonly number[],
  noiseShape: NoiseShape | undefined,
): number[] {
  if (noiseShape === undefined) return [...shape];
  if (!Array.isArray(noiseShape)) {
    throw invalidArgument(op, 'noiseShape', 'an array of sizes (or null)', noiseShape);
  }
  if (noiseShape.length !== shape.length) {
    throw new ShapeError(
      op,
      `noiseShape must have x's rank ${shape.length}: noiseShape is ${describeNoiseShape(noiseShape)}, x is ${formatShape(shape)}`,
    );
  }
  return noiseShape.map((d, i) => {
    if (d === null) return shape[i];
    if (typeof d !== 'number' || !(d === 1 || d === shape[i])) {
      throw new ShapeError(
        op,
        `noiseShape ${describeNoiseShape(noiseShape)} does not broadcast to x ${formatShape(shape)}: entry ${i} must be 1, ${shape[i]} or null`,
      );
    }
    return d;
  });
}

/** A 0/1 keep-mask of x's shape and dtype, drawn with `noiseShape` from core's seeded RNG. */
export function keepMask(x: Tensor, noiseShape: number[], rate: number, seed?: number): Tensor {
  const mask = dropoutMask(noiseShape, rate, x.dtype, seed);
  if (noiseShape.every((d, i) => d === x.shape[i])) return mask;
  // core's Dropout kernel reads x and mask element by element, so the mask is materialized.
  const full = broadcastTo(mask, x.shape);
  mask.dispose();
  return full;
}

function describeNoiseShape(noiseShape: NoiseShape): string {
  return `[${noiseShape.map((d) => (d === null ? 'null' : String(d))).join(',')}]`;
}
