// The global seed: one Philox stream that every random op without its own seed draws from.
import { ValueError } from '../errors.js';
import { PhiloxStream } from './philox.js';

let globalStream = new PhiloxStream(Math.floor(Math.random() * 2 ** 32));

/** Reseeds the global stream: same seed → same init, same dropout masks, on every backend. */
export function setSeed(seed: number): void {
  assertSeed('setSeed', seed);
  globalStream = new PhiloxStream(seed);
}

/** Throws a ValueError naming `op` unless `seed` is a non-negative safe integer. */
export function assertSeed(op: string, seed: number): void {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new ValueError(op, `seed must be a non-negative safe integer, got ${seed}`);
  }
}

/**
 * A 48-bit seed drawn from the global stream: how code that takes an optional seed stays
 * reproducible under `setSeed` when none is given.
 */
export function drawSeed(): number {
  const [hi, lo] = globalStream.words(2);
  return (hi >>> 8) * 16777216 + (lo >>> 8);
}

/** The stream for one draw: a fresh stream for an explicit seed, else the global one. */
export function streamFor(op: string, seed?: number): PhiloxStream {
  if (seed === undefined) return globalStream;
  assertSeed(op, seed);
  return new PhiloxStream(seed);
}

/** Uniform floats in [0, 1) with 24 random bits each (exact in float32). */
export function uniformFloats(stream: PhiloxStream, count: number): Float64Array {
  const words = stream.words(count);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = (words[i] >>> 8) * 5.960464477539063e-8;
  return out;
}

/** Standard normals by Box–Muller over pairs of uniforms. */
export function normalFloats(stream: PhiloxStream, count: number): Float64Array {
  const pairs = Math.ceil(count / 2);
  const u = uniformFloats(stream, pairs * 2);
  const out = new Float64Array(pairs * 2);
  for (let i = 0; i < pairs; i++) {
    const radius = Math.sqrt(-2 * Math.log(1 - u[2 * i]));
    const angle = 2 * Math.PI * u[2 * i + 1];
    out[2 * i] = radius * Math.cos(angle);
    out[2 * i + 1] = radius * Math.sin(angle);
  }
  return out.subarray(0, count);
}
