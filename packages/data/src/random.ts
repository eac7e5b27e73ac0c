// The data package's own seeded generator. Shuffles, splits and synthetic sets run on the host, so
// they use a small counter-based generator here instead of core's tensors: same seed → same
// numbers on every backend, with 53-bit uniforms (core's float32 uniforms carry 24 bits, too few
// for an unbiased Fisher–Yates over more than 2^24 examples).
import { invalidArgument, randomUniform } from '@tensile/core';

const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;
const TWO_32 = 4294967296;

/** High 32 bits of the 64-bit product of two uint32. */
function mulHi(a: number, b: number): number {
  const aLo = a & 0xffff;
  const aHi = a >>> 16;
  const bLo = b & 0xffff;
  const bHi = b >>> 16;
  const loLo = aLo * bLo;
  const loHi = aLo * bHi;
  const hiLo = aHi * bLo;
  const cross = (loLo >>> 16) + (loHi & 0xffff) + (hiLo & 0xffff);
  return (aHi * bHi + (loHi >>> 16) + (hiLo >>> 16) + (cross >>> 16)) >>> 0;
}

/**
 * Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC 2011), the same
 * family as core's generator: the key is the seed, the counter is (position, stream), so
 * independent streams of one seed (one per epoch, say) never overlap.
 */
export class Rng {
  private readonly key0: number;
  private readonly key1: number;
  private readonly stream: number;
  private position = 0;
  private readonly block = new Uint32Array(4);
  private used = 4;
  private spareNormal: number | undefined;

  constructor(seed: number, stream = 0) {
    this.key0 = seed >>> 0;
    this.key1 = Math.floor(seed / TWO_32) >>> 0;
    this.stream = stream >>> 0;
  }

  nextUint32(): number {
    if (this.used === 4) this.refill();
    return this.block[this.used++];
  }

  /** Uniform in [0, 1) with 53 random bits. */
  nextFloat(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform integer in [0, bound); the bias of floor(u·bound) is below bound/2^53. */
  nextInt(bound: number): number {
    return Math.floor(this.nextFloat() * bound);
  }

  /** Uniform in [low, high). */
  nextUniform(low: number, high: number): number {
    return low + (high - low) * this.nextFloat();
  }

  /** Standard normal by Box–Muller; the second value of each pair is kept for the next call. */
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

  private refill(): void {
    let c0 = this.position >>> 0;
    let c1 = Math.floor(this.position / TWO_32) >>> 0;
    let c2 = this.stream;
    let c3 = 0;
    let k0 = this.key0;
    let k1 = this.key1;
    for (let round = 0; round < 10; round++) {
      const hi0 = mulHi(M0, c0);
      const lo0 = Math.imul(M0, c0) >>> 0;
      const hi1 = mulHi(M1, c2);
      const lo1 = Math.imul(M1, c2) >>> 0;
      c0 = (hi1 ^ c1 ^ k0) >>> 0;
      c1 = lo1;
      c2 = (hi0 ^ c3 ^ k1) >>> 0;
      c3 = lo0;
      k0 = (k0 + W0) >>> 0;
      k1 = (k1 + W1) >>> 0;
    }
    this.block[0] = c0;
    this.block[1] = c1;
    this.block[2] = c2;
    this.block[3] = c3;
    this.position++;
    this.used = 0;
  }
}

/** Checks an explicit seed the way core's `setSeed` does. */
export function assertSeed(op: string, seed: number): void {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw invalidArgument(op, 'seed', 'a non-negative safe integer', seed);
  }
}

/**
 * The seed to use: the explicit one, else 48 bits drawn from core's global stream, so that
 * `tl.setSeed(s)` makes unseeded shuffles, splits and synthetic sets reproducible too.
 */
export function resolveSeed(op: string, seed: number | undefined): number {
  if (seed !== undefined) {
    assertSeed(op, seed);
    return seed;
  }
  // Core's uniforms carry 24 bits each (exact in float32): two of them make a 48-bit seed.
  const draw = randomUniform([2], 0, 1, 'float32');
  const [hi, lo] = draw.dataSync();
  draw.dispose();
  return Math.round(hi * 16777216) * 16777216 + Math.round(lo * 16777216);
}
