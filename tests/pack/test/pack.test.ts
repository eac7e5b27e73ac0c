// Each package must install and work on its own from its packed tarball, with plain npm, in an
// empty project outside the workspace, with only the @tensile packages it needs.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const work = mkdtempSync(join(tmpdir(), 'tensile-pack-'));
const tarballs = new Map<string, string>();

/** pnpm itself when the test runs under pnpm (it rewrites workspace: ranges), else the pinned one. */
function pnpm(args: string[], cwd: string): string {
  const execPath = process.env.npm_execpath;
  if (execPath && /pnpm/.test(execPath))
    return execFileSync(process.execPath, [execPath, ...args], { cwd, encoding: 'utf8' });
  return execFileSync('npx', ['-y', 'pnpm@10.34.9', ...args], { cwd, encoding: 'utf8' });
}

function pack(folder: string): string {
  const destination = join(work, 'tarballs');
  mkdirSync(destination, { recursive: true });
  const before = new Set(readdirSync(destination));
  pnpm(['pack', '--pack-destination', destination], join(root, 'packages', folder));
  const made = readdirSync(destination).filter((f) => !before.has(f));
  if (made.length !== 1) throw new Error(`pnpm pack of ${folder} made ${made.length} files`);
  return join(destination, made[0]);
}

/** An empty npm project with only the given packages installed from their tarballs. */
function project(name: string, folders: string[]): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }));
  const files = folders.map((f) => tarballs.get(f) as string);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...files], {
    cwd: dir,
    encoding: 'utf8',
  });
  return dir;
}

function run(dir: string, script: string): string {
  return execFileSync(process.execPath, [script], { cwd: dir, encoding: 'utf8' });
}

