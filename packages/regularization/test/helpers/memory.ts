// Leak checks: a call must leave exactly the tensors it returns.
import { expect } from 'vitest';
import * as tl from '@tensile/core';

/** Runs fn and asserts numTensors grew by exactly `returned` (the tensors fn hands back). */
export function expectTensorDelta<T>(returned: number, fn: () => T): T {
  const before = tl.memory().numTensors;
  const result = fn();
  expect(tl.memory().numTensors - before).toBe(returned);
  return result;
}

/** Runs fn inside a scope and asserts that nothing is left behind once its results are freed. */
export function expectNoLeak(fn: () => tl.TensorContainer): void {
  const before = tl.memory().numTensors;
  tl.dispose(fn());
  expect(tl.memory().numTensors).toBe(before);
}
