// Micro-benchmark of the cpu backend's compute loops: GEMM in GFLOP/s for the shapes a dense
// layer's forward and backward passes use, and a 3×3 convolution forward and backward.
//   cd packages/backend-cpu && npx -y tsx bench/gemm.bench.ts [--quick]
// Every case is warmed up first (so each loop is timed in its final JIT state), then timed
// repeatedly. Reported: the best wall-clock run (the least disturbed by other processes), the
// median, and the best in CPU time of this process (robust when other processes share the cores).
// A TensorFlow.js-style blocked triple loop runs as a baseline for this machine.
import type { Conv2DInfo, FloatArray } from '@tensile/core';
import { conv2d, conv2dBackpropFilter, conv2dBackpropInput } from '../src/util/conv.js';
import { gemm } from '../src/util/gemm.js';

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 5 : 25;
/** Minimum work per timed run, so timer resolution does not matter. */
const MIN_FLOPS = 2e7;

interface Case {
  name: string;
  flops: number;
  run: () => void;
}

function random(size: number, Type: { new (size: number): FloatArray } = Float32Array) {
  const out = new Type(size);
  for (let i = 0; i < size; i++) out[i] = Math.random() * 2 - 1;
  return out;
}

function gemmCase(
  m: number,
  k: number,
  n: number,
  transposeA: boolean,
  transposeB: boolean,
  Type: { new (size: number): FloatArray } = Float32Array,
): Case {
  const a = random(m * k, Type);
  const b = random(k * n, Type);
  const c = new Type(m * n);
  const op = `${transposeA ? 'Aᵀ' : 'A'}·${transposeB ? 'Bᵀ' : 'B'}`;
  return {
    name: `gemm ${m}×${k}×${n} ${op} ${Type.name.replace('Array', '')}`,
    flops: 2 * m * n * k,
    run: () => gemm(a, 0, b, 0, c, 0, m, n, k, transposeA, transposeB),
  };
}

/** TensorFlow.js cpu backend's batchMatMul loop (block 48, no packing), as a baseline. */
function blockedTripleLoop(m: number, k: number, n: number): Case {
  const a = random(m * k);
  const b = random(k * n);
  const c = new Float32Array(m * n);
  const block = 48;
  return {
    name: `baseline: TF.js-style blocked loop ${m}×${k}×${n}`,
    flops: 2 * m * n * k,
    run: () => {
      c.fill(0);
      for (let i0 = 0; i0 < m; i0 += block) {
        const iEnd = Math.min(i0 + block, m);
        for (let j0 = 0; j0 < n; j0 += block) {
          const jEnd = Math.min(j0 + block, n);
          for (let p0 = 0; p0 < k; p0 += block) {
            const pEnd = Math.min(p0 + block, k);
            for (let i = i0; i < iEnd; i++) {
              for (let j = j0; j < jEnd; j++) {
                let sum = 0;
                for (let p = p0; p < pEnd; p++) sum += a[i * k + p] * b[p * n + j];
                c[i * n + j] += sum;
              }
            }
          }
        }
      }
    },
  };
}

/** Geometry of a stride-1 'same' convolution (what core's computeConv2DInfo returns). */
function sameConv(batch: number, size: number, inC: number, outC: number, f: number): Conv2DInfo {
  const before = Math.floor((f - 1) / 2);
  const after = f - 1 - before;
  return {
    batchSize: batch,
    inHeight: size,
    inWidth: size,
    inChannels: inC,
    outHeight: size,
    outWidth: size,
    outChannels: outC,
    filterHeight: f,
    filterWidth: f,
    strideHeight: 1,
    strideWidth: 1,
    dilationHeight: 1,
    dilationWidth: 1,
    padTop: before,
    padBottom: after,
    padLeft: before,
    padRight: after,
    inShape: [batch, size, size, inC],
    outShape: [batch, size, size, outC],
    filterShape: [f, f, inC, outC],
  };
}

function convCases(batch: number, size: number, inC: number, outC: number, f: number): Case[] {
  const info = sameConv(batch, size, inC, outC, f);
  const x = random(batch * size * size * inC);
  const filter = random(f * f * inC * outC);
  const dy = random(batch * size * size * outC);
  const out = new Float32Array(dy.length);
  const dx = new Float32Array(x.length);
  const dFilter = new Float32Array(filter.length);
  const flops = 2 * batch * size * size * f * f * inC * outC;
  const shape = `${batch}×${size}×${size}×${inC}→${outC} ${f}×${f}`;
  return [
    { name: `conv2d ${shape}`, flops, run: () => conv2d(x, filter, out, info) },
    {
      name: `conv2dBackpropInput ${shape}`,
      flops,
      run: () => conv2dBackpropInput(dy, filter, dx, info),
    },
    {
      name: `conv2dBackpropFilter ${shape}`,
      flops,
      run: () => conv2dBackpropFilter(x, dy, dFilter, info),
    },
  ];
}

const cases: Case[] = [
  // Dense 784→256, batch 128: forward x·W, dW = xᵀ·dy, dx = dy·Wᵀ.
  gemmCase(128, 784, 256, false, false),
  gemmCase(784, 128, 256, true, false),
  gemmCase(128, 256, 784, false, true),
  gemmCase(128, 784, 256, true, true),
  gemmCase(128, 256, 128, false, false),
  gemmCase(512, 512, 512, false, false),
  gemmCase(128, 784, 256, false, false, Float64Array),
  gemmCase(1, 784, 256, false, false),
  blockedTripleLoop(128, 784, 256),
  ...convCases(quick ? 16 : 128, 28, 32, 32, 3),
];

for (const c of cases) c.run();
for (const c of cases) c.run();
const rows: string[][] = [
  ['case', 'best ms', 'median ms', 'GFLOP/s best', 'GFLOP/s median', 'GFLOP/s cpu-time'],
];
for (const c of cases) {
  const reps = Math.max(1, Math.ceil(MIN_FLOPS / c.flops));
  const times: number[] = [];
  let cpuBest = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) c.run();
    times.push((performance.now() - t0) / reps);
    const cpu = process.cpuUsage(cpu0);
    cpuBest = Math.min(cpuBest, (cpu.user + cpu.system) / 1000 / reps);
  }
  times.sort((x, y) => x - y);
  const best = times[0];
  const median = times[times.length >> 1];
  const gflops = (ms: number) => (c.flops / ms / 1e6).toFixed(2);
  rows.push([
    c.name,
    best.toFixed(2),
    median.toFixed(2),
    gflops(best),
    gflops(median),
    gflops(cpuBest),
  ]);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const r of rows) console.log(r.map((cell, i) => cell.padEnd(widths[i])).join('  '));
