// The engine: which backend is active, the buffers tensors share, kernel dispatch, scopes and the
// gradient tape hook. Gradients themselves live in autodiff/.
import type { Tape } from '../autodiff/tape.js';
import {
  BackendError,
  DtypeError,
  KernelNotFoundError,
  ShapeError,
  ValueError,
  formatShape,
} from '../errors.js';
import type { KernelAttrs, KernelName, TensorInfo } from '../kernels/types.js';
import type { DType, FloatDType, TypedArray } from '../tensor/dtypes.js';
import { bytesPerElement } from '../tensor/dtypes.js';
import type { Shape } from '../tensor/shape.js';
import { shapesEqual, sizeFromShape } from '../tensor/shape.js';
import type { DataRecord, TensorOwner } from '../tensor/tensor.js';
import { Tensor, Variable } from '../tensor/tensor.js';
import type { Backend, BackendMemory } from './backend.js';
import { DEFAULT_DTYPES, backendSupports } from './backend.js';
import { getComposite } from './composites.js';
import {
  backendsWithKernel,
  getBackendFactory,
  getKernel,
  listBackends,
  onBackendRegistered,
} from './registry.js';
import type { TensorInputs } from './tensor-inputs.js';
import { namedInputs } from './tensor-inputs.js';

export interface MemoryInfo {
  numTensors: number;
  numDataBuffers: number;
  numBytes: number;
  backend: BackendMemory | null;
}

interface Scope {
  tensors: Tensor[];
}

/** Anything that may hold tensors: what `tidy` returns and `endScope` keeps. */
export type TensorContainer =
  | Tensor
  | readonly TensorContainer[]
  | { readonly [key: string]: TensorContainer }
  | number
  | string
  | boolean
  | null
  | undefined
  | void;

export class Engine implements TensorOwner {
  private backendName: string | null = null;
  private readonly instances = new Map<string, Backend>();
  private readonly records = new WeakMap<object, DataRecord>();
  private readonly scopes: Scope[] = [];
  private readonly variableNames = new Map<string, Variable>();
  private readonly finalizer = new FinalizationRegistry<DataRecord>((record) =>
    this.release(record),
  );
  private nextId = 0;
  private liveTensors = 0;
  private liveBuffers = 0;
  private liveBytes = 0;
  /** The tape being recorded, if any (see autodiff/api.ts). */
  tape: Tape | null = null;
  /** Dtype of float tensors made from plain numbers; float64 during gradient checking. */
  defaultFloat: FloatDType = 'float32';

  constructor() {
    onBackendRegistered((name) => {
      const instance = this.instances.get(name);
      if (instance === undefined) return;
      instance.dispose?.();
      this.instances.delete(name);
      if (this.backendName === name) this.backendName = null;
    });
  }

  // ---- backends -------------------------------------------------------------------------------

  /** The active backend, initializing the highest-priority one synchronously when none is. */
  backend(op = 'engine'): Backend {
    if (this.backendName === null) {
      const candidates = listBackends();
      if (candidates.length === 0) {
        throw new BackendError(
          op,
          "no backend is registered: import '@tensile/backend-cpu' (or another backend) first",
        );
      }
      const name = candidates[0];
      const instance = this.instances.get(name) ?? this.instantiateSync(op, name);
      this.instances.set(name, instance);
      this.backendName = name;
    }
    return this.instances.get(this.backendName) as Backend;
  }

  get activeBackendName(): string {
    this.backend();
    return this.backendName as string;
  }

  private instantiateSync(op: string, name: string): Backend {
    const made = (getBackendFactory(name) as () => Backend | Promise<Backend>)();
    if (made instanceof Promise) {
      made.catch(() => undefined);
      throw new BackendError(
        op,
        `backend '${name}' initializes asynchronously: call \`await tl.ready()\` or \`await tl.setBackend('${name}')\` before the first op`,
      );
    }
    return made;
  }

