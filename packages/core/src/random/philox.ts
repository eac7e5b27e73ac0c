// Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC 2011): a
// counter-based generator, so a stream position is just a number and every backend sees the same
// values for the same seed.
const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;

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

/** Writes Philox4x32-10 of counter (c0, c1, c2, c3) under key (key0, key1) into out[offset…offset+3]. */
export function philoxBlock(
  key0: number,
  key1: number,
  counter: readonly [number, number, number, number],
  out: Uint32Array,
  offset: number,
): void {
  let [c0, c1, c2, c3] = counter;
  let k0 = key0;
  let k1 = key1;
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
  out[offset] = c0;
  out[offset + 1] = c1;
  out[offset + 2] = c2;
  out[offset + 3] = c3;
}

/** A stream of uint32 words: key from the seed, position advanced by every draw. */
export class PhiloxStream {
  private readonly key0: number;
  private readonly key1: number;
  private counter = 0;

  constructor(seed: number) {
    this.key0 = seed >>> 0;
    this.key1 = Math.floor(seed / 4294967296) >>> 0;
  }

  /** `count` fresh uint32 words (whole blocks are consumed, so draws never overlap). */
  words(count: number): Uint32Array {
    const blocks = Math.ceil(count / 4);
    const out = new Uint32Array(blocks * 4);
    for (let b = 0; b < blocks; b++) {
      const position = this.counter + b;
      const counter = [position >>> 0, Math.floor(position / 4294967296) >>> 0, 0, 0] as const;
      philoxBlock(this.key0, this.key1, counter, out, b * 4);
    }
    this.counter += blocks;
    return out.subarray(0, count);
  }
}
