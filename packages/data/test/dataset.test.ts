import * as tl from '@tensile/core';
import '@tensile/backend-cpu';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Dataset } from '../src/index.js';
import type { TensorBatch } from '../src/index.js';

let start = 0;
beforeEach(() => {
  start = tl.memory().numTensors;
});
afterEach(() => {
  // Every test leaves the tensor count where it found it.
  expect(tl.memory().numTensors).toBe(start);
});

/** xs[i] = [i, 10·i], ys[i] = i % 3 (int32). */
function toyTensors(n: number): { xs: tl.Tensor; ys: tl.Tensor } {
  const xs = tl.tensor(
    Float32Array.from({ length: 2 * n }, (_, k) => (k % 2 === 0 ? k / 2 : 5 * k - 5)),
    [n, 2],
  );
  const ys = tl.tensor(
    Int32Array.from({ length: n }, (_, i) => i % 3),
    [n],
    'int32',
  );
  return { xs, ys };
}

/** Reads every batch of one pass as plain arrays, disposing each. */
async function collect(
  ds: AsyncIterable<TensorBatch>,
): Promise<{ xs: number[][]; ys: number[] }[]> {
  const out: { xs: number[][]; ys: number[] }[] = [];
  for await (const batch of ds) {
    out.push({ xs: batch.xs.arraySync() as number[][], ys: batch.ys.arraySync() as number[] });
    tl.dispose(batch);
  }
  return out;
}

const firstColumn = (batches: { xs: number[][] }[]): number[] =>
  batches.flatMap((b) => b.xs.map((row) => row[0]));

describe('Dataset.fromTensors + batch', () => {
  it('yields {xs, ys} batches in order, the last one short, and frees every tensor', async () => {
    const data = toyTensors(10);
    const ds = Dataset.fromTensors(data).batch(4);
    expect(ds.size).toBe(3);
    const batches = await collect(ds);
    expect(batches.map((b) => b.ys)).toEqual([
      [0, 1, 2, 0],
      [1, 2, 0, 1],
      [2, 0],
    ]);
    expect(batches[0].xs[1]).toEqual([1, 10]);
    // A second pass is a new epoch over the same data.
    expect(await collect(ds)).toEqual(batches);
    tl.dispose(data);
  });

  it('gives the same batches fused (gather) as stacked one row at a time', async () => {
    const data = toyTensors(23);
    const fused = Dataset.fromTensors(data).shuffle(7, { seed: 3 }).skip(2).take(15).batch(4);
    // map(identity) breaks the fusion: rows are sliced one by one, then stacked.
    const stacked = Dataset.fromTensors(data)
      .shuffle(7, { seed: 3 })
      .skip(2)
      .take(15)
      .map((e) => e)
      .batch(4);
    const a = await collect(fused);
    expect(a).toEqual(await collect(stacked));
    expect(a.map((b) => b.ys.length)).toEqual([4, 4, 4, 3]);
    tl.dispose(data);
  });

  it('drops the remainder when asked', async () => {
    const data = toyTensors(10);
    const ds = Dataset.fromTensors(data).batch(4, { dropRemainder: true });
    expect(ds.size).toBe(2);
    expect((await collect(ds)).length).toBe(2);
    tl.dispose(data);
  });

  it('accepts a single tensor, and keeps dtypes and trailing shapes', async () => {
    const x = tl.tensor(
      Int32Array.from({ length: 24 }, (_, i) => i),
      [6, 2, 2],
      'int32',
    );
    const rows = await Dataset.fromTensors(x).toArray();
    expect(rows[5].shape).toEqual([2, 2]);
    expect(rows[5].dtype).toBe('int32');
    expect(rows[5].arraySync()).toEqual([
      [20, 21],
      [22, 23],
    ]);
    tl.dispose(rows);
    const [batch] = await Dataset.fromTensors(x).batch(6).toArray();
    expect(batch.shape).toEqual([6, 2, 2]);
    tl.dispose([batch, x]);
  });

  it('rejects tensors with different row counts, naming both shapes', () => {
    const xs = tl.zeros([4, 2]);
    const ys = tl.zeros([5]);
    expect(() => Dataset.fromTensors({ xs, ys })).toThrow(
      /Dataset.fromTensors: every tensor needs the same number of rows: xs is \[4,2\], ys is \[5\] \(4 ≠ 5\)/,
    );
    expect(() => Dataset.fromTensors({})).toThrow(/non-empty object of tensors/);
    const s = tl.scalar(1);
    expect(() => Dataset.fromTensors(s)).toThrow(/x must have a leading axis, got shape \[\]/);
    tl.dispose([xs, ys, s]);
  });
});

