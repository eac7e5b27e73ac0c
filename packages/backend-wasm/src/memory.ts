// The allocator of the wasm backend's linear memory, kept on the TypeScript side (the module has no
// allocator: kernels only receive pointers). Blocks are 64-byte aligned and their sizes rounded up
// to 64 bytes, which gives every kernel two guarantees: SIMD loads are aligned, and the 16-byte
// vector holding a buffer's last element lies inside the block (loops may finish with a full
// vector instead of a scalar tail).
//
// Free blocks are kept in exact-size free lists: a training step allocates the same sizes every
// time, so after the first step every allocation is a pop from a list and every free a push. New
// sizes come from a bump pointer. When the bump region is exhausted, free blocks are coalesced
// (adjacent blocks merged, the topmost returned to the bump region) and reused first-fit before the
// memory grows; views on the memory are re-made after every growth.
import { BackendError } from '@tensile/core';

export const ALIGNMENT = 64;
const PAGE = 65536;

const roundUp = (n: number, to: number): number => Math.ceil(n / to) * to;

export interface HeapStats {
  /** Bytes of the linear memory. */
  heapBytes: number;
  /** Bytes in allocated blocks (tensors and scratch). */
  allocatedBytes: number;
  /** Bytes in free blocks waiting for reuse. */
  freeBytes: number;
  /** Bytes never handed out yet (between the bump pointer and the end of memory). */
  unusedBytes: number;
}

export class Heap {
  u8!: Uint8Array;
  i32!: Int32Array;
  f32!: Float32Array;
  private top: number;
  private readonly freeLists = new Map<number, number[]>();
  private allocated = 0;
  private freeTotal = 0;

  constructor(
    readonly memory: WebAssembly.Memory,
    /** First byte the allocator may hand out (after the module's static data). */
    readonly base: number,
    /** Largest size the memory may grow to, in bytes. */
    readonly maxBytes: number,
  ) {
    this.top = roundUp(base, ALIGNMENT);
    this.refreshViews();
  }

  /** Block size an allocation of `bytes` occupies. */
  static blockSize(bytes: number): number {
    return bytes === 0 ? 0 : roundUp(bytes, ALIGNMENT);
  }

  get capacity(): number {
    return this.memory.buffer.byteLength;
  }

  /** A 64-byte aligned block of at least `bytes` bytes (0 for an empty request). */
  alloc(bytes: number): number {
    const size = Heap.blockSize(bytes);
    if (size === 0) return 0;
    const list = this.freeLists.get(size);
    if (list !== undefined && list.length > 0) {
      this.freeTotal -= size;
      this.allocated += size;
      return list.pop() as number;
    }
    if (this.top + size > this.capacity) {
      const reused = this.coalesceAndFit(size);
      if (reused >= 0) return reused;
      if (this.top + size > this.capacity) this.grow(this.top + size);
    }
    const ptr = this.top;
    this.top += size;
    this.allocated += size;
    return ptr;
  }

  /** Returns a block; `bytes` is what was asked of alloc. */
  free(ptr: number, bytes: number): void {
    const size = Heap.blockSize(bytes);
    if (size === 0) return;
    let list = this.freeLists.get(size);
    if (list === undefined) {
      list = [];
      this.freeLists.set(size, list);
    }
    list.push(ptr);
    this.allocated -= size;
    this.freeTotal += size;
  }

  stats(): HeapStats {
    return {
      heapBytes: this.capacity,
      allocatedBytes: this.allocated,
      freeBytes: this.freeTotal,
      unusedBytes: this.capacity - this.top,
    };
  }

  /** Views are re-made after memory.grow (a grown memory has a new buffer). */
  refreshViews(): void {
    const buffer = this.memory.buffer;
    this.u8 = new Uint8Array(buffer);
    this.i32 = new Int32Array(buffer);
    this.f32 = new Float32Array(buffer);
  }

  /** Merges adjacent free blocks, gives the topmost back to the bump region, then fits first-fit. */
  private coalesceAndFit(size: number): number {
    if (this.freeTotal === 0) return -1;
    const blocks: Array<[number, number]> = [];
    for (const [blockSize, ptrs] of this.freeLists)
      for (const p of ptrs) blocks.push([p, blockSize]);
    blocks.sort((a, b) => a[0] - b[0]);
    const merged: Array<[number, number]> = [];
    for (const block of blocks) {
      const last = merged[merged.length - 1];
      if (last !== undefined && last[0] + last[1] === block[0]) last[1] += block[1];
      else merged.push([block[0], block[1]]);
    }
    const topmost = merged[merged.length - 1];
    if (topmost !== undefined && topmost[0] + topmost[1] === this.top) {
      this.top = topmost[0];
      this.freeTotal -= topmost[1];
      merged.pop();
    }
    this.freeLists.clear();
    let best = -1;
    for (let i = 0; i < merged.length; i++) {
      if (merged[i][1] >= size && (best < 0 || merged[i][1] < merged[best][1])) best = i;
    }
    let result = -1;
    if (best >= 0 && this.top + size > this.capacity) {
      const [ptr, blockSize] = merged[best];
      result = ptr;
      this.freeTotal -= blockSize;
      this.allocated += size;
      merged[best] = [ptr + size, blockSize - size];
      this.freeTotal += blockSize - size;
    }
    for (const [ptr, blockSize] of merged) {
      if (blockSize === 0) continue;
      let list = this.freeLists.get(blockSize);
      if (list === undefined) {
        list = [];
        this.freeLists.set(blockSize, list);
      }
      list.push(ptr);
    }
    return result;
  }

  private grow(needed: number): void {
    const current = this.capacity;
    // grow by at least a quarter of the current size, so growth is amortized
    const target = Math.min(this.maxBytes, Math.max(roundUp(needed, PAGE), current + current / 4));
    if (needed > this.maxBytes) {
      throw new BackendError(
        'wasm',
        `out of memory: ${needed - this.top} more bytes needed with ${this.allocated} allocated; the limit is ${this.maxBytes} bytes (configureWasmBackend({ maxMemoryMB }))`,
      );
    }
    try {
      this.memory.grow(Math.ceil((target - current) / PAGE));
    } catch (cause) {
      throw new BackendError(
        'wasm',
        `out of memory: growing the heap to ${target} bytes failed (${cause instanceof Error ? cause.message : String(cause)})`,
      );
    }
    this.refreshViews();
  }
}
