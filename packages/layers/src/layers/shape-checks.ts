// Checks of built input shapes that layers share, with messages naming the layer.
import * as tl from '@tensile/core';
import type { SymbolicShape } from './symbolic.js';
import { formatSymbolicShape } from './symbolic.js';

/** A known size at `axis` of a built input shape, or a clear error naming the layer. */
export function knownDim(layer: string, shape: SymbolicShape, axis: number, what: string): number {
  const d = shape[axis < 0 ? shape.length + axis : axis];
  if (d === null || d === undefined) {
    throw new tl.ShapeError(
      layer,
      `the ${what} of the input must be known to build the layer, got shape ${formatSymbolicShape(shape)}`,
    );
  }
  return d;
}

/** Requires an input rank (or a minimum rank). */
export function checkRank(layer: string, shape: SymbolicShape, rank: number, exact = true): void {
  if (exact ? shape.length !== rank : shape.length < rank) {
    throw new tl.ShapeError(
      layer,
      `expects inputs of rank ${exact ? '' : '≥ '}${rank} (batch axis included), got shape ${formatSymbolicShape(shape)}`,
    );
  }
}
