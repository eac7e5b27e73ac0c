import * as tl from '@tensile/core';
import '@tensile/backend-cpu';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  cloneElement,
  disposeConsumed,
  keepElement,
  stackElements,
} from '../../src/dataset/elements.js';
import { Dataset } from '../../src/index.js';

let start = 0;
beforeEach(() => {
  start = tl.memory().numTensors;
});
afterEach(() => {
  expect(tl.memory().numTensors).toBe(start);
});

describe('element helpers', () => {
  it('stackElements stacks leaf by leaf and leaves the inputs alone', () => {
    const a = { x: tl.tensor([1, 2]), y: 0 };
    const b = { x: tl.tensor([3, 4]), y: 1 };
    const batch = stackElements('test', [a, b]);
    expect(batch.x.arraySync()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(batch.y.arraySync()).toEqual([0, 1]);
    expect(a.x.isDisposed).toBe(false);
    tl.dispose([a.x, b.x, batch.x, batch.y]);
  });

  it('stackElements frees the leaves it already stacked when a later one fails', () => {
    const a = { x: tl.tensor([1]), y: tl.tensor([1]) };
    const b = { x: tl.tensor([2]), y: tl.tensor([1, 2]) };
    expect(() => stackElements('test', [a, b])).toThrow(tl.ShapeError);
    tl.dispose([a.x, a.y, b.x, b.y]);
  });

  it('disposeConsumed frees exactly the input tensors the output does not carry', () => {
    const kept = tl.scalar(1);
    const dropped = tl.scalar(2);
    disposeConsumed({ kept, dropped, n: 3 }, [kept]);
    expect(kept.isDisposed).toBe(false);
    expect(dropped.isDisposed).toBe(true);
    kept.dispose();
  });

  it('cloneElement copies structure, gives new tensor handles and keeps them', () => {
    const x = tl.tensor([1, 2]);
    const element = { a: [x, 'label'], b: 3 };
    const copy = cloneElement(element);
    expect(copy).not.toBe(element);
    expect(copy.a[0]).not.toBe(x);
    expect((copy.a[0] as tl.Tensor).kept).toBe(true);
    expect(copy.a[1]).toBe('label');
    (copy.a[0] as tl.Tensor).dispose();
    expect(x.isDisposed).toBe(false);
    x.dispose();
  });

  it('keepElement protects tensors from the scope they were made in', () => {
    tl.startScope();
    const t = keepElement({ t: tl.scalar(5) }).t;
    tl.endScope();
    expect(t.isDisposed).toBe(false);
    t.dispose();
  });
});

describe('batch of arbitrary elements', () => {
  it('stacks numbers, number arrays, typed arrays and tensors, nested in objects and arrays', async () => {
    const t = (v: number): tl.Tensor => tl.tensor([v, -v]);
    const ds = Dataset.fromGenerator(function* () {
      for (let i = 0; i < 3; i++) {
        yield {
          n: i,
          flag: i % 2 === 0,
          row: [i, i + 1],
          label: Int32Array.of(i),
          pair: [t(i), tl.scalar(i * 10)] as [tl.Tensor, tl.Tensor],
        };
      }
    }).batch(3);
    const [b] = await ds.toArray();
    expect(b.n.dtype).toBe('float32');
    expect(b.n.arraySync()).toEqual([0, 1, 2]);
    expect(b.flag.dtype).toBe('bool');
    expect(b.flag.arraySync()).toEqual([true, false, true]);
    expect(b.row.arraySync()).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
    expect(b.label.dtype).toBe('int32');
    expect(b.label.shape).toEqual([3, 1]);
    expect(b.pair[0].arraySync()).toEqual([
      [0, -0],
      [1, -1],
      [2, -2],
    ]);
    expect(b.pair[1].arraySync()).toEqual([0, 10, 20]);
    tl.dispose(b);
  });

  it('names the element and path of a leaf that does not fit', async () => {
    const rows = [tl.zeros([2]), tl.zeros([3])];
    const ds = Dataset.fromArray(rows.map((x) => ({ x }))).batch(2);
    await expect(ds.toArray()).rejects.toThrow(
      /Dataset.batch: element.x of element 1 has shape \[3\] but element 0 has \[2\]/,
    );
    const mixed = Dataset.fromArray([{ a: 1 }, { b: 2 }]).batch(2);
    await expect(mixed.toArray()).rejects.toThrow(
      /element of element 1 has keys \[b\] but element 0 has \[a\]/,
    );
    const strings = Dataset.fromArray(['a', 'b']).batch(2);
    await expect(strings.toArray()).rejects.toThrow(/cannot batch element: 'a'/);
    const bytes = Dataset.fromArray([new Uint8Array(2)]).batch(1);
    await expect(bytes.toArray()).rejects.toThrow(
      /element is a Uint8Array; batch Float32Array, Int32Array/,
    );
    tl.dispose(rows);
  });
});
