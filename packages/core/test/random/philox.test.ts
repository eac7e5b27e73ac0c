import { describe, expect, it } from 'vitest';
import { PhiloxStream, philoxBlock } from '../../src/random/philox.js';
import { normalFloats, uniformFloats } from '../../src/random/seed.js';

// Known-answer vectors of Random123 (kat_vectors: philox4x32 10 rounds).
const KAT: Array<{
  counter: [number, number, number, number];
  key: [number, number];
  out: number[];
}> = [
  { counter: [0, 0, 0, 0], key: [0, 0], out: [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8] },
  {
    counter: [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff],
    key: [0xffffffff, 0xffffffff],
    out: [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd],
  },
  {
    counter: [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344],
    key: [0xa4093822, 0x299f31d0],
    out: [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1],
  },
];

describe('philox4x32-10', () => {
  it.each(KAT)('matches Random123 for counter $counter', ({ counter, key, out }) => {
    const words = new Uint32Array(4);
    philoxBlock(key[0], key[1], counter, words, 0);
    expect(Array.from(words)).toEqual(out);
  });

  it('streams never reuse a block and restart identically from the same seed', () => {
    const a = new PhiloxStream(42);
    const first = Array.from(a.words(6));
    const second = Array.from(a.words(4));
    expect(second).not.toEqual(first.slice(0, 4));
    const b = new PhiloxStream(42);
    expect(Array.from(b.words(6))).toEqual(first);
  });

  it('gives uniform floats in [0, 1) and standard normals', () => {
    const u = uniformFloats(new PhiloxStream(1), 100_000);
    const z = normalFloats(new PhiloxStream(2), 100_000);
    const mean = (v: Float64Array) => v.reduce((s, x) => s + x, 0) / v.length;
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    expect(mean(u)).toBeCloseTo(0.5, 2);
    const m = mean(z);
    const variance = z.reduce((s, x) => s + (x - m) ** 2, 0) / z.length;
    expect(m).toBeCloseTo(0, 1);
    expect(variance).toBeCloseTo(1, 1);
  });
});

describe('Rng', () => {
  it('is reproducible per seed and stream, and independent across streams', async () => {
    const { Rng } = await import('../../src/random/rng.js');
    const draw = (seed: number, stream: number) => {
      const rng = new Rng(seed, stream);
      return [rng.nextUint32(), rng.nextFloat(), rng.nextInt(10), rng.nextNormal()];
    };
    expect(draw(9, 0)).toEqual(draw(9, 0));
    expect(draw(9, 1)).not.toEqual(draw(9, 0));
    const words = new Uint32Array(4);
    philoxBlock(9, 0, [0, 0, 0, 0], words, 0);
    expect(new Rng(9).nextUint32()).toBe(words[0]);
  });
});
