// Seeded test data (mulberry32), so a failing case reproduces.
import type { FloatArray } from '@tensile/core';

export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform values in [-1, 1) of the given array type. */
export function randomArray<T extends FloatArray>(
  Type: { new (size: number): T },
  size: number,
  random: () => number,
): T {
  const out = new Type(size);
  for (let i = 0; i < size; i++) out[i] = random() * 2 - 1;
  return out;
}
