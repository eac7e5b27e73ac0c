// Loading the module: the inlined bytes by default, or the one override (bytes, a file URL or a
// path); the shared-memory variant differs from the binary in one byte and instantiates on a
// shared memory.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadModule, withSharedMemory } from '../src/loader.js';
import { createWasmBackend } from '../src/runtime.js';
import { BASELINE_WASM } from '../src/generated/wasm-bytes.js';
import type { KernelExports } from '../src/exports.js';

const baseline = new Uint8Array(Buffer.from(BASELINE_WASM, 'base64'));

describe('loader', () => {
  it('compiles the inlined module by default', async () => {
    const loaded = await loadModule(undefined, false);
    expect(loaded.bytes).toEqual(baseline);
    expect(WebAssembly.Module.exports(loaded.module).map((e) => e.name)).toContain('gemm');
  });

  it('takes bytes, a file URL or a path instead', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tensile-loader-'));
    const path = pathToFileURL(join(dir, 'tensile.wasm'));
    writeFileSync(path, baseline);
    try {
      for (const source of [baseline, baseline.buffer.slice(0), path, path.pathname]) {
        const loaded = await loadModule({ baseline: source }, 'auto');
        expect(loaded.relaxedSimd).toBe(false);
        expect(loaded.bytes).toEqual(baseline);
      }
      expect(readFileSync(path)).toHaveLength(baseline.length);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('names what is wrong with a bad source', async () => {
    await expect(
      loadModule({ baseline: new Uint8Array([0, 97, 115, 109]) }, false),
    ).rejects.toThrow(/does not run WebAssembly SIMD128/);
  });

  it('declares the memory shared by changing one byte', async () => {
    const shared = withSharedMemory(baseline);
    const changed = [...shared].filter((b, i) => b !== baseline[i]);
    expect(changed).toEqual([0x03]);
    const memory = new WebAssembly.Memory({ initial: 256, maximum: 65536, shared: true });
    const { instance } = await WebAssembly.instantiate(shared, { env: { memory } });
    expect((instance.exports as unknown as KernelExports).heapBase()).toBeGreaterThan(0);
    await expect(WebAssembly.instantiate(baseline, { env: { memory } })).rejects.toThrow();
  });

  it('a backend made from an overridden source works, single-threaded', async () => {
    const backend = await createWasmBackend({ wasm: { baseline }, threads: 1, maxMemoryMB: 64 });
    const id = backend.write(Float32Array.from([1, 2, 3]), [3], 'float32');
    expect(Array.from(backend.readSync(id))).toEqual([1, 2, 3]);
    expect(backend.threads).toBe(1);
    backend.dispose();
  });
});