describe('shuffle', () => {
  it('is a permutation, reproducible per seed, and differs per pass', async () => {
    const ds = Dataset.fromArray(Array.from({ length: 50 }, (_, i) => i)).shuffle(50, { seed: 1 });
    const first = await ds.toArray();
    const second = await ds.toArray();
    expect([...first].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(first).not.toEqual(second);
    const again = Dataset.fromArray(Array.from({ length: 50 }, (_, i) => i)).shuffle(50, 1);
    expect(await again.toArray()).toEqual(first);
    expect(await again.toArray()).toEqual(second);
  });

  it('repeats the first order when reshuffleEachIteration is false', async () => {
    const ds = Dataset.fromArray([1, 2, 3, 4, 5, 6]).shuffle(6, {
      seed: 2,
      reshuffleEachIteration: false,
    });
    expect(await ds.toArray()).toEqual(await ds.toArray());
  });

  it('only moves elements within reach of a small buffer', async () => {
    const order = await Dataset.fromArray(Array.from({ length: 100 }, (_, i) => i))
      .shuffle(3, { seed: 0 })
      .toArray();
    // With a buffer of 3, output k is one of inputs k … k+2: never from further ahead.
    order.forEach((v, k) => expect(v).toBeLessThanOrEqual(k + 2));
  });

  it('makes repeat() passes differ, and disposes its buffer when a pass stops early', async () => {
    const data = toyTensors(12);
    const ds = Dataset.fromTensors(data)
      .map((e) => e)
      .shuffle(8, { seed: 4 })
      .repeat(2)
      .batch(12);
    const [a, b] = await collect(ds);
    expect([...a.ys].sort()).toEqual([...b.ys].sort());
    expect(firstColumn([a])).not.toEqual(firstColumn([b]));
    // Stop after one element: 7 rows are still in the buffer and must be freed.
    for await (const row of Dataset.fromTensors(data)
      .map((e) => e)
      .shuffle(8, { seed: 4 })) {
      tl.dispose(row);
      break;
    }
    tl.dispose(data);
  });

  it('follows tl.setSeed when no seed is given', async () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    tl.setSeed(10);
    const a = await Dataset.fromArray(items).shuffle(20).toArray();
    tl.setSeed(10);
    expect(await Dataset.fromArray(items).shuffle(20).toArray()).toEqual(a);
  });
});

