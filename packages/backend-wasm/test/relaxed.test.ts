// The relaxed-SIMD build: chosen by WebAssembly.validate, rejected clearly when forced on a host
// without it, and — in a Node started with --experimental-wasm-relaxed-simd (Node 20 needs the
// flag) — computing what the baseline build computes, to float32 rounding.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as tl from '@tensile/core';
import { loadModule } from '../src/loader.js';
import { BASELINE_WASM, RELAXED_WASM } from '../src/generated/wasm-bytes.js';
import './helpers.js';

const relaxedBytes = Buffer.from(RELAXED_WASM, 'base64');
const hostHasRelaxed = WebAssembly.validate(relaxedBytes);

/** Runs both builds on the same inputs: a GEMM (FMA in the relaxed build) and exp/tanh/erf. */
const CHILD = `
const [baseline, relaxed] = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8')).map((b) => Buffer.from(b, 'base64'));
const memory = new WebAssembly.Memory({ initial: 64, maximum: 65536 });
const make = (bytes) => new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports;
const base = make(baseline);
const fast = make(relaxed);
const f = new Float32Array(memory.buffer);
let s = 1;
const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) >>> 8) / 16777216 - 0.5;
const M = 37, K = 300, N = 21, A = 1 << 20, B = A + M * K * 4, P = B + K * N * 4, C1 = P + K * 24 * 4, C2 = C1 + M * N * 4;
for (let i = 0; i < M * K; i++) f[A / 4 + i] = rand();
for (let i = 0; i < K * N; i++) f[B / 4 + i] = rand();
base.gemmPackB(B, P, K, N, 0, 0, 3);
base.gemm(A, 0, P, C1, M, N, K, 0, 0, 0, 0, M, 3, 0, 1);
fast.gemm(A, 0, P, C2, M, N, K, 0, 0, 0, 0, M, 3, 0, 1);
let gemm = 0;
for (let i = 0; i < M * N; i++) gemm = Math.max(gemm, Math.abs(f[C1 / 4 + i] - f[C2 / 4 + i]));
const X = C2 + M * N * 4, Y1 = X + 4096, Y2 = Y1 + 4096;
for (let i = 0; i < 1000; i++) f[X / 4 + i] = rand() * 20;
const math = {};
for (const [name, op] of [['exp', 4], ['tanh', 20], ['erf', 12], ['gelu', 26]]) {
  base.unaryF32(op, X, Y1, 0, 0, 0, 1000);
  fast.unaryF32(op, X, Y2, 0, 0, 0, 1000);
  let worst = 0;
  for (let i = 0; i < 1000; i++) {
    const a = f[Y1 / 4 + i], b = f[Y2 / 4 + i];
    worst = Math.max(worst, Math.abs(a - b) / Math.max(1e-30, Math.abs(a)));
  }
  math[name] = worst;
}
console.log(JSON.stringify({ validates: WebAssembly.validate(relaxed), gemm, math }));
`;

describe('relaxed SIMD', () => {
  it('is used exactly when the host validates it', async () => {
    const loaded = await loadModule(undefined, 'auto');
    expect(loaded.relaxedSimd).toBe(hostHasRelaxed);
    await tl.setBackend('wasm');
    expect(tl.memory().backend?.relaxedSimd).toBe(hostHasRelaxed);
    expect((await loadModule(undefined, false)).relaxedSimd).toBe(false);
  });

  it.skipIf(hostHasRelaxed)('forcing it on a host without it names the flag', async () => {
    await expect(loadModule(undefined, true)).rejects.toThrow(/--experimental-wasm-relaxed-simd/);
  });

  it('computes what the baseline build computes (run with the V8 flag in a child Node)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tensile-relaxed-'));
    const script = join(dir, 'child.cjs');
    const data = join(dir, 'modules.json');
    writeFileSync(script, CHILD);
    writeFileSync(data, JSON.stringify([BASELINE_WASM, RELAXED_WASM]));
    const output = execFileSync(
      process.execPath,
      ['--experimental-wasm-relaxed-simd', script, data],
      {
        encoding: 'utf8',
      },
    );
    const result = JSON.parse(output) as {
      validates: boolean;
      gemm: number;
      math: Record<string, number>;
    };
    expect(result.validates).toBe(true);
    // fused multiply-adds round once instead of twice: sums of 300 products agree to ~1e-6
    expect(result.gemm).toBeLessThan(1e-5);
    for (const [name, error] of Object.entries(result.math)) {
      expect(error, name).toBeLessThan(2e-6);
    }
  });
});
