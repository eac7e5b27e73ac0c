// Storage of the wasm backend: tensors live in the module's linear memory, handed out by the Heap;
// a DataId is the WasmData record of its block. Kernels get pointers from `ptr`, allocate outputs
// with `output` and run exports through `parallel` (the pool when it pays, a direct call otherwise).
import type { Backend, BackendMemory, DType, DataId, TensorInfo, TypedArray } from '@tensile/core';
import { BackendError, DtypeError, bytesPerElement, sizeFromShape } from '@tensile/core';
import type { KernelExports, ParallelKernel } from './exports.js';
import { PARALLEL_KERNELS } from './exports.js';
import { DType as Code } from './generated/opcodes.js';
import { Heap } from './memory.js';
import type { ThreadPool } from './threads/pool.js';
import type { KernelFn } from './threads/protocol.js';

/** The record behind a DataId: where a tensor's bytes are. */
export class WasmData {
  disposed = false;
  constructor(
    readonly ptr: number,
    readonly bytes: number,
    readonly dtype: DType,
  ) {}
}

export interface WasmRuntime {
  heap: Heap;
  exports: KernelExports;
  pool: ThreadPool | null;
  relaxedSimd: boolean;
  /** Why threads are unavailable, when they are. */
  threadsUnavailable: string | null;
}

/** Options of a parallel run: items per chunk at least, and chunk boundaries a multiple of align. */
export interface ParallelOptions {
  grain: number;
  align?: number;
}

const STORED: readonly DType[] = ['float32', 'int32', 'bool'];

/** The module's code of a storage type. */
export function dtypeCode(dtype: DType): Code {
  return dtype === 'float32' ? Code.F32 : dtype === 'int32' ? Code.I32 : Code.U8;
}

export class WasmBackend implements Backend {
  readonly dtypes: readonly DType[] = STORED;
  readonly heap: Heap;
  readonly exports: KernelExports;
  readonly relaxedSimd: boolean;
  private readonly pool: ThreadPool | null;
  private readonly table: ReadonlyMap<ParallelKernel, number>;
  private readonly threadsUnavailable: string | null;
  private tensorBytes = 0;
  private buffers = 0;
  private scratchBytes = 0;

  constructor(runtime: WasmRuntime) {
    this.heap = runtime.heap;
    this.exports = runtime.exports;
    this.pool = runtime.pool;
    this.relaxedSimd = runtime.relaxedSimd;
    this.threadsUnavailable = runtime.threadsUnavailable;
    this.table = new Map(PARALLEL_KERNELS.map((name, i) => [name, i]));
  }

  // ---- storage --------------------------------------------------------------------------------

  write(values: TypedArray, _shape: readonly number[], dtype: DType): DataId {
    this.assertStored(dtype);
    const data = this.allocate(values.byteLength, dtype);
    if (values.byteLength > 0) {
      this.heap.u8.set(
        new Uint8Array(values.buffer, values.byteOffset, values.byteLength),
        data.ptr,
      );
    }
    return data;
  }

  readSync(dataId: DataId): TypedArray {
    const data = this.data(dataId);
    const { u8 } = this.heap;
    // a copy: the block may be reused once the tensor is disposed
    const bytes = u8.slice(data.ptr, data.ptr + data.bytes);
    if (data.dtype === 'float32') return new Float32Array(bytes.buffer);
    if (data.dtype === 'int32') return new Int32Array(bytes.buffer);
    return bytes;
  }

  async read(dataId: DataId): Promise<TypedArray> {
    return this.readSync(dataId);
  }

  disposeData(dataId: DataId): void {
    if (!(dataId instanceof WasmData) || dataId.disposed) return;
    dataId.disposed = true;
    this.heap.free(dataId.ptr, dataId.bytes);
    this.tensorBytes -= Heap.blockSize(dataId.bytes);
    this.buffers--;
  }

  memory(): BackendMemory {
    const heap = this.heap.stats();
    return {
      numBytes: this.tensorBytes,
      numBuffers: this.buffers,
      heapBytes: heap.heapBytes,
      allocatedBytes: heap.allocatedBytes,
      freeBytes: heap.freeBytes,
      scratchBytes: this.scratchBytes,
      threads: this.threads,
      relaxedSimd: this.relaxedSimd,
      ...(this.threadsUnavailable === null ? {} : { threadsUnavailable: this.threadsUnavailable }),
    };
  }

  dispose(): void {
    this.pool?.dispose();
  }

  // ---- threads ----------------------------------------------------------------------------------

  get threads(): number {
    return this.pool?.threads ?? 1;
  }

  /** Sets the number of threads (main thread included); resolves when the workers are ready. */
  async setThreadCount(count: number): Promise<void> {
    if (!Number.isInteger(count) || count < 1) {
      throw new BackendError('setThreadCount', `count must be a positive integer, got ${count}`);
    }
    if (this.pool === null) {
      if (count > 1) {
        throw new BackendError(
          'setThreadCount',
          `threads are unavailable on this host: ${this.threadsUnavailable ?? 'unknown reason'}`,
        );
      }
      return;
    }
    await this.pool.setThreadCount(count);
  }

  /**
   * Runs `kernel(...args, begin, end)` over [0, total): on the calling thread alone when the work is
   * small or there are no workers, else cut into chunks of at least `grain` items.
   */
  parallel(kernel: ParallelKernel, args: number[], total: number, options: ParallelOptions): void {
    if (total <= 0) return;
    const threads = this.threads;
    if (threads === 1 || total < 2 * options.grain || this.pool === null) {
      (this.exports[kernel] as KernelFn)(...args, 0, total);
      return;
    }
    const align = options.align ?? 1;
    const chunks = Math.min(Math.ceil(total / options.grain), threads * 4);
    const size = Math.ceil(Math.ceil(total / chunks) / align) * align;
    this.pool.run(this.table.get(kernel) as number, args, total, size);
  }

  // ---- kernel helpers ---------------------------------------------------------------------------

  /** Address of a tensor's data. */
  ptr(info: TensorInfo): number {
    return this.data(info.dataId).ptr;
  }

  /** A new output tensor of `shape` and `dtype` (uninitialized) and its address. */
  output(shape: readonly number[], dtype: DType): { info: TensorInfo; ptr: number } {
    const data = this.allocate(sizeFromShape(shape) * bytesPerElement(dtype), dtype);
    return { info: { dataId: data, shape, dtype }, ptr: data.ptr };
  }

  /** Temporary memory for one kernel call; give it back with releaseScratch. */
  scratch(bytes: number): number {
    this.scratchBytes += Heap.blockSize(bytes);
    return this.heap.alloc(bytes);
  }

  releaseScratch(ptr: number, bytes: number): void {
    this.scratchBytes -= Heap.blockSize(bytes);
    this.heap.free(ptr, bytes);
  }

  private allocate(bytes: number, dtype: DType): WasmData {
    const data = new WasmData(this.heap.alloc(bytes), bytes, dtype);
    this.tensorBytes += Heap.blockSize(bytes);
    this.buffers++;
    return data;
  }

  private data(dataId: DataId): WasmData {
    if (!(dataId instanceof WasmData)) {
      throw new BackendError('wasm', 'this buffer does not belong to the wasm backend');
    }
    if (dataId.disposed) throw new BackendError('wasm', 'read of a buffer that was disposed');
    return dataId;
  }

  private assertStored(dtype: DType): void {
    if (!STORED.includes(dtype)) {
      throw new DtypeError(
        'wasm',
        `the wasm backend stores ${STORED.join(', ')}, not ${dtype}; float64 is for the cpu backend`,
      );
    }
  }
}