describe('map, filter, take, skip, repeat', () => {
  it('maps inside tidy, disposing the input and the temporaries', async () => {
    const data = toyTensors(6);
    const ds = Dataset.fromTensors(data)
      .map(({ xs, ys }) => ({ xs: tl.mul(tl.add(xs, 1), 2), ys }))
      .batch(3);
    const batches = await collect(ds);
    expect(batches[0].xs).toEqual([
      [2, 2],
      [4, 22],
      [6, 42],
    ]);
    expect(batches[1].ys).toEqual([0, 1, 2]);
    tl.dispose(data);
  });

  it('maps plain values, and passes the index within the pass', async () => {
    const ds = Dataset.fromArray(['a', 'b', 'c']).map((s, i) => `${s}${i}`);
    expect(await ds.toArray()).toEqual(['a0', 'b1', 'c2']);
    expect(await ds.toArray()).toEqual(['a0', 'b1', 'c2']);
  });

  it('rejects an async function in map and points at mapAsync', async () => {
    const ds = Dataset.fromArray([1]).map(async (v) => v);
    await expect(ds.toArray()).rejects.toThrow(/Dataset.map: fn returned a Promise; use mapAsync/);
  });

  it('mapAsync awaits and disposes the consumed input', async () => {
    const data = toyTensors(4);
    const ds = Dataset.fromTensors(data).mapAsync(async ({ ys }) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return ys;
    });
    const values: number[] = [];
    await ds.forEach((y) => {
      values.push(y.dataSync()[0]);
    });
    expect(values).toEqual([0, 1, 2, 0]);
    tl.dispose(data);
  });

  it('filters, disposing what it drops', async () => {
    const data = toyTensors(9);
    const ds = Dataset.fromTensors(data).filter(({ ys }) => ys.dataSync()[0] === 1);
    expect(ds.size).toBeUndefined();
    const rows = await ds.toArray();
    expect(rows.map((r) => r.xs.dataSync()[0])).toEqual([1, 4, 7]);
    tl.dispose(rows);
    tl.dispose(data);
  });

  it('takes and skips, and knows the resulting size', async () => {
    const ds = Dataset.fromArray([0, 1, 2, 3, 4, 5, 6]);
    expect(await ds.take(3).toArray()).toEqual([0, 1, 2]);
    expect(await ds.skip(5).toArray()).toEqual([5, 6]);
    expect(await ds.skip(2).take(2).toArray()).toEqual([2, 3]);
    expect(await ds.take(0).toArray()).toEqual([]);
    expect(ds.take(3).size).toBe(3);
    expect(ds.take(30).size).toBe(7);
    expect(ds.skip(30).size).toBe(0);
  });

  it('repeats a number of times or forever', async () => {
    const ds = Dataset.fromArray([1, 2]);
    expect(await ds.repeat(3).toArray()).toEqual([1, 2, 1, 2, 1, 2]);
    expect(ds.repeat(3).size).toBe(6);
    expect(ds.repeat().size).toBe(Infinity);
    expect(await ds.repeat().take(5).toArray()).toEqual([1, 2, 1, 2, 1]);
    await expect(ds.repeat().toArray()).rejects.toThrow(/repeats forever; take\(n\) first/);
    // Repeating nothing forever ends instead of spinning.
    expect(await Dataset.fromArray([]).repeat().take(3).toArray()).toEqual([]);
  });

  it('repeats tensor pipelines, disposing what take leaves behind', async () => {
    const data = toyTensors(5);
    const batches = await collect(Dataset.fromTensors(data).repeat().batch(2).take(4));
    expect(batches.map((b) => b.ys)).toEqual([
      [0, 1],
      [2, 0],
      [1, 0],
      [1, 2],
    ]);
    tl.dispose(data);
  });
});

