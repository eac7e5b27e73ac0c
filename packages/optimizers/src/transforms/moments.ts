// Exponential moving averages shared by the Adam family, and their bias corrections.
import type { Tensor } from '@tensile/core';
import { add, mul, square } from '@tensile/core';

/** beta·m + (1 − beta)·g: the first moment. */
export const emaFirst = (m: Tensor, g: Tensor, beta: number): Tensor =>
  add(mul(m, beta), mul(g, 1 - beta));

/** beta·v + (1 − beta)·g²: the second moment. */
export const emaSecond = (v: Tensor, g: Tensor, beta: number): Tensor =>
  add(mul(v, beta), mul(square(g), 1 - beta));

/** 1 − betaᵗ: the bias correction of an EMA started at zero, after t updates. */
export const biasCorrection = (beta: number, t: number): number => 1 - beta ** t;
