// @tensile/backend-wasm: importing this package registers the 'wasm' backend (priority 2).
import { registerWasmBackend } from './register.js';

registerWasmBackend();

export { WasmBackend, WasmData } from './backend.js';
export type { ParallelOptions } from './backend.js';
export { WASM_KERNELS, registerWasmBackend, wasmBackends } from './register.js';
export { configureWasmBackend } from './runtime.js';
export type { WasmBackendOptions } from './runtime.js';
export type { WasmBinarySource, WasmSources } from './loader.js';
export { setThreadCount, getThreadCount } from './threads/control.js';