  async setBackend(name: string): Promise<void> {
    const factory = getBackendFactory(name);
    if (factory === undefined) {
      const known = listBackends();
      throw new BackendError(
        'setBackend',
        `unknown backend '${name}'; registered: ${known.length ? known.map((b) => `'${b}'`).join(', ') : 'none'}`,
      );
    }
    if (!this.instances.has(name)) {
      try {
        this.instances.set(name, await factory());
      } catch (cause) {
        throw new BackendError(
          'setBackend',
          `backend '${name}' failed to initialize: ${cause instanceof Error ? cause.message : String(cause)}`,
        );
      }
    }
    this.backendName = name;
  }

  /** Initializes the highest-priority backend that succeeds. */
  async ready(): Promise<void> {
    if (this.backendName !== null) return;
    const failures: string[] = [];
    for (const name of listBackends()) {
      try {
        await this.setBackend(name);
        return;
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
      }
    }
    throw new BackendError(
      'ready',
      failures.length
        ? `no backend could be initialized: ${failures.join('; ')}`
        : "no backend is registered: import '@tensile/backend-cpu' (or another backend) first",
    );
  }

  /**
   * Makes `name` active without awaiting (its factory must be synchronous, as the cpu backend's is)
   * and returns the previously active backend's name, for `restoreBackend`.
   */
  swapBackendSync(op: string, name: string): string | null {
    if (getBackendFactory(name) === undefined) {
      throw new BackendError(
        op,
        `needs the '${name}' backend; import '@tensile/backend-${name}' to register it`,
      );
    }
    const previous = this.backendName;
    if (!this.instances.has(name)) this.instances.set(name, this.instantiateSync(op, name));
    this.backendName = name;
    return previous;
  }

  restoreBackend(name: string | null): void {
    this.backendName = name;
  }

  backendInstance(name: string): Backend | undefined {
    return this.instances.get(name);
  }

  // ---- buffers and tensors ------------------------------------------------------------------

  /** A new tensor holding a copy of `values` on the active backend. */
  makeTensor(values: TypedArray, shape: Shape, dtype: DType, op = 'tensor'): Tensor {
    const backend = this.backend(op);
    this.assertDtypeSupported(op, backend, dtype);
    if (values.length !== sizeFromShape(shape)) {
      throw new ShapeError(
        op,
        `${values.length} values do not fill shape ${formatShape(shape)} (${sizeFromShape(shape)} elements)`,
      );
    }
    const id = backend.write(values, shape, dtype);
    return this.wrap(
      this.recordFor(id, sizeFromShape(shape) * bytesPerElement(dtype)),
      shape,
      dtype,
    );
  }

  /** A tensor viewing `x`'s buffer with another shape (reshape, clone): nothing is copied. */
  view(x: Tensor, shape: Shape): Tensor {
    x.record.refCount++;
    return this.wrap(x.record, shape, x.dtype);
  }

  private assertDtypeSupported(op: string, backend: Backend, dtype: DType): void {
    if (!backendSupports(backend, dtype)) {
      const supported = (backend.dtypes ?? DEFAULT_DTYPES).join(', ');
      throw new DtypeError(
        op,
        `backend '${this.backendName}' does not support ${dtype} (it supports ${supported}); float64 is for the cpu backend`,
      );
    }
  }

  private recordFor(id: object, bytes: number): DataRecord {
    let record = this.records.get(id);
    if (record === undefined) {
      record = { backendName: this.backendName as string, id, refCount: 0, bytes };
      this.records.set(id, record);
      this.liveBuffers++;
      this.liveBytes += bytes;
    }
    record.refCount++;
    return record;
  }

  private wrap(record: DataRecord, shape: Shape, dtype: DType): Tensor {
    const tensor = new Tensor(this.nextId++, shape, dtype, record, this);
    this.track(tensor);
    return tensor;
  }

  private track(tensor: Tensor): void {
    this.liveTensors++;
    this.finalizer.register(tensor, tensor.record, tensor);
    const scope = this.scopes[this.scopes.length - 1];
    if (scope !== undefined) scope.tensors.push(tensor);
  }

