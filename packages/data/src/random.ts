// Shuffles, splits and synthetic sets draw on the host from core's seeded `Rng` (Philox4x32-10 with
// 53-bit uniforms: unbiased Fisher–Yates beyond 2^24 examples, the same numbers on every backend).
import { assertSeed, drawSeed } from '@tensile/core';

export { Rng, assertSeed } from '@tensile/core';

/**
 * The seed to use: the explicit one, else 48 bits drawn from core's global stream, so that
 * `tl.setSeed(s)` makes unseeded shuffles, splits and synthetic sets reproducible too.
 */
export function resolveSeed(op: string, seed: number | undefined): number {
  if (seed !== undefined) {
    assertSeed(op, seed);
    return seed;
  }
  return drawSeed();
}
