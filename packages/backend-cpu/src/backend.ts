// Storage of the cpu backend: one typed array per buffer, in the JS heap.
import type { Backend, BackendMemory, DType, DataId, TensorInfo, TypedArray } from '@tensile/core';
import { BackendError } from '@tensile/core';

export class CpuBackend implements Backend {
  readonly dtypes: readonly DType[] = ['float32', 'int32', 'bool', 'float64'];
  private readonly buffers = new WeakMap<DataId, TypedArray>();
  private numBuffers = 0;
  private numBytes = 0;

  write(values: TypedArray): DataId {
    const id = {};
    this.buffers.set(id, values.slice());
    this.numBuffers++;
    this.numBytes += values.byteLength;
    return id;
  }

  /** Stores `values` itself (no copy): kernels hand over the arrays they just filled. */
  adopt<T extends TypedArray>(values: T, shape: readonly number[], dtype: DType): TensorInfo {
    const dataId = {};
    this.buffers.set(dataId, values);
    this.numBuffers++;
    this.numBytes += values.byteLength;
    return { dataId, shape, dtype };
  }

  readSync(dataId: DataId): TypedArray {
    const values = this.buffers.get(dataId);
    if (values === undefined) throw new BackendError('cpu', 'read of a buffer that was disposed');
    return values;
  }

  /** The values of a float tensor (float32 or float64). */
  floats(info: TensorInfo): Float32Array | Float64Array {
    return this.readSync(info.dataId) as Float32Array | Float64Array;
  }

  async read(dataId: DataId): Promise<TypedArray> {
    return this.readSync(dataId);
  }

  disposeData(dataId: DataId): void {
    const values = this.buffers.get(dataId);
    if (values === undefined) return;
    this.buffers.delete(dataId);
    this.numBuffers--;
    this.numBytes -= values.byteLength;
  }

  memory(): BackendMemory {
    return { numBytes: this.numBytes, numBuffers: this.numBuffers };
  }
}
