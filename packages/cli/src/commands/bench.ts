// `tensile bench`: a small built-in benchmark of the registered backends, op level (matMul,
// element-wise, softmax) and step level (one training step of the MNIST MLP), so an installed CLI
// can tell which backend is faster on this machine. The full cross-backend suite, with
// TensorFlow.js as a baseline in the same run, is the repository's benchmarks/ package (`pnpm
// bench`); it is not a dependency of the CLI, which stays installable on its own.
import * as tl from '@tensile/core';
import { layers, sequential } from '@tensile/layers';
import { adam } from '@tensile/optimizers';
import { commandName, defineCommand, parseCommandArgs } from '../args.js';
import {
  BACKEND_NAMES,
  availableBackends,
  selectBackend,
  setThreads,
  threadCount,
} from '../backends.js';
import type { Command } from '../command.js';
import type { CliContext } from '../context.js';
import { printJson } from '../context.js';
import { EXIT_OK } from '../errors.js';

const spec = defineCommand({
  name: 'bench',
  summary: 'time core ops and an MLP training step on every registered backend',
  description:
    'Times a few operations on each registered backend (or the one given with --backend): matMul ' +
    'of square float32 matrices (GFLOP/s), element-wise add and relu over 1M values, softmax over ' +
    '[512, 1000], and one training step (forward, backward, Adam) of the MNIST MLP 784-256-128-10 ' +
    'on a batch of 128. Each case is warmed up, then repeated for about --time milliseconds; the ' +
    'median wall time is reported with the median CPU time of the process (all threads), which a ' +
    'busy machine does not inflate.\n\n' +
    'The full cross-backend suite, with TensorFlow.js as a baseline in the same run, lives in the ' +
    'repository: `npx -y pnpm@10.34.9 bench` in a checkout of Tensile (see docs/benchmarks.md).',
  positionals: [],
  flags: {
    backend: {
      kind: 'choice',
      choices: BACKEND_NAMES,
      description: 'benchmark only this backend',
      defaultText: 'every available backend',
    },
    threads: {
      kind: 'integer',
      min: 1,
      valueName: 'n',
      description: 'threads of the wasm backend, the calling one included',
      defaultText: 'one per core',
    },
    time: {
      kind: 'integer',
      min: 10,
      valueName: 'ms',
      default: 500,
      description: 'time budget per case and backend',
    },
  },
  examples: ['tensile bench', 'tensile bench --backend cpu --time 2000 --json'],
});

export interface BenchResult {
  backend: string;
  case: string;
  /** Median wall-clock milliseconds per run. */
  ms: number;
  /** Median CPU milliseconds per run, every thread of the process counted (a busy machine inflates ms, not this). */
  cpuMs: number;
  runs: number;
  /** For matMul: 2·n³ / time. */
  gflops?: number;
}

interface BenchCase {
  name: string;
  flops?: number;
  setup(): { run(): void | Promise<void>; dispose(): void };
}

function opCase(
  name: string,
  make: () => tl.Tensor[],
  op: (inputs: tl.Tensor[]) => tl.Tensor,
  flops?: number,
): BenchCase {
  return {
    name,
    flops,
    setup() {
      const inputs = make();
      return {
        run: () => {
          const out = op(inputs);
          out.dataSync();
          out.dispose();
        },
        dispose: () => tl.dispose(inputs),
      };
    },
  };
}

/** One optimizer step of the MLP on a fixed batch, through the layers training loop. */
const mlpStep: BenchCase = {
  name: 'mlp train step 784-256-128-10, batch 128',
  setup() {
    tl.setSeed(0);
    const model = sequential([
      layers.dense({ units: 256, activation: 'relu', inputShape: [784] }),
      layers.dense({ units: 128, activation: 'relu' }),
      layers.dense({ units: 10, activation: 'softmax' }),
    ]);
    model.compile({ optimizer: adam({ lr: 1e-3 }), loss: 'sparseCategoricalCrossentropy' });
    const x = tl.randomUniform([128, 784]);
    const y = tl.tensor(
      Int32Array.from({ length: 128 }, (_, i) => i % 10),
      [128],
      'int32',
    );
    return {
      // One epoch of one batch is one step.
      run: async () => {
        await model.fit(x, y, { epochs: 1, batchSize: 128, verbose: 0, shuffle: false });
      },
      dispose: () => {
        tl.dispose([x, y]);
        model.dispose();
      },
    };
  },
};

function cases(): BenchCase[] {
  const square = (n: number): BenchCase =>
    opCase(
      `matMul ${n}×${n}`,
      () => [tl.randomUniform([n, n]), tl.randomUniform([n, n])],
      ([a, b]) => tl.matMul(a, b),
      2 * n ** 3,
    );
  const million = 1 << 20;
  return [
    square(128),
    square(512),
    opCase(
      'add 1M',
      () => [tl.randomUniform([million]), tl.randomUniform([million])],
      ([a, b]) => tl.add(a, b),
    ),
    opCase(
      'relu 1M',
      () => [tl.randomNormal([million])],
      ([a]) => tl.relu(a),
    ),
    opCase(
      'softmax [512, 1000]',
      () => [tl.randomNormal([512, 1000])],
      ([a]) => tl.softmax(a),
    ),
    mlpStep,
  ];
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

async function time(
  run: () => void | Promise<void>,
  budgetMs: number,
): Promise<{ ms: number; cpuMs: number; runs: number }> {
  for (let i = 0; i < 2; i++) await run();
  const wall: number[] = [];
  const cpu: number[] = [];
  const start = performance.now();
  while (wall.length < 3 || (performance.now() - start < budgetMs && wall.length < 10_000)) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await run();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { ms: median(wall), cpuMs: median(cpu), runs: wall.length };
}

async function run(argv: readonly string[], ctx: CliContext): Promise<number> {
  const command = commandName(spec);
  const { flags } = parseCommandArgs(spec, argv);
  const names = flags.backend === undefined ? await availableBackends() : [flags.backend];
  const results: BenchResult[] = [];
  for (const name of names) {
    const chosen = await selectBackend(command, name);
    if (flags.threads !== undefined && chosen.name === 'wasm') {
      await setThreads(command, chosen.name, flags.threads);
    }
    const threads = threadCount(chosen.name);
    if (!flags.json)
      ctx.stdout.write(`Backend ${chosen.name} (${threads} thread${threads > 1 ? 's' : ''}):\n`);
    for (const c of cases()) {
      const fixture = c.setup();
      try {
        const { ms, cpuMs, runs } = await time(fixture.run, flags.time);
        const result: BenchResult = { backend: chosen.name, case: c.name, ms, cpuMs, runs };
        if (c.flops !== undefined) result.gflops = c.flops / (ms * 1e6);
        results.push(result);
        if (!flags.json) {
          const rate =
            result.gflops === undefined ? '' : `  ${result.gflops.toFixed(2).padStart(7)} GFLOP/s`;
          ctx.stdout.write(
            `  ${c.name.padEnd(42)} ${ms.toFixed(3).padStart(9)} ms${rate}  (${runs} runs)\n`,
          );
        }
      } finally {
        fixture.dispose();
      }
    }
  }
  if (flags.json) {
    printJson(ctx, { backends: names, results, node: process.version });
  } else {
    ctx.stdout.write(
      '\nThe full suite (with TensorFlow.js baselines): `npx -y pnpm@10.34.9 bench` in a Tensile checkout.\n',
    );
  }
  return EXIT_OK;
}

export const bench: Command = { spec, run };