  private release(record: DataRecord): void {
    if (--record.refCount > 0) return;
    this.records.delete(record.id);
    this.instances.get(record.backendName)?.disposeData(record.id);
    this.liveBuffers--;
    this.liveBytes -= record.bytes;
  }

  disposeTensor(tensor: Tensor): void {
    if (tensor.isDisposed) return;
    tensor.markDisposed();
    this.finalizer.unregister(tensor);
    this.liveTensors--;
    if (tensor instanceof Variable && this.variableNames.get(tensor.name) === tensor) {
      this.variableNames.delete(tensor.name);
    }
    this.release(tensor.record);
  }

  readSync(record: DataRecord): TypedArray {
    return this.instanceOf(record).readSync(record.id);
  }

  read(record: DataRecord): Promise<TypedArray> {
    return this.instanceOf(record).read(record.id);
  }

  private instanceOf(record: DataRecord): Backend {
    const backend = this.instances.get(record.backendName);
    if (backend === undefined) {
      throw new BackendError(
        'read',
        `the backend '${record.backendName}' holding this tensor was removed`,
      );
    }
    return backend;
  }

  /** Moves a tensor's buffer to the active backend (after setBackend), for every tensor sharing it. */
  private moveToActive(op: string, tensor: Tensor): void {
    const record = tensor.record;
    if (record.backendName === this.backendName) return;
    const target = this.backend(op);
    this.assertDtypeSupported(op, target, tensor.dtype);
    const source = this.instanceOf(record);
    const values = source.readSync(record.id);
    const id = target.write(values, tensor.shape, tensor.dtype);
    source.disposeData(record.id);
    this.records.delete(record.id);
    record.id = id;
    record.backendName = this.backendName as string;
    this.records.set(id, record);
  }

  // ---- variables ------------------------------------------------------------------------------

  makeVariable(initial: Tensor, name: string | undefined, trainable: boolean): Variable {
    initial.assertUsable('variable', 'initialValue');
    const finalName = name ?? `variable_${this.nextId}`;
    if (this.variableNames.has(finalName)) {
      throw new ValueError(
        'variable',
        `a variable named '${finalName}' already exists; names must be unique`,
      );
    }
    initial.record.refCount++;
    const v = new Variable(
      this.nextId++,
      initial.shape,
      initial.dtype,
      initial.record,
      this,
      finalName,
      trainable,
    );
    this.liveTensors++;
    this.finalizer.register(v, v.record, v);
    this.variableNames.set(finalName, v);
    return v;
  }

  trainableVariables(): Variable[] {
    return [...this.variableNames.values()].filter((v) => v.trainable);
  }

  assignVariable(variable: Variable, value: Tensor): void {
    variable.assertUsable('assign', 'variable');
    value.assertUsable('assign', 'value');
    if (!shapesEqual(variable.shape, value.shape) || variable.dtype !== value.dtype) {
      throw new ShapeError(
        'assign',
        `value must match variable '${variable.name}': variable is ${formatShape(variable.shape)} ${variable.dtype}, value is ${formatShape(value.shape)} ${value.dtype}`,
      );
    }
    if (value.record === variable.record) return;
    value.record.refCount++;
    const old = variable.record;
    variable.record = value.record;
    this.finalizer.unregister(variable);
    this.finalizer.register(variable, variable.record, variable);
    this.release(old);
  }

  // ---- dispatch -------------------------------------------------------------------------------

