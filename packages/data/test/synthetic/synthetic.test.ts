// Properties every synthetic set shares: shapes, dtypes, class counts, determinism per seed.
import * as tl from '@tensile/core';
import '@tensile/backend-cpu';
import { describe, expect, it } from 'vitest';
import { blobs, circles, moons, spiral, xor } from '../../src/index.js';
import type { SyntheticData } from '../../src/index.js';

interface Case {
  name: string;
  make: (seed?: number) => SyntheticData;
  n: number;
  counts: number[];
}

const cases: Case[] = [
  { name: 'spiral', make: (seed) => spiral({ seed }), n: 300, counts: [100, 100, 100] },
  {
    name: 'spiral 4×25',
    make: (seed) => spiral({ classes: 4, perClass: 25, seed }),
    n: 100,
    counts: [25, 25, 25, 25],
  },
  { name: 'xor', make: (seed) => xor({ n: 101, noise: 0.1, seed }), n: 101, counts: [51, 50] },
  {
    name: 'circles',
    make: (seed) => circles({ n: 101, noise: 0.05, seed }),
    n: 101,
    counts: [50, 51],
  },
  { name: 'moons', make: (seed) => moons({ n: 100, noise: 0.1, seed }), n: 100, counts: [50, 50] },
  { name: 'blobs', make: (seed) => blobs({ n: 100, seed }), n: 100, counts: [34, 33, 33] },
];

function read(d: SyntheticData): { x: number[]; y: number[] } {
  const out = { x: Array.from(d.x.dataSync()), y: Array.from(d.y.dataSync()) };
  tl.dispose([d.x, d.y]);
  return out;
}

describe.each(cases)('$name', ({ make, n, counts }) => {
  it('returns x float32 [n, 2] and y int32 [n] with the right class counts', () => {
    const before = tl.memory().numTensors;
    const d = make(1);
    expect(d.x.shape).toEqual([n, 2]);
    expect(d.x.dtype).toBe('float32');
    expect(d.y.shape).toEqual([n]);
    expect(d.y.dtype).toBe('int32');
    const { x, y } = read(d);
    expect(x.every(Number.isFinite)).toBe(true);
    const got = new Array<number>(counts.length).fill(0);
    for (const label of y) got[label]++;
    expect(got).toEqual(counts);
    expect(tl.memory().numTensors).toBe(before);
  });

  it('is deterministic per seed, different across seeds, and shuffled', () => {
    const a = read(make(7));
    expect(read(make(7))).toEqual(a);
    expect(read(make(8)).x).not.toEqual(a.x);
    // Shuffled by default: the classes do not come in blocks.
    const changes = a.y.slice(1).filter((v, i) => v !== a.y[i]).length;
    expect(changes).toBeGreaterThan(counts.length * 3);
  });

  it('follows tl.setSeed when no seed is given', () => {
    tl.setSeed(99);
    const a = read(make());
    tl.setSeed(99);
    expect(read(make())).toEqual(a);
  });
});

describe('synthetic argument checks', () => {
  it.each([
    [() => spiral({ classes: 0 }), /spiral: classes must be an integer ≥ 1, got 0/],
    [() => spiral({ noise: -1 }), /spiral: noise must be a finite number ≥ 0, got -1/],
    [() => xor({ n: 0 }), /xor: n must be an integer ≥ 1, got 0/],
    [() => circles({ factor: 1 }), /circles: factor must be in \[0, 1\), got 1/],
    [() => moons({ seed: -3 }), /moons: seed must be a non-negative safe integer/],
    [() => moons({ shuffle: 1 as never }), /moons: shuffle must be true or false/],
    [() => blobs({ centers: [[0, 0], [1]] }), /blobs: centers\[1\] must be 2 finite coordinates/],
    [
      () => blobs({ clusterStd: [1, 2] }),
      /blobs: clusterStd must be a number or one per center \(3\)/,
    ],
    [() => blobs({ clusterStd: -1 }), /blobs: clusterStd must be a finite number ≥ 0/],
    [() => blobs({ centerBox: [1, 0] }), /blobs: centerBox must be \[lo, hi\]/],
    [() => xor({ size: 3 } as never), /xor: unknown option 'size'/],
  ])('%#: %s', (call, message) => {
    expect(call).toThrow(tl.ValueError);
    expect(call).toThrow(message);
  });
});
