// What the conformance suite needs from a test runner (vitest, jest, node:test adapters …) and
// the helpers its sections share.
import { valueAndGrads } from '../../autodiff/api.js';
import { setBackend } from '../../engine/api.js';
import { ENGINE } from '../../engine/engine.js';
import { tensor } from '../../ops/convert.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { GoldenArray, Tolerance } from '../golden.js';
import { assertClose } from '../golden.js';

export interface Assertion {
  toBe(expected: unknown): void;
  toEqual(expected: unknown): void;
  toThrow(expected?: RegExp | string | (new (...args: never[]) => Error)): void;
}

export interface TestApi {
  describe(name: string, body: () => void): void;
  it(name: string, body: () => void | Promise<void>, timeout?: number): void;
  expect(actual: unknown): Assertion;
}

export interface Section {
  backendName: string;
  api: TestApi;
  /** Makes the backend under test active; every test starts with it. */
  use(): Promise<void>;
}

export function makeSection(backendName: string, api: TestApi): Section {
  return { backendName, api, use: () => setBackend(backendName) };
}

/** A float32 (or int32) tensor from a golden array. */
export function fromGolden(array: GoldenArray): Tensor {
  return array.dtype === 'int32'
    ? tensor(Int32Array.from(array.data), array.shape)
    : tensor(Float32Array.from(array.data), array.shape);
}

/** Checks values and shape of a tensor against a golden array. */
export function expectGolden(
  actual: Tensor,
  expected: GoldenArray,
  tolerance: Tolerance,
  label: string,
): void {
  if (actual.shape.join(',') !== expected.shape.join(',')) {
    throw new Error(
      `${label}: shape [${actual.shape.join(',')}] differs from the expected [${expected.shape.join(',')}]`,
    );
  }
  assertClose(actual.dataSync() as ArrayLike<number>, expected, tolerance, label);
}

/** Value and vector–Jacobian products of f at xs with the given upstream gradient. */
export function vjp(
  f: (...xs: Tensor[]) => Tensor,
  xs: Tensor[],
  upstream: Tensor,
): { value: Tensor; grads: Tensor[] } {
  return valueAndGrads(f)(xs, upstream);
}

/** Runs body and fails when it leaves tensors or backend bytes behind. */
export function expectNoLeak(label: string, body: () => void): void {
  const before = ENGINE.memory();
  ENGINE.tidy(body);
  const after = ENGINE.memory();
  if (after.numTensors !== before.numTensors || after.numDataBuffers !== before.numDataBuffers) {
    throw new Error(
      `${label}: leaked ${after.numTensors - before.numTensors} tensors and ${after.numDataBuffers - before.numDataBuffers} buffers`,
    );
  }
  if (after.backend && before.backend && after.backend.numBytes !== before.backend.numBytes) {
    throw new Error(
      `${label}: backend holds ${after.backend.numBytes - before.backend.numBytes} more bytes`,
    );
  }
}

/** Deterministic pseudo-random values in [lo, hi) (a small LCG: test data, not the RNG under test). */
export function testValues(count: number, seed: number, lo = -1, hi = 1): Float64Array {
  const out = new Float64Array(count);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < count; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = lo + ((s >>> 8) / 16777216) * (hi - lo);
  }
  return out;
}
