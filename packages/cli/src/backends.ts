// Backend registration and choice. The CLI is the one package that imports backends: cpu always
// (the reference backend, pure TypeScript), and wasm when it loads. wasm is imported dynamically
// through a variable specifier so that a missing or broken build of @tensile/backend-wasm leaves
// the CLI working on cpu, and so type-checking does not need the wasm package's declarations.
import * as tl from '@tensile/core';
import '@tensile/backend-cpu';
import { CliError, UsageError, messageOf } from './errors.js';

export const BACKEND_NAMES = ['wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

const OPTIONAL_BACKENDS: Record<string, string> = { wasm: '@tensile/backend-wasm' };

/** Why each optional backend is not available (filled by registerBackends). */
const unavailable = new Map<string, string>();
let registration: Promise<void> | undefined;

/** What the CLI uses of @tensile/backend-wasm beyond registration. */
interface WasmModule {
  setThreadCount?: (count: number) => Promise<void>;
  getThreadCount?: () => number;
}
let wasmModule: WasmModule | undefined;

async function importOptional(name: string, specifier: string): Promise<void> {
  try {
    const loaded = (await import(specifier)) as WasmModule;
    if (name === 'wasm') wasmModule = loaded;
  } catch (error) {
    unavailable.set(name, `${specifier} did not load: ${messageOf(error)}`);
    return;
  }
  if (!tl.listBackends().includes(name)) {
    unavailable.set(name, `${specifier} loaded but registered no '${name}' backend`);
  }
}

/** Imports every backend package once; the ones that fail to load are recorded, not thrown. */
export function registerBackends(): Promise<void> {
  registration ??= Promise.all(
    Object.entries(OPTIONAL_BACKENDS).map(([name, specifier]) => importOptional(name, specifier)),
  ).then(() => undefined);
  return registration;
}

/** The registered backends, fastest first (by registration priority). */
export async function availableBackends(): Promise<string[]> {
  await registerBackends();
  return tl.listBackends();
}

export interface BackendChoice {
  /** The active backend. */
  name: string;
  /** Things the user should know (a fallback happened), one sentence each. */
  notes: string[];
}

/**
 * Activates `requested`, or else the fastest registered backend that initializes. An explicitly
 * requested backend that is not available is an error (the user asked for it); the default choice
 * falls back down the priority list with a note.
 */
export async function selectBackend(command: string, requested?: string): Promise<BackendChoice> {
  await registerBackends();
  const registered = tl.listBackends();
  const notes: string[] = [];
  if (requested !== undefined) {
    if (!registered.includes(requested)) {
      const why = unavailable.get(requested);
      if (why === undefined) {
        throw new UsageError(
          command,
          `unknown backend '${requested}'; available: ${registered.join(', ')}`,
        );
      }
      throw new CliError(
        `the ${requested} backend is not available (${why}); available: ${registered.join(', ')}`,
      );
    }
    try {
      await tl.setBackend(requested);
    } catch (error) {
      throw new CliError(`the ${requested} backend failed to initialize: ${messageOf(error)}`);
    }
    return { name: tl.getBackend(), notes };
  }
  for (const [name, why] of unavailable) {
    if (!registered.includes(name))
      notes.push(`the ${name} backend is not available (${why}); using the next one`);
  }
  for (const name of registered) {
    try {
      await tl.setBackend(name);
      return { name: tl.getBackend(), notes };
    } catch (error) {
      notes.push(`the ${name} backend failed to initialize (${messageOf(error)}); falling back`);
    }
  }
  throw new CliError(`no backend could be initialized: ${notes.join('; ')}`);
}

/**
 * Sets the wasm backend's thread count (the calling thread included). Only the wasm backend is
 * multi-threaded; asking for threads on another backend is an error rather than silently ignored.
 */
export async function setThreads(command: string, backend: string, threads: number): Promise<void> {
  if (backend !== 'wasm') {
    throw new UsageError(
      command,
      `--threads applies to the wasm backend; the active backend is ${backend}`,
    );
  }
  if (wasmModule?.setThreadCount === undefined) {
    throw new CliError('this version of @tensile/backend-wasm cannot set its thread count');
  }
  await wasmModule.setThreadCount(threads);
}

/** Threads the wasm backend uses, or 1 for the single-threaded backends. */
export function threadCount(backend: string): number {
  return backend === 'wasm' ? (wasmModule?.getThreadCount?.() ?? 1) : 1;
}
