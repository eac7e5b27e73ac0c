// The Tensor handle. It knows its engine only through `TensorOwner`, so this file has no import
// cycle with the engine; op methods (`a.add(b)`) are attached in ops/methods.ts.
import { DisposedError, formatShape } from '../errors.js';
import type { DataId, TensorInfo } from '../kernels/types.js';
import type { DType, TypedArray } from './dtypes.js';
import type { Shape } from './shape.js';
import { sizeFromShape } from './shape.js';

/** A buffer on a backend shared by every tensor that views it (reshape and clone copy nothing). */
export interface DataRecord {
  backendName: string;
  id: DataId;
  refCount: number;
  bytes: number;
}

/** What a tensor needs from the engine that made it. */
export interface TensorOwner {
  readSync(record: DataRecord): TypedArray;
  read(record: DataRecord): Promise<TypedArray>;
  disposeTensor(tensor: Tensor): void;
  assignVariable(variable: Variable, value: Tensor): void;
}

export type NestedArray = number | boolean | NestedArray[];

export class Tensor implements TensorInfo {
  readonly id: number;
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly size: number;
  /** Survives the end of every scope (set by `keep`, and for variables). */
  kept = false;
  protected disposed = false;

  constructor(
    id: number,
    shape: Shape,
    dtype: DType,
    /** @internal the buffer; replaced by Variable.assign and by backend migration */
    public record: DataRecord,
    protected readonly owner: TensorOwner,
  ) {
    this.id = id;
    this.shape = Object.freeze([...shape]);
    this.dtype = dtype;
    this.size = sizeFromShape(shape);
  }

  get rank(): number {
    return this.shape.length;
  }

  get dataId(): DataId {
    return this.record.id;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Throws a DisposedError naming `op` and `arg` when this tensor was disposed. */
  assertUsable(op: string, arg: string): void {
    if (this.disposed) {
      throw new DisposedError(
        op,
        `${arg} (shape ${formatShape(this.shape)}, ${this.dtype}) was disposed and cannot be used`,
      );
    }
  }

  /** A copy of the values, as the dtype's typed array. */
  dataSync(): TypedArray {
    this.assertUsable('dataSync', 'tensor');
    return this.owner.readSync(this.record).slice();
  }

  async data(): Promise<TypedArray> {
    this.assertUsable('data', 'tensor');
    return (await this.owner.read(this.record)).slice();
  }

  /** The values as nested arrays (booleans for bool tensors). */
  arraySync(): NestedArray {
    return toNested(this.dataSync(), this.shape, this.dtype);
  }

  async array(): Promise<NestedArray> {
    return toNested(await this.data(), this.shape, this.dtype);
  }

  dispose(): void {
    if (this.disposed) return;
    this.owner.disposeTensor(this);
  }

  /** @internal called by the engine once the buffer reference is released */
  markDisposed(): void {
    this.disposed = true;
  }

  toString(): string {
    const values = this.disposed ? '<disposed>' : JSON.stringify(this.arraySync());
    return `Tensor ${formatShape(this.shape)} ${this.dtype}\n${values}`;
  }
}

function toNested(values: TypedArray, shape: Shape, dtype: DType): NestedArray {
  const asValue = (i: number): number | boolean => (dtype === 'bool' ? values[i] !== 0 : values[i]);
  if (shape.length === 0) return asValue(0);
  const build = (dim: number, offset: number): NestedArray[] => {
    const out: NestedArray[] = [];
    const inner = sizeFromShape(shape.slice(dim + 1));
    for (let i = 0; i < shape[dim]; i++) {
      out.push(dim === shape.length - 1 ? asValue(offset + i) : build(dim + 1, offset + i * inner));
    }
    return out;
  };
  return build(0, 0);
}

/** A tensor whose values change in place (`assign`); it is never disposed by a scope. */
export class Variable extends Tensor {
  readonly name: string;
  trainable: boolean;

  constructor(
    id: number,
    shape: Shape,
    dtype: DType,
    record: DataRecord,
    owner: TensorOwner,
    name: string,
    trainable: boolean,
  ) {
    super(id, shape, dtype, record, owner);
    this.name = name;
    this.trainable = trainable;
    this.kept = true;
  }

  /** Replaces the values; `value` must have this variable's shape and dtype. */
  assign(value: Tensor): void {
    this.owner.assignVariable(this, value);
  }
}
