import * as tl from '@tensile/core';
import '@tensile/backend-cpu';
import { describe, expect, it } from 'vitest';
import { Rng, resolveSeed } from '../src/random.js';

const draw = (rng: Rng, n: number): number[] => Array.from({ length: n }, () => rng.nextUint32());

describe('Rng', () => {
  it('repeats for the same seed and stream, and differs across seeds and streams', () => {
    expect(draw(new Rng(7), 10)).toEqual(draw(new Rng(7), 10));
    expect(draw(new Rng(7), 10)).not.toEqual(draw(new Rng(8), 10));
    expect(draw(new Rng(7, 0), 10)).not.toEqual(draw(new Rng(7, 1), 10));
    // Seeds that differ only above 32 bits are different keys.
    expect(draw(new Rng(1), 4)).not.toEqual(draw(new Rng(1 + 2 ** 32), 4));
  });

  it('matches the Philox4x32-10 known-answer vector for counter 0, key 0', () => {
    // Random123's kat_vectors: philox4x32 10 rounds, ctr 0, key 0 → 6627e8d5 e169c58d bc57ac4c 9b00dbd8.
    expect(draw(new Rng(0), 4)).toEqual([0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]);
  });

  it('draws uniforms in [0, 1) and integers in [0, bound) with the right mean', () => {
    const rng = new Rng(3);
    let sum = 0;
    const counts = new Array<number>(5).fill(0);
    for (let i = 0; i < 20000; i++) {
      const u = rng.nextFloat();
      expect(u >= 0 && u < 1).toBe(true);
      sum += u;
      counts[rng.nextInt(5)]++;
    }
    expect(sum / 20000).toBeCloseTo(0.5, 1);
    for (const c of counts) expect(Math.abs(c - 4000)).toBeLessThan(300);
  });

  it('draws standard normals', () => {
    const rng = new Rng(11);
    const n = 20000;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.nextNormal();
      sum += z;
      sq += z * z;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.03);
    expect(Math.abs(sq / n - 1)).toBeLessThan(0.05);
  });
});

describe('resolveSeed', () => {
  it('passes an explicit seed through and rejects bad ones', () => {
    expect(resolveSeed('op', 42)).toBe(42);
    expect(() => resolveSeed('op', -1)).toThrow(
      /op: seed must be a non-negative safe integer, got -1/,
    );
    expect(() => resolveSeed('op', 1.5)).toThrow(tl.ValueError);
  });

  it("draws from core's global stream, so setSeed makes it reproducible", () => {
    const before = tl.memory().numTensors;
    tl.setSeed(5);
    const a = [resolveSeed('op', undefined), resolveSeed('op', undefined)];
    tl.setSeed(5);
    const b = [resolveSeed('op', undefined), resolveSeed('op', undefined)];
    expect(a).toEqual(b);
    expect(a[0]).not.toBe(a[1]);
    expect(Number.isSafeInteger(a[0])).toBe(true);
    expect(tl.memory().numTensors).toBe(before);
  });
});
