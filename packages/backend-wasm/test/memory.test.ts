// The linear-memory allocator, and the backend's storage on top of it: alignment, exact-size reuse,
// coalescing before growth, views re-made after memory.grow, memory() reporting.
import { describe, expect, it } from 'vitest';
import * as tl from '@tensile/core';
import { ALIGNMENT, Heap } from '../src/memory.js';
import { values } from './helpers.js';

const PAGE = 65536;

function heap(pages = 1, maxPages = 64): Heap {
  return new Heap(
    new WebAssembly.Memory({ initial: pages, maximum: maxPages }),
    1000,
    maxPages * PAGE,
  );
}

describe('Heap', () => {
  it('hands out 64-byte aligned blocks rounded to 64 bytes', () => {
    const h = heap();
    const a = h.alloc(1);
    const b = h.alloc(65);
    const c = h.alloc(64);
    for (const p of [a, b, c]) expect(p % ALIGNMENT).toBe(0);
    expect(b - a).toBe(64);
    expect(c - b).toBe(128);
    expect(h.stats().allocatedBytes).toBe(64 + 128 + 64);
    expect(h.alloc(0)).toBe(0);
  });

  it('reuses a freed block of the same size first', () => {
    const h = heap();
    const a = h.alloc(1000);
    h.alloc(10);
    h.free(a, 1000);
    expect(h.stats().freeBytes).toBe(1024);
    expect(h.alloc(990)).toBe(a);
    expect(h.stats().freeBytes).toBe(0);
  });

  it('coalesces neighbouring free blocks before growing the memory', () => {
    const h = heap(1, 4);
    const blocks = Array.from({ length: 6 }, () => h.alloc(8000));
    for (const p of blocks) h.free(p, 8000);
    const before = h.capacity;
    // 6 × 8000 bytes (rounded to 8000) are free; one block of 40000 fits without growth
    const big = h.alloc(40000);
    expect(h.capacity).toBe(before);
    expect(big).toBe(blocks[0]);
  });

  it('grows the memory and re-makes its views', () => {
    const h = heap(1, 64);
    const old = h.f32;
    const p = h.alloc(3 * PAGE);
    expect(h.capacity).toBeGreaterThanOrEqual(p + 3 * PAGE);
    expect(h.f32 === old).toBe(false);
    expect(h.f32.buffer).toBe(h.memory.buffer);
    h.f32[(p >> 2) + 3 * 16384 - 1] = 42;
    expect(h.f32[(p >> 2) + 3 * 16384 - 1]).toBe(42);
  });

  it('names the limit when the memory cannot grow further', () => {
    const h = heap(1, 2);
    expect(() => h.alloc(3 * PAGE)).toThrow(/out of memory.*limit is 131072 bytes/);
  });
});

describe('wasm backend storage', () => {
  it('keeps tensor values through memory growth and reports heap use', async () => {
    await tl.setBackend('wasm');
    const small = tl.tensor(values(1000, 1), [1000]);
    const expected = Array.from(small.dataSync());
    const before = tl.memory().backend as Record<string, number>;
    // far more than the initial 16 MiB: the heap must grow
    const big = tl.zeros([(64 * 1024 * 1024) / 4]);
    const after = tl.memory().backend as Record<string, number>;
    expect(after.heapBytes).toBeGreaterThan(before.heapBytes);
    expect(after.numBytes - before.numBytes).toBe(64 * 1024 * 1024);
    expect(Array.from(small.dataSync())).toEqual(expected);
    const plusOne = tl.tidy(() => Array.from(tl.add(small, 1).dataSync()));
    expect(plusOne).toEqual(expected.map((v) => Math.fround(v + 1)));
    tl.dispose([small, big]);
    expect((tl.memory().backend as Record<string, number>).numBytes).toBe(before.numBytes - 4032);
  });

  it('rejects float64 clearly', async () => {
    await tl.setBackend('wasm');
    expect(() => tl.tensor(new Float64Array(2), [2], 'float64')).toThrow(
      /backend 'wasm' does not support float64/,
    );
  });

  it('reads back copies that stay valid after dispose', async () => {
    await tl.setBackend('wasm');
    const t = tl.tensor([1, 2, 3]);
    const data = t.dataSync();
    t.dispose();
    tl.tidy(() => tl.fill([3], 9));
    expect(Array.from(data)).toEqual([1, 2, 3]);
    expect(data.buffer).toBeInstanceOf(ArrayBuffer);
  });
});
