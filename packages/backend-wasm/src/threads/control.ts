// The public thread-count switch: applies to every wasm backend instance and to later ones.
import { configureWasmBackend } from '../runtime.js';
import { wasmBackends } from '../register.js';

/**
 * Uses `count` threads (the calling thread included) from now on; resolves once the workers are
 * running. Results do not depend on the count. 1 means no workers at all.
 */
export async function setThreadCount(count: number): Promise<void> {
  configureWasmBackend({ threads: count });
  await Promise.all(wasmBackends().map((backend) => backend.setThreadCount(count)));
}

/** Threads the most recently created wasm backend uses (1 before any exists). */
export function getThreadCount(): number {
  const backends = wasmBackends();
  return backends.length === 0 ? 1 : backends[backends.length - 1].threads;
}
