// SGEMM micro-benchmark of the wasm backend: GFLOP/s of C = A·B for the shapes of an MNIST MLP and
// square sizes, single- and multi-threaded, through the public op (tl.matMul: B packing and the
// output allocation included) and through the module's kernel alone (B packed once).
//
//   pnpm --filter @tensile/backend-wasm build
//   node packages/backend-wasm/bench/gemm.mjs [--threads 1,2] [--seconds 2] [--json]
//
// Prints the best of many runs (the least disturbed by other processes) and the median.
import * as tl from '@tensile/core';
import { setThreadCount, wasmBackends } from '../dist/index.js';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const threadCounts = option('threads', '1,2').split(',').map(Number);
const seconds = Number(option('seconds', '2'));
const SHAPES = [
  [128, 784, 256],
  [128, 256, 128],
  [512, 512, 512],
  [1024, 1024, 1024],
];

function random(n, seed) {
  const out = new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = (s >>> 8) / 16777216 - 0.5;
  }
  return out;
}

/** Best and median time of `fn` in ms, after a warm-up that lets V8 tier the module up. */
function time(fn) {
  for (let i = 0; i < 5; i++) fn();
  const times = [];
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end || times.length < 5) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { best: times[0], median: times[times.length >> 1] };
}

await tl.setBackend('wasm');
const backend = wasmBackends()[0];
const results = [];
for (const threads of threadCounts) {
  await setThreadCount(threads);
  for (const [m, k, n] of SHAPES) {
    const a = tl.tensor(random(m * k, 1), [m, k]);
    const b = tl.tensor(random(k * n, 2), [k, n]);
    const flops = 2 * m * n * k;
    const op = time(() => tl.matMul(a, b).dispose());
    // the kernel alone: B packed once, C written in place
    const { exports } = backend;
    const pa = backend.ptr(a);
    const packedBytes = Math.ceil(n / 8) * k * 32;
    const packed = backend.scratch(packedBytes);
    exports.gemmPackB(backend.ptr(b), packed, k, n, 0, 0, Math.ceil(n / 8));
    const c = backend.scratch(m * n * 4);
    const panels = Math.ceil(n / 8);
    const split = threads > 1 ? Math.min(panels, 2 * threads) : 1;
    const tilePanels = Math.ceil(panels / split);
    const kernel = time(() =>
      backend.parallel('gemm', [pa, 0, packed, c, m, n, k, 0, 0, 0, 0, m, tilePanels], split, {
        grain: 1,
      }),
    );
    backend.releaseScratch(packed, packedBytes);
    backend.releaseScratch(c, m * n * 4);
    tl.dispose([a, b]);
    const row = {
      shape: `${m}×${k}×${n}`,
      threads,
      opBest: flops / op.best / 1e6,
      opMedian: flops / op.median / 1e6,
      kernelBest: flops / kernel.best / 1e6,
      kernelMedian: flops / kernel.median / 1e6,
    };
    results.push(row);
    if (!args.includes('--json')) {
      console.log(
        `${row.shape.padEnd(16)} threads ${threads}  matMul ${row.opBest.toFixed(1).padStart(6)} GFLOP/s (median ${row.opMedian.toFixed(1)})  kernel ${row.kernelBest.toFixed(1).padStart(6)} GFLOP/s (median ${row.kernelMedian.toFixed(1)})`,
      );
    }
  }
}
if (args.includes('--json'))
  console.log(JSON.stringify({ relaxedSimd: backend.relaxedSimd, results }));
else console.log(`relaxed SIMD: ${backend.relaxedSimd}`);
backend.dispose();
