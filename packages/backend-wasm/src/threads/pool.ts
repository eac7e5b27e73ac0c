// The worker pool: worker_threads in Node, Web Workers in cross-origin-isolated browsers, all on
// one shared WebAssembly.Memory. A job is one kernel export and a work range cut into chunks;
// the main thread publishes it in the control block, takes chunks itself and returns when every
// chunk is done (kernels are synchronous). Kernels are written so that each output is computed by
// exactly one chunk in a fixed order, so results never depend on how many threads took part.
import { BackendError } from '@tensile/core';
import type { KernelFn, WorkerInit } from './protocol.js';
import { runChunks, workerSource } from './protocol.js';
import type * as NodeWorkerThreads from 'node:worker_threads';

/** The slice of the Worker APIs (Node's and the Web's) the pool uses. */
interface WorkerHandle {
  postMessage(message: WorkerInit): void;
  terminate(): unknown;
}

type WorkerFactory = (
  source: string,
  onReady: () => void,
  onError: (error: unknown) => void,
) => WorkerHandle;

const GEN = 0;
const NEXT = 1;
const DONE = 2;
const CHUNKS = 3;
const KERNEL = 4;
const ARGS = 5;
const TOTAL = 6;
const SIZE = 7;
const SLEEPERS = 8;
const STOP = 9;
const FAILED = 10;
/** Bytes of the control block: 64 of slots, then 32 float64 arguments. */
export const CONTROL_BYTES = 64 + 32 * 8;
const MAX_ARGS = 32;
const MAX_CHUNKS = 0xffff;

/** How the host makes workers, or why it cannot. */
export async function workerFactory(): Promise<WorkerFactory | string> {
  if (typeof SharedArrayBuffer === 'undefined') return 'SharedArrayBuffer is unavailable';
  const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';
  if (isNode) {
    const name = 'node:worker_threads';
    const threads = (await import(/* @vite-ignore */ name)) as typeof NodeWorkerThreads;
    return (source, onReady, onError) => {
      const worker = new threads.Worker(source, { eval: true });
      worker.unref();
      worker.once('message', onReady);
      worker.once('error', onError);
      return worker;
    };
  }
  const scope = globalThis as { crossOriginIsolated?: boolean; Worker?: typeof Worker };
  if (scope.Worker === undefined) return 'this host has no Worker';
  if (scope.crossOriginIsolated !== true) {
    return 'the page is not cross-origin isolated (serve it with COOP: same-origin and COEP: require-corp)';
  }
  const WebWorker = scope.Worker;
  return (source, onReady, onError) => {
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    const worker = new WebWorker(url);
    worker.onmessage = () => {
      worker.onmessage = null;
      URL.revokeObjectURL(url);
      onReady();
    };
    worker.onerror = (event) => onError(event);
    return worker;
  };
}

export class ThreadPool {
  private readonly ctl: Int32Array;
  private readonly argv: Float64Array;
  private readonly base: number;
  private readonly workers: WorkerHandle[] = [];
  private ready = 0;
  private generation = 0;
  private pending: Promise<void> = Promise.resolve();
  /** The main thread may block in Atomics.wait (Node, or a worker); a browser window only spins. */
  private readonly canBlock: boolean;

  constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly control: number,
    /** The shared-memory module workers instantiate. */
    private readonly module: WebAssembly.Module,
    private readonly kernelNames: readonly string[],
    private readonly table: readonly KernelFn[],
    private readonly factory: WorkerFactory,
    /**
     * How long an idle worker spins before sleeping: long enough to catch the next job of a training
     * step, short enough not to steal a core from the main thread on a busy machine (waking from
     * Atomics.wait costs tens of microseconds, small next to a GEMM chunk).
     */
    private readonly spinMs = 0.25,
  ) {
    this.ctl = new Int32Array(memory.buffer);
    this.argv = new Float64Array(memory.buffer, control + 64, MAX_ARGS);
    this.base = control / 4; // the control block is allocated first, far below 2 GiB
    this.canBlock =
      typeof process !== 'undefined' ||
      typeof (globalThis as { window?: unknown }).window === 'undefined';
  }

  /** Threads working on a job: the main thread plus the workers that are ready. */
  get threads(): number {
    return 1 + this.ready;
  }

  /** Starts or stops workers so that `count` threads (main included) share the work. */
  setThreadCount(count: number): Promise<void> {
    const wanted = Math.max(0, Math.floor(count) - 1);
    while (this.workers.length > wanted) {
      this.workers.pop()?.terminate();
      this.ready = Math.min(this.ready, this.workers.length);
    }
    const starting: Array<Promise<void>> = [];
    while (this.workers.length < wanted) starting.push(this.startWorker());
    this.pending = Promise.all([this.pending, ...starting]).then(() => undefined);
    return this.pending;
  }

  private startWorker(): Promise<void> {
    return new Promise((resolve, reject) => {
      const worker = this.factory(
        workerSource(typeof process !== 'undefined' ? 'node' : 'browser'),
        () => {
          if (this.workers.includes(worker)) this.ready++;
          resolve();
        },
        (error) => {
          const index = this.workers.indexOf(worker);
          if (index >= 0) this.workers.splice(index, 1);
          reject(new BackendError('wasm', `a worker thread failed to start: ${String(error)}`));
        },
      );
      this.workers.push(worker);
      worker.postMessage({
        module: this.module,
        memory: this.memory,
        control: this.control,
        kernels: [...this.kernelNames],
        spinMs: this.spinMs,
      });
    });
  }

  /** Runs kernel `index` over [0, total) in chunks of `size` on every ready thread. */
  run(index: number, args: readonly number[], total: number, size: number): void {
    const { ctl, base } = this;
    const chunks = Math.ceil(total / size);
    if (chunks > MAX_CHUNKS || args.length > MAX_ARGS) {
      throw new BackendError('wasm', `job too large for the pool (${chunks} chunks)`);
    }
    for (let i = 0; i < args.length; i++) this.argv[i] = args[i];
    ctl[base + KERNEL] = index;
    ctl[base + ARGS] = args.length;
    ctl[base + TOTAL] = total;
    ctl[base + SIZE] = size;
    ctl[base + CHUNKS] = chunks;
    ctl[base + FAILED] = 0;
    Atomics.store(ctl, base + DONE, 0);
    this.generation = (this.generation + 1) & 0xffff;
    Atomics.store(ctl, base + NEXT, this.generation << 16);
    Atomics.add(ctl, base + GEN, 1);
    if (Atomics.load(ctl, base + SLEEPERS) > 0) Atomics.notify(ctl, base + GEN);
    runChunks(ctl, base, this.argv, this.table, this.generation);
    let spins = 0;
    for (;;) {
      const done = Atomics.load(ctl, base + DONE);
      if (done >= chunks) break;
      if (this.canBlock && ++spins > 4096) Atomics.wait(ctl, base + DONE, done, 1);
    }
    if (ctl[base + FAILED] !== 0) {
      throw new BackendError('wasm', `kernel ${this.kernelNames[index]} failed on a thread`);
    }
  }

  dispose(): void {
    Atomics.store(this.ctl, this.base + STOP, 1);
    Atomics.add(this.ctl, this.base + GEN, 1);
    Atomics.notify(this.ctl, this.base + GEN);
    for (const worker of this.workers.splice(0)) worker.terminate();
    this.ready = 0;
  }
}
