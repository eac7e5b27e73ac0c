// The backend and kernel registries. They live on globalThis under a Symbol.for key with a version
// stamp, so backends registered through a second installed copy of core are still found, and the
// duplicate is reported once instead of failing in obscure ways.
import { BackendError } from '../errors.js';
import type { KernelName } from '../kernels/types.js';
import type { Backend, BackendFactory, KernelConfig, KernelFunc } from './backend.js';

export const CORE_VERSION = '0.1.0';

interface BackendEntry {
  factory: BackendFactory;
  priority: number;
}

interface Registry {
  version: string;
  /** Identifies the copy of core that created the registry. */
  owner: symbol;
  backends: Map<string, BackendEntry>;
  /** kernelName → backendName → kernel function */
  kernels: Map<string, Map<string, KernelFunc<KernelName>>>;
  /** Called when a backend is registered again under the same name (the engine drops its instance). */
  listeners: Set<(backendName: string) => void>;
}

const REGISTRY_KEY = Symbol.for('tensile.registry');
const thisCopy = Symbol('tensile.core');

function globalRegistry(): Registry {
  const holder = globalThis as { [REGISTRY_KEY]?: Registry };
  let registry = holder[REGISTRY_KEY];
  if (registry === undefined) {
    registry = {
      version: CORE_VERSION,
      owner: thisCopy,
      backends: new Map(),
      kernels: new Map(),
      listeners: new Set(),
    };
    holder[REGISTRY_KEY] = registry;
  } else if (registry.owner !== thisCopy && !warnedAboutDuplicate) {
    warnedAboutDuplicate = true;
    console.warn(
      `@tensile/core: two copies are loaded (${registry.version} and ${CORE_VERSION}); ` +
        'they share backends and kernels, but tensors of one cannot be used by the other. ' +
        'Dedupe @tensile/core (it is a peer dependency of every Tensile package).',
    );
  }
  return registry;
}
let warnedAboutDuplicate = false;

export function registerBackend(name: string, factory: BackendFactory, priority = 1): void {
  if (typeof name !== 'string' || name === '') {
    throw new BackendError(
      'registerBackend',
      `name must be a non-empty string, got ${String(name)}`,
    );
  }
  const registry = globalRegistry();
  registry.backends.set(name, { factory, priority });
  for (const listener of registry.listeners) listener(name);
}

export function removeBackend(name: string): void {
  const registry = globalRegistry();
  registry.backends.delete(name);
  for (const listener of registry.listeners) listener(name);
}

/** Registered backend names, highest priority first. */
export function listBackends(): string[] {
  return [...globalRegistry().backends.entries()]
    .sort((a, b) => b[1].priority - a[1].priority)
    .map(([name]) => name);
}

export function getBackendFactory(name: string): BackendFactory | undefined {
  return globalRegistry().backends.get(name)?.factory;
}

export function onBackendRegistered(listener: (backendName: string) => void): void {
  globalRegistry().listeners.add(listener);
}

export function registerKernel<K extends KernelName, B extends Backend = Backend>(
  config: KernelConfig<K, B>,
): void {
  const { kernelName, backendName, kernelFunc } = config;
  const kernels = globalRegistry().kernels;
  let byBackend = kernels.get(kernelName);
  if (byBackend === undefined) {
    byBackend = new Map();
    kernels.set(kernelName, byBackend);
  }
  // The engine always calls a kernel with the backend instance registered under backendName.
  byBackend.set(backendName, kernelFunc as unknown as KernelFunc<KernelName>);
}

export function unregisterKernel(kernelName: KernelName, backendName: string): void {
  globalRegistry().kernels.get(kernelName)?.delete(backendName);
}

export function getKernel<K extends KernelName>(
  kernelName: K,
  backendName: string,
): KernelFunc<K> | undefined {
  return globalRegistry().kernels.get(kernelName)?.get(backendName) as KernelFunc<K> | undefined;
}

/** The kernels registered for a backend, sorted by name. */
export function listKernels(backendName: string): KernelName[] {
  const names: KernelName[] = [];
  for (const [kernelName, byBackend] of globalRegistry().kernels) {
    if (byBackend.has(backendName)) names.push(kernelName as KernelName);
  }
  return names.sort();
}

/** The backends that have a kernel, for error messages. */
export function backendsWithKernel(kernelName: KernelName): string[] {
  return [...(globalRegistry().kernels.get(kernelName)?.keys() ?? [])];
}
