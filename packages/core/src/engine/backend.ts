// A backend owns storage and nothing else: kernels live in the kernel registry.
import type { DType, TypedArray } from '../tensor/dtypes.js';
import type {
  DataId,
  KernelAttrs,
  KernelInputs,
  KernelName,
  TensorInfo,
} from '../kernels/types.js';

export interface BackendMemory {
  /** Bytes the backend holds for tensor data. */
  numBytes: number;
  [detail: string]: number | string | boolean;
}

export interface Backend {
  /** Dtypes this backend stores; float32, int32 and bool when absent. */
  readonly dtypes?: readonly DType[];
  /** Stores a copy of `values` and returns its handle. */
  write(values: TypedArray, shape: readonly number[], dtype: DType): DataId;
  read(dataId: DataId): Promise<TypedArray>;
  /** The stored values; the caller must not modify them. */
  readSync(dataId: DataId): TypedArray;
  disposeData(dataId: DataId): void;
  memory(): BackendMemory;
  /** Releases everything (workers, memory) when the backend is removed. */
  dispose?(): void;
}

export type BackendFactory = () => Backend | Promise<Backend>;

export interface KernelArgs<K extends KernelName, B extends Backend = Backend> {
  inputs: KernelInputs<K>;
  attrs: KernelAttrs<K>;
  backend: B;
}

export type KernelFunc<K extends KernelName, B extends Backend = Backend> = (
  args: KernelArgs<K, B>,
) => TensorInfo;

export interface KernelConfig<K extends KernelName, B extends Backend = Backend> {
  kernelName: K;
  backendName: string;
  kernelFunc: KernelFunc<K, B>;
}

export const DEFAULT_DTYPES: readonly DType[] = ['float32', 'int32', 'bool'];

export function backendSupports(backend: Backend, dtype: DType): boolean {
  return (backend.dtypes ?? DEFAULT_DTYPES).includes(dtype);
}
