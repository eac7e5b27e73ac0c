// Shared test helpers: golden arrays to tensors, and closeness checks with the file tolerance.
import type { Tensor } from '@tensile/core';
import * as tl from '@tensile/core';
import type { GoldenArray, Tolerance } from '@tensile/core/testing';
import { assertClose } from '@tensile/core/testing';

export function fromGolden(a: GoldenArray): Tensor {
  return a.dtype === 'int32'
    ? tl.tensor(Int32Array.from(a.data), a.shape, 'int32')
    : tl.tensor(Float32Array.from(a.data), a.shape);
}

export function expectGolden(
  actual: Tensor,
  expected: GoldenArray,
  tol: Tolerance,
  label: string,
): void {
  if (!tl.shapesEqual(actual.shape, expected.shape)) {
    throw new Error(
      `${label}: shape ${tl.formatShape(actual.shape)} differs from the expected ${tl.formatShape(expected.shape)}`,
    );
  }
  assertClose(actual.dataSync() as ArrayLike<number>, expected, tol, label);
}
