// The work-sharing protocol of the thread pool, over a control block in the shared linear memory.
// These two functions run on the main thread and, as source text (Function.prototype.toString), in
// every worker, so they must stay self-contained: no imports, no module-level constants, no
// helpers. Slots of the control block (Int32 indices from its start):
//   0 GEN       job generation; idle workers sleep on it (Atomics.wait)
//   1 NEXT      (generation & 0xffff) << 16 | next unclaimed chunk — claimed by compare-exchange,
//               so a late worker can never take a chunk of another job
//   2 DONE      chunks finished; the main thread sleeps on it
//   3 CHUNKS    chunks in the job        4 KERNEL   index into the kernel table
//   5 ARGS      number of arguments      6 TOTAL    work items   7 SIZE   items per chunk
//   8 SLEEPERS  workers inside Atomics.wait (the main thread notifies only when > 0)
//   9 STOP      workers exit when set   10 FAILED   a kernel threw
// Arguments are float64 values at byte offset 64 of the block (32 at most).

/** A kernel export: numeric arguments, then its [begin, end) range. */
export type KernelFn = (...args: number[]) => unknown;

export interface WorkerInit {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  /** Byte offset of the control block. */
  control: number;
  /** Export names, in the order of the kernel indices. */
  kernels: string[];
  /** How long an idle worker spins before it sleeps, in milliseconds. */
  spinMs: number;
}

/** Claims and runs chunks of job `generation` until none is left (or the job has changed). */
export function runChunks(
  ctl: Int32Array,
  base: number,
  argv: Float64Array,
  table: readonly KernelFn[],
  generation: number,
): void {
  for (;;) {
    const next = Atomics.load(ctl, base + 1);
    if (next >>> 16 !== generation) return;
    const chunk = next & 0xffff;
    const chunks = Atomics.load(ctl, base + 3);
    if (chunk >= chunks) return;
    if (Atomics.compareExchange(ctl, base + 1, next, next + 1) !== next) continue;
    // The chunk is ours: the job cannot change until every chunk is done.
    const count = ctl[base + 5];
    const size = ctl[base + 7];
    const begin = chunk * size;
    const end = Math.min(ctl[base + 6], begin + size);
    const args = new Array<number>(count + 2);
    for (let i = 0; i < count; i++) args[i] = argv[i];
    args[count] = begin;
    args[count + 1] = end;
    try {
      table[ctl[base + 4]](...args);
    } catch {
      Atomics.store(ctl, base + 10, 1);
    }
    if (Atomics.add(ctl, base + 2, 1) + 1 === chunks) Atomics.notify(ctl, base + 2);
  }
}

/** A worker's whole life: instantiate the module on the shared memory, then serve jobs. */
export function workerMain(init: WorkerInit, post: (message: string) => void): void {
  const instance = new WebAssembly.Instance(init.module, { env: { memory: init.memory } });
  const table = init.kernels.map((name) => instance.exports[name] as KernelFn);
  const base = init.control / 4;
  const ctl = new Int32Array(init.memory.buffer);
  const argv = new Float64Array(init.memory.buffer, init.control + 64, 32);
  post('ready');
  let seen = Atomics.load(ctl, base);
  for (;;) {
    // Spin briefly (jobs of one training step follow each other within microseconds), then sleep.
    let spins = 0;
    let since = performance.now();
    while (Atomics.load(ctl, base) === seen) {
      if ((++spins & 255) === 0 && performance.now() - since > init.spinMs) {
        Atomics.add(ctl, base + 8, 1);
        Atomics.wait(ctl, base, seen);
        Atomics.sub(ctl, base + 8, 1);
        since = performance.now();
      }
    }
    seen = Atomics.load(ctl, base);
    if (Atomics.load(ctl, base + 9) !== 0) return;
    runChunks(ctl, base, argv, table, seen & 0xffff);
  }
}

/** Source text of a worker: the two functions above plus a bootstrap for the host. */
export function workerSource(host: 'node' | 'browser'): string {
  const body = `${runChunks.toString()}\n${workerMain.toString()}\n`;
  if (host === 'node') {
    return `${body}const { parentPort } = require('node:worker_threads');
parentPort.once('message', (init) => workerMain(init, (message) => parentPort.postMessage(message)));
`;
  }
  return `${body}self.onmessage = (event) => {
  self.onmessage = null;
  workerMain(event.data, (message) => self.postMessage(message));
};
`;
}