beforeAll(() => {
  const folders = ['core', 'backend-cpu', 'backend-wasm', 'schedulers', 'metrics', 'optimizers'];
  folders.push('regularization', 'layers', 'data', 'cli');
  for (const folder of folders) {
    tarballs.set(folder, pack(folder));
  }
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('packed tarballs in an empty npm project', () => {
  it('core + backend-cpu train XOR', () => {
    const dir = project('xor', ['core', 'backend-cpu']);
    copyFileSync(
      join(root, 'tests', 'pack', 'fixtures', 'train-xor.mjs'),
      join(dir, 'train-xor.mjs'),
    );
    const result = JSON.parse(run(dir, 'train-xor.mjs').trim().split('\n').pop() as string) as {
      correct: number;
    };
    expect(result.correct).toBe(4);
  });

  it('schedulers works without core', () => {
    const dir = project('schedulers-alone', ['schedulers']);
    writeFileSync(
      join(dir, 'check.mjs'),
      "import { cosineAnnealingLR } from '@tensile/schedulers';\nconsole.log(cosineAnnealingLR({ lr0: 0.1, tMax: 10 })(5));\n",
    );
    expect(Number(run(dir, 'check.mjs'))).toBeCloseTo(0.05, 12);
  });

  it('metrics with core', () => {
    const dir = project('metrics', ['core', 'metrics']);
    writeFileSync(
      join(dir, 'check.mjs'),
      "import { accuracy, f1 } from '@tensile/metrics';\nconsole.log(JSON.stringify([accuracy([0, 1, 1, 0], [0, 1, 0, 0]), f1([0, 1, 1, 0], [0, 1, 0, 0])]));\n",
    );
    expect(JSON.parse(run(dir, 'check.mjs'))).toEqual([0.75, 2 / 3]);
  });

  it('optimizers with core and the cpu backend', () => {
    const dir = project('optimizers', ['core', 'backend-cpu', 'optimizers']);
    writeFileSync(
      join(dir, 'check.mjs'),
      [
        "import '@tensile/backend-cpu';",
        "import * as tl from '@tensile/core';",
        "import { adam, optimizer } from '@tensile/optimizers';",
        "const w = tl.variable(tl.tensor([3, -2]), { name: 'w' });",
        'const opt = optimizer(adam({ lr: 0.1 }), { w });',
        'for (let i = 0; i < 300; i++) tl.tidy(() => opt.step(tl.variableGrads(() => tl.sum(tl.square(w)), [w]).grads));',
        'console.log(JSON.stringify(Array.from(w.dataSync())));',
      ].join('\n'),
    );
    const w = JSON.parse(run(dir, 'check.mjs')) as number[];
    for (const v of w) expect(Math.abs(v)).toBeLessThan(0.05);
  });

  it('regularization with core and the cpu backend', () => {
    const dir = project('regularization', ['core', 'backend-cpu', 'regularization']);
    writeFileSync(
      join(dir, 'check.mjs'),
      [
        "import '@tensile/backend-cpu';",
        "import * as tl from '@tensile/core';",
        "import { l2 } from '@tensile/regularization';",
        'console.log(l2(0.5)(tl.tensor([1, 2])).dataSync()[0]);',
      ].join('\n'),
    );
    expect(Number(run(dir, 'check.mjs'))).toBeCloseTo(2.5, 6);
  });

  it('backend-wasm with core', () => {
    const dir = project('wasm', ['core', 'backend-wasm']);
    writeFileSync(
      join(dir, 'check.mjs'),
      [
        "import '@tensile/backend-wasm';",
        "import * as tl from '@tensile/core';",
        'await tl.ready();',
        'const y = tl.matMul(tl.tensor([[1, 2], [3, 4]]), tl.tensor([[5], [6]]));',
        'console.log(JSON.stringify({ backend: tl.getBackend(), y: Array.from(y.dataSync()) }));',
      ].join('\n'),
    );
    expect(JSON.parse(run(dir, 'check.mjs'))).toEqual({ backend: 'wasm', y: [17, 39] });
  });

  it('data with core and the cpu backend', () => {
    const dir = project('data', ['core', 'backend-cpu', 'data']);
    writeFileSync(
      join(dir, 'check.mjs'),
      [
        "import '@tensile/backend-cpu';",
        "import { spiral, trainDevTestSplit } from '@tensile/data';",
        'const { x } = spiral({ classes: 3, perClass: 10, seed: 1 });',
        'const split = trainDevTestSplit(100, { seed: 2 });',
        'console.log(JSON.stringify([x.shape, split.train.length, split.dev.length, split.test.length]));',
      ].join('\n'),
    );
    expect(JSON.parse(run(dir, 'check.mjs'))).toEqual([[30, 2], 60, 20, 20]);
  });

  it('layers with its dependencies fits XOR', () => {
    const dir = project('layers', [
      'core',
      'backend-cpu',
      'optimizers',
      'schedulers',
      'regularization',
      'metrics',
      'layers',
    ]);
    writeFileSync(
      join(dir, 'check.mjs'),
      [
        "import '@tensile/backend-cpu';",
        "import * as tl from '@tensile/core';",
        "import { layers, sequential } from '@tensile/layers';",
        "import { adam } from '@tensile/optimizers';",
        'tl.setSeed(1);',
        "const model = sequential([layers.dense({ units: 8, activation: 'tanh', inputShape: [2] }), layers.dense({ units: 1, activation: 'sigmoid' })]);",
        "model.compile({ optimizer: adam({ lr: 0.05 }), loss: 'binaryCrossentropy', metrics: ['accuracy'] });",
        'const x = tl.tensor([[0, 0], [0, 1], [1, 0], [1, 1]]);',
        'const y = tl.tensor([[0], [1], [1], [0]]);',
        'await model.fit(x, y, { epochs: 300, batchSize: 4, verbose: 0 });',
        'console.log(JSON.stringify(Array.from(model.predict(x).dataSync(), Math.round)));',
      ].join('\n'),
    );
    expect(JSON.parse(run(dir, 'check.mjs'))).toEqual([0, 1, 1, 0]);
  });

  it('the tensile CLI answers --help', () => {
    const dir = project('cli', [
      'core',
      'backend-cpu',
      'backend-wasm',
      'optimizers',
      'schedulers',
      'regularization',
      'metrics',
      'layers',
      'data',
      'cli',
    ]);
    const help = execFileSync(join(dir, 'node_modules', '.bin', 'tensile'), ['--help'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(help).toMatch(/train/);
  });
});
