// Creating a backend instance: load and compile the module, make the memory (shared when the host
// has threads), instantiate, set up the allocator and the worker pool.
import { BackendError } from '@tensile/core';
import { WasmBackend } from './backend.js';
import type { KernelExports } from './exports.js';
import { PARALLEL_KERNELS } from './exports.js';
import type { WasmSources } from './loader.js';
import { loadModule, withSharedMemory } from './loader.js';
import { Heap } from './memory.js';
import { CONTROL_BYTES, ThreadPool, workerFactory } from './threads/pool.js';
import type { KernelFn } from './threads/protocol.js';
import type * as NodeOs from 'node:os';

export interface WasmBackendOptions {
  /**
   * Where the module comes from, for hosts that cannot use the bytes inlined in this package:
   * an http(s) or file URL (fetched, or read with fs in Node), a path, or the bytes themselves
   * (`wasm/tensile.wasm` and `wasm/tensile-relaxed.wasm` of this package).
   */
  wasm?: WasmSources;
  /** 'auto' (default): the relaxed-SIMD build where the host validates it; false: never. */
  relaxedSimd?: boolean | 'auto';
  /** Threads, the calling thread included (default: the available cores, at most 8). */
  threads?: number;
  /** Upper bound of the linear memory in MiB (default 4096 in Node, 1024 in browsers; 32-bit). */
  maxMemoryMB?: number;
}

const PAGE = 65536;
const INITIAL_PAGES = 256;

let options: WasmBackendOptions = {};

/** Options for backend instances created from now on (call before `tl.ready()`). */
export function configureWasmBackend(next: WasmBackendOptions): void {
  options = { ...options, ...next };
}

export function currentOptions(): WasmBackendOptions {
  return options;
}

async function availableCores(): Promise<number> {
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  if (typeof process !== 'undefined' && typeof process.versions?.node === 'string') {
    const name = 'node:os';
    const os = (await import(/* @vite-ignore */ name)) as typeof NodeOs;
    return typeof os.availableParallelism === 'function'
      ? os.availableParallelism()
      : os.cpus().length;
  }
  return nav?.hardwareConcurrency ?? 1;
}

export async function createWasmBackend(
  config: WasmBackendOptions = options,
): Promise<WasmBackend> {
  const loaded = await loadModule(config.wasm, config.relaxedSimd ?? 'auto');
  const threads = config.threads ?? Math.min(8, await availableCores());
  if (!Number.isInteger(threads) || threads < 1) {
    throw new BackendError('wasm', `threads must be a positive integer, got ${threads}`);
  }
  const node = typeof process !== 'undefined' && typeof process.versions?.node === 'string';
  // 4 GiB of address space costs nothing in 64-bit Node; browsers may refuse a large shared maximum
  const maxMemoryMB = config.maxMemoryMB ?? (node ? 4096 : 1024);
  const maxPages = Math.min(65536, Math.floor((maxMemoryMB * 1048576) / PAGE));
  // Threads need a shared memory; a host that has them always gets one, so the thread count can
  // change later. Without them the plain memory and the single-thread path work everywhere.
  const factory = await workerFactory();
  const shared = typeof factory !== 'string';
  const module = shared ? await WebAssembly.compile(withSharedMemory(loaded.bytes)) : loaded.module;
  const memory = new WebAssembly.Memory({ initial: INITIAL_PAGES, maximum: maxPages, shared });
  const instance = await WebAssembly.instantiate(module, { env: { memory } });
  const exports = instance.exports as unknown as KernelExports;
  const heap = new Heap(memory, exports.heapBase(), maxPages * PAGE);
  let pool: ThreadPool | null = null;
  let threadsUnavailable = shared ? null : factory;
  if (shared) {
    const control = heap.alloc(CONTROL_BYTES);
    heap.u8.fill(0, control, control + CONTROL_BYTES);
    const table = PARALLEL_KERNELS.map((name) => exports[name] as KernelFn);
    pool = new ThreadPool(memory, control, module, PARALLEL_KERNELS, table, factory);
    try {
      await pool.setThreadCount(threads);
    } catch (error) {
      // a host that has SharedArrayBuffer but cannot start these workers still gets the backend,
      // single-threaded
      pool.dispose();
      pool = null;
      threadsUnavailable = error instanceof Error ? error.message : String(error);
    }
  }
  return new WasmBackend({
    heap,
    exports,
    pool,
    relaxedSimd: loaded.relaxedSimd,
    threadsUnavailable,
  });
}
