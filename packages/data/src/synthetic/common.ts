// What every synthetic set shares: seeding, the optional shuffle, and the tensors it returns.
import type { Tensor } from '@tensile/core';
import { tensor } from '@tensile/core';
import { Rng, resolveSeed } from '../random.js';
import { fisherYates } from '../shuffle.js';
import { assertBoolean, assertFiniteAtLeast, assertKnownOptions } from '../validate.js';

/** Points and their classes; the caller owns (and disposes) both tensors. */
export interface SyntheticData {
  /** float32 [n, features] (features = 2 except for blobs with more). */
  x: Tensor;
  /** int32 [n], classes 0 … k−1. */
  y: Tensor;
}

export interface SyntheticOptions {
  /** Same seed → same points. Without one, drawn from core's `setSeed` stream. */
  seed?: number;
  /** Shuffle the rows (default true); false leaves the classes one after another. */
  shuffle?: boolean;
}

/** Checks the options every generator takes, and the generator's own keys. */
export function start(
  op: string,
  options: SyntheticOptions & { noise?: number },
  known: readonly string[],
): { rng: Rng; shuffle: boolean } {
  assertKnownOptions(op, options, ['seed', 'shuffle', ...known]);
  const { shuffle = true } = options;
  assertBoolean(op, 'shuffle', shuffle);
  if (options.noise !== undefined) assertFiniteAtLeast(op, 'noise', options.noise, 0);
  return { rng: new Rng(resolveSeed(op, options.seed)), shuffle };
}

/** n evenly spaced values from a to b (NumPy's linspace; with endpoint false, b is left out). */
export function linspace(a: number, b: number, n: number, endpoint = true): Float64Array {
  const out = new Float64Array(n);
  const steps = endpoint ? n - 1 : n;
  for (let i = 0; i < n; i++) out[i] = steps === 0 ? a : a + ((b - a) * i) / steps;
  return out;
}

/** Adds N(0, noise²) to every coordinate. */
export function addNoise(points: Float64Array, noise: number, rng: Rng): void {
  if (noise === 0) return;
  for (let i = 0; i < points.length; i++) points[i] += noise * rng.nextNormal();
}

/** The tensors of `points` ([n, features] row-major) and `labels`, rows shuffled if asked. */
export function finish(
  points: Float64Array,
  labels: Int32Array,
  features: number,
  shuffle: boolean,
  rng: Rng,
): SyntheticData {
  const n = labels.length;
  const x = new Float32Array(n * features);
  const y = new Int32Array(n);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (shuffle) fisherYates(order, rng);
  for (let i = 0; i < n; i++) {
    const from = order[i];
    y[i] = labels[from];
    for (let f = 0; f < features; f++) x[i * features + f] = points[from * features + f];
  }
  return { x: tensor(x, [n, features], 'float32'), y: tensor(y, [n], 'int32') };
}
