// Workers instantiate the module once, at start-up; the shared memory grows later. Kernels run on
// threads must still reach tensors placed beyond the size the memory had when workers started.
import { describe, expect, it } from 'vitest';
import * as tl from '@tensile/core';
import { setThreadCount } from '../../src/index.js';
import '../helpers.js';

describe('threads and memory growth', () => {
  it('workers reach tensors allocated after the memory grew', async () => {
    await tl.setBackend('wasm');
    await setThreadCount(2);
    const before = Number(tl.memory().backend?.heapBytes);
    // 48 MiB of input and as much output: far past the initial 16 MiB
    const n = 12 * 1024 * 1024;
    const x = tl.fill([n], 0.5);
    const y = tl.tidy(() => tl.exp(x).dataSync());
    expect(Number(tl.memory().backend?.heapBytes)).toBeGreaterThan(before);
    const e = Math.fround(Math.exp(0.5));
    for (let i = 0; i < n; i += 65537) expect(y[i]).toBe(e);
    expect(y[n - 1]).toBe(e);
    x.dispose();
  }, 60_000);
});
