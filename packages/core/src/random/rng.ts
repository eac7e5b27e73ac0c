// A host-side seeded generator for code that draws numbers one at a time (shuffles, splits,
// synthetic data, augmentation parameters) rather than filling tensors. Same Philox4x32-10 as the
// tensor ops, so a seed means the same thing everywhere.
import { philoxBlock } from './philox.js';
import { assertSeed } from './seed.js';

const TWO_32 = 4294967296;

export class Rng {
  private readonly key0: number;
  private readonly key1: number;
  private readonly stream: number;
  private position = 0;
  private readonly block = new Uint32Array(4);
  private used = 4;
  private spareNormal: number | undefined;

  /** `stream` selects an independent sequence of the same seed (one per epoch, say). */
  constructor(seed: number, stream = 0) {
    assertSeed('Rng', seed);
    this.key0 = seed >>> 0;
    this.key1 = Math.floor(seed / TWO_32) >>> 0;
    this.stream = stream >>> 0;
  }

  nextUint32(): number {
    if (this.used === 4) {
      const counter = [
        this.position >>> 0,
        Math.floor(this.position / TWO_32) >>> 0,
        this.stream,
        0,
      ] as const;
      philoxBlock(this.key0, this.key1, counter, this.block, 0);
      this.position++;
      this.used = 0;
    }
    return this.block[this.used++];
  }

  /** Uniform in [0, 1) with 53 random bits (unbiased shuffles beyond 2^24 items). */
  nextFloat(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform integer in [0, bound); the bias of ⌊u·bound⌋ is below bound/2^53. */
  nextInt(bound: number): number {
    return Math.floor(this.nextFloat() * bound);
  }

  nextUniform(low: number, high: number): number {
    return low + (high - low) * this.nextFloat();
  }

  /** Standard normal by Box–Muller; the second value of each pair serves the next call. */
  nextNormal(): number {
    if (this.spareNormal !== undefined) {
      const z = this.spareNormal;
      this.spareNormal = undefined;
      return z;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - this.nextFloat()));
    const angle = 2 * Math.PI * this.nextFloat();
    this.spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }
}