  /**
   * Runs kernel `kernelName` on the active backend (or its composite default) and records it on
   * the tape. `op` names the public op in error messages.
   */
  runKernel<K extends KernelName>(
    kernelName: K,
    inputs: TensorInputs<K>,
    attrs: KernelAttrs<K>,
    op: string = kernelName,
  ): Tensor {
    const backend = this.backend(op);
    for (const [arg, tensor] of namedInputs(inputs)) {
      tensor.assertUsable(op, arg);
      this.moveToActive(op, tensor);
    }
    const kernel = getKernel(kernelName, this.backendName as string);
    let output: Tensor;
    if (kernel !== undefined) {
      const info: TensorInfo = kernel({ inputs: inputs as never, attrs, backend });
      output = this.adopt(info);
    } else {
      const composite = getComposite(kernelName);
      if (composite === undefined) throw this.missingKernel(op, kernelName);
      output = this.withoutTape(() => this.tidy(() => composite(inputs, attrs)) as Tensor);
    }
    this.tape?.record(kernelName, inputs, attrs, output);
    return output;
  }

  /** Wraps a kernel's output; an output that reuses an input's buffer shares it. */
  private adopt(info: TensorInfo): Tensor {
    const bytes = sizeFromShape(info.shape) * bytesPerElement(info.dtype);
    return this.wrap(this.recordFor(info.dataId, bytes), info.shape, info.dtype);
  }

  private missingKernel(op: string, kernelName: KernelName): KernelNotFoundError {
    const others = backendsWithKernel(kernelName);
    const where = others.length
      ? `it is registered for ${others.map((b) => `'${b}'`).join(', ')}`
      : 'no backend registers it';
    return new KernelNotFoundError(
      op,
      `kernel '${kernelName}' is not registered for the active backend '${this.backendName}'; ${where}`,
    );
  }

  withoutTape<T>(fn: () => T): T {
    const tape = this.tape;
    this.tape = null;
    try {
      return fn();
    } finally {
      this.tape = tape;
    }
  }

  // ---- scopes ---------------------------------------------------------------------------------

  startScope(): void {
    this.scopes.push({ tensors: [] });
  }

  /** Disposes the tensors made since the matching startScope except those in `result` and kept ones. */
  endScope(result?: TensorContainer): void {
    const scope = this.scopes.pop();
    if (scope === undefined)
      throw new ValueError('endScope', 'called without a matching startScope');
    const keep = new Set<number>();
    collectTensors(result, (t) => keep.add(t.id));
    const parent = this.scopes[this.scopes.length - 1];
    for (const tensor of scope.tensors) {
      if (tensor.isDisposed) continue;
      if (keep.has(tensor.id)) {
        parent?.tensors.push(tensor);
      } else if (!tensor.kept) {
        if (this.tape?.references(tensor)) this.tape.owned.push(tensor);
        else this.disposeTensor(tensor);
      }
    }
  }

  tidy<T>(fn: () => T): T {
    this.startScope();
    let result: T;
    try {
      result = fn();
    } catch (error) {
      this.endScope();
      throw error;
    }
    if (result instanceof Promise) {
      this.endScope();
      throw new ValueError(
        'tidy',
        'the function returned a Promise; tidy is synchronous, use startScope/endScope around async code',
      );
    }
    this.endScope(result as TensorContainer);
    return result;
  }

  keep<T extends Tensor>(tensor: T): T {
    tensor.kept = true;
    return tensor;
  }

  memory(): MemoryInfo {
    const instance = this.backendName === null ? undefined : this.instances.get(this.backendName);
    return {
      numTensors: this.liveTensors,
      numDataBuffers: this.liveBuffers,
      numBytes: this.liveBytes,
      backend: instance ? instance.memory() : null,
    };
  }
}

/** Calls `visit` for every tensor inside a (nested) container; cycles are followed once. */
export function collectTensors(
  container: unknown,
  visit: (t: Tensor) => void,
  seen = new Set<object>(),
): void {
  if (container instanceof Tensor) {
    visit(container);
    return;
  }
  if (typeof container !== 'object' || container === null || ArrayBuffer.isView(container)) return;
  if (seen.has(container)) return;
  seen.add(container);
  const values = Array.isArray(container) ? container : Object.values(container);
  for (const value of values) collectTensors(value, visit, seen);
}

/** The engine of this copy of core (registries are global; engines are per copy). */
export const ENGINE = new Engine();
