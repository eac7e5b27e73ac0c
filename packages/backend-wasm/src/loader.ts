// Finding and compiling the module. By default the bytes inlined in this package are used (no file
// to copy, no fetch, works in Node, browsers and bundlers); `configureWasmBackend({ wasm })` is the
// one override for hosts that must load the binary themselves (a URL, read with fs in Node and
// fetched in browsers, or the bytes). The relaxed-SIMD build is chosen when the host validates it.
import { BackendError } from '@tensile/core';
import { BASELINE_WASM, RELAXED_WASM } from './generated/wasm-bytes.js';
import type * as NodeFs from 'node:fs/promises';

/** Bytes of a module, or where to load them from (http(s)/file URL, or a path in Node). */
export type WasmBinarySource = ArrayBuffer | ArrayBufferView | URL | string;

export interface WasmSources {
  baseline: WasmBinarySource;
  /** The relaxed-SIMD build; omitted means baseline only. */
  relaxed?: WasmBinarySource;
}

type Bytes = Uint8Array<ArrayBuffer>;

export interface LoadedModule {
  module: WebAssembly.Module;
  /** The bytes it was compiled from (the shared-memory variant is made from them). */
  bytes: Bytes;
  relaxedSimd: boolean;
}

function decodeBase64(text: string): Bytes {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function isNode(): boolean {
  return typeof process !== 'undefined' && typeof process.versions?.node === 'string';
}

/** A private copy of some bytes. */
function copyOf(view: ArrayBufferView): Bytes {
  const bytes = new Uint8Array(view.byteLength);
  bytes.set(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
  return bytes;
}

async function readSource(source: WasmBinarySource): Promise<Bytes> {
  if (source instanceof ArrayBuffer) return new Uint8Array(source.slice(0));
  if (ArrayBuffer.isView(source)) return copyOf(source);
  const url = source instanceof URL ? source : toUrl(source);
  if (isNode() && (url === null || url.protocol === 'file:')) {
    const fsName = 'node:fs/promises';
    const fs = (await import(/* @vite-ignore */ fsName)) as typeof NodeFs;
    return copyOf(await fs.readFile(url ?? String(source)));
  }
  const response = await fetch(url ?? String(source));
  if (!response.ok) {
    throw new BackendError('wasm', `fetching ${String(source)} failed: HTTP ${response.status}`);
  }
  return new Uint8Array(await response.arrayBuffer());
}

function toUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/** Compiles the best module this host runs: relaxed SIMD if it validates, else baseline SIMD128. */
export async function loadModule(
  sources: WasmSources | undefined,
  relaxed: boolean | 'auto',
): Promise<LoadedModule> {
  const baseline = sources ? await readSource(sources.baseline) : decodeBase64(BASELINE_WASM);
  if (!WebAssembly.validate(baseline)) {
    throw new BackendError(
      'wasm',
      'this host does not run WebAssembly SIMD128 (needs Node ≥ 16.4, Chrome ≥ 91, Firefox ≥ 89, Safari ≥ 16.4)',
    );
  }
  if (relaxed !== false) {
    const bytes = sources
      ? sources.relaxed === undefined
        ? null
        : await readSource(sources.relaxed)
      : decodeBase64(RELAXED_WASM);
    if (bytes !== null && WebAssembly.validate(bytes)) {
      return { module: await WebAssembly.compile(bytes), bytes, relaxedSimd: true };
    }
    if (relaxed === true) {
      throw new BackendError(
        'wasm',
        'relaxedSimd: true, but this host does not validate the relaxed-SIMD build (Node 20 needs --experimental-wasm-relaxed-simd)',
      );
    }
  }
  return { module: await WebAssembly.compile(baseline), bytes: baseline, relaxedSimd: false };
}

/**
 * The same module with its memory import declared shared (limits flag 0x01 → 0x03), for threads.
 * Only that one byte changes; everything else in the binary stays as asc wrote it.
 */
export function withSharedMemory(bytes: Bytes): Bytes {
  const out = bytes.slice();
  let p = 8; // magic + version
  const leb = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = out[p++];
      result |= (byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result >>> 0;
      shift += 7;
    }
  };
  const skipName = (): void => {
    const length = leb();
    p += length;
  };
  while (p < out.length) {
    const id = out[p++];
    const size = leb();
    const end = p + size;
    if (id === 2) {
      const count = leb();
      for (let i = 0; i < count; i++) {
        skipName();
        skipName();
        const kind = out[p++];
        if (kind === 2) {
          if (out[p] === 0x01) out[p] = 0x03;
          else if (out[p] !== 0x03) {
            throw new BackendError('wasm', 'shared memory needs a maximum size in the module');
          }
          return out;
        }
        throw new BackendError('wasm', `unexpected import kind ${kind} before the memory import`);
      }
    }
    p = end;
  }
  throw new BackendError('wasm', 'the module imports no memory');
}