describe('sources and ownership', () => {
  it('fromArray clones tensors so consumers can dispose them pass after pass', async () => {
    const items = [tl.tensor([1, 2]), tl.tensor([3, 4])];
    for (let pass = 0; pass < 2; pass++) {
      await Dataset.fromArray(items).forEach((x) => {
        expect(x.isDisposed).toBe(false);
      });
    }
    expect(items.every((x) => !x.isDisposed)).toBe(true);
    tl.dispose(items);
  });

  it('fromGenerator opens a new generator per pass and accepts async ones', async () => {
    let opened = 0;
    const ds = Dataset.fromGenerator(
      async function* () {
        opened++;
        for (let i = 0; i < 3; i++) yield i;
      },
      { size: 3 },
    );
    expect(ds.size).toBe(3);
    expect(await ds.toArray()).toEqual([0, 1, 2]);
    expect(await ds.toArray()).toEqual([0, 1, 2]);
    expect(opened).toBe(2);
    const fromIterator = Dataset.fromGenerator(() => [5, 6][Symbol.iterator]());
    expect(await fromIterator.toArray()).toEqual([5, 6]);
    const bad = Dataset.fromGenerator(() => 3 as never);
    await expect(bad.toArray()).rejects.toThrow(
      /make\(\) must return an iterator or iterable, got 3/,
    );
  });

  it('keeps yielded tensors alive through the consumer’s scopes (prefetch runs ahead)', async () => {
    const data = toyTensors(20);
    const ds = Dataset.fromTensors(data).batch(5).prefetch(2);
    let seen = 0;
    for await (const batch of ds) {
      // fit-like: one scope per step, the batch disposed by the consumer.
      tl.startScope();
      const loss = tl.sum(tl.mul(batch.xs, 2));
      expect(loss.dataSync()[0]).toBeGreaterThanOrEqual(0);
      tl.endScope();
      expect(batch.xs.isDisposed).toBe(false);
      tl.dispose(batch);
      seen++;
    }
    expect(seen).toBe(4);
    tl.dispose(data);
  });

  it('prefetch keeps order, overlaps async work, and frees what it holds when stopped', async () => {
    const log: string[] = [];
    const ds = Dataset.fromGenerator(async function* () {
      for (let i = 0; i < 6; i++) {
        log.push(`make ${i}`);
        yield tl.scalar(i);
      }
    }).prefetch(3);
    const got: number[] = [];
    for await (const x of ds) {
      log.push(`use ${x.dataSync()[0]}`);
      got.push(x.dataSync()[0]);
      x.dispose();
      if (got.length === 2) break;
    }
    expect(got).toEqual([0, 1]);
    // Elements were made ahead of their use.
    expect(log.indexOf('make 2')).toBeLessThan(log.indexOf('use 1'));
  });

  it('propagates an upstream error through prefetch', async () => {
    const ds = Dataset.fromGenerator(function* () {
      yield 1;
      throw new Error('disk on fire');
    }).prefetch(4);
    await expect(ds.toArray()).rejects.toThrow('disk on fire');
  });

  it('forEach disposes each element after the callback, even when it throws', async () => {
    const data = toyTensors(4);
    await expect(
      Dataset.fromTensors(data).forEach(() => {
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    tl.dispose(data);
  });

  it('a full MNIST-sized epoch leaves memory where it was', async () => {
    const xs = tl.zeros([3000, 784]);
    const ys = tl.zeros([3000], 'int32');
    let rows = 0;
    await Dataset.fromTensors({ xs, ys })
      .shuffle(3000, { seed: 1 })
      .batch(128)
      .prefetch(2)
      .forEach((b) => {
        rows += b.xs.shape[0];
      });
    expect(rows).toBe(3000);
    tl.dispose([xs, ys]);
  });
});

describe('argument checks', () => {
  it('names the method and the argument', () => {
    const ds = Dataset.fromArray([1, 2, 3]);
    expect(() => ds.batch(0)).toThrow(/Dataset.batch: batchSize must be an integer ≥ 1, got 0/);
    expect(() => ds.shuffle(0)).toThrow(/Dataset.shuffle: bufferSize must be an integer ≥ 1/);
    expect(() => ds.shuffle(2, { seed: -1 })).toThrow(/Dataset.shuffle: seed must be/);
    expect(() => ds.prefetch(0)).toThrow(/Dataset.prefetch: bufferSize/);
    expect(() => ds.take(-1)).toThrow(/Dataset.take: count must be a non-negative integer/);
    expect(() => ds.skip(1.5)).toThrow(/Dataset.skip: count/);
    expect(() => ds.repeat(-1)).toThrow(/Dataset.repeat: count/);
    expect(() => ds.map(3 as never)).toThrow(/Dataset.map: fn must be a function, got 3/);
    expect(() => ds.batch(2, { drop: true } as never)).toThrow(/unknown option 'drop'/);
    expect(() => Dataset.fromArray(3 as never)).toThrow(/items must be an array/);
  });
});
