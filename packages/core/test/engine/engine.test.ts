// The engine with a storage-only backend and two tiny kernels: dispatch, composites, scopes,
// ref-counted views, variables and the errors of a missing kernel or backend.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tl from '../../src/index.js';
import type { Backend, TypedArray } from '../../src/index.js';

class ArrayBackend implements Backend {
  readonly buffers = new Map<object, TypedArray>();
  write(values: TypedArray) {
    const id = {};
    this.buffers.set(id, values.slice());
    return id;
  }
  readSync(id: object) {
    return this.buffers.get(id) as TypedArray;
  }
  async read(id: object) {
    return this.readSync(id);
  }
  disposeData(id: object) {
    this.buffers.delete(id);
  }
  memory() {
    return { numBytes: [...this.buffers.values()].reduce((s, v) => s + v.byteLength, 0) };
  }
}

const backend = new ArrayBackend();

beforeAll(async () => {
  tl.registerBackend('engine-test', () => backend, 1000);
  tl.registerKernel({
    kernelName: 'Add',
    backendName: 'engine-test',
    kernelFunc: ({ inputs: { a, b }, backend: be }) => {
      const x = be.readSync(a.dataId);
      const y = be.readSync(b.dataId);
      const out = new Float32Array(x.length);
      for (let i = 0; i < out.length; i++) out[i] = x[i] + y[y.length === 1 ? 0 : i];
      return { dataId: be.write(out, a.shape, 'float32'), shape: a.shape, dtype: 'float32' };
    },
  });
  await tl.setBackend('engine-test');
});

afterAll(() => tl.removeBackend('engine-test'));

describe('engine', () => {
  it('dispatches to the backend and reports it', () => {
    expect(tl.getBackend()).toBe('engine-test');
    expect(tl.listKernels('engine-test')).toEqual(['Add']);
    const c = tl.add(tl.tensor([1, 2]), tl.tensor([3, 4]));
    expect(Array.from(c.dataSync())).toEqual([4, 6]);
  });

  it('runs composites (reshape, clone) without copying the buffer', () => {
    const before = backend.buffers.size;
    const x = tl.tensor([1, 2, 3, 4]);
    const views = [tl.reshape(x, [2, 2]), tl.clone(x), tl.expandDims(x, 0)];
    expect(backend.buffers.size).toBe(before + 1);
    x.dispose();
    expect(Array.from(views[0].dataSync())).toEqual([1, 2, 3, 4]);
    tl.dispose(views);
    expect(backend.buffers.size).toBe(before);
  });

  it('tidy frees everything but the result, keep survives, async scopes work', async () => {
    const start = tl.memory().numTensors;
    let kept: tl.Tensor | undefined;
    const result = tl.tidy(() => {
      kept = tl.keep(tl.tensor([1]));
      tl.tensor([2]);
      return tl.add(tl.tensor([3]), tl.tensor([4]));
    });
    expect(tl.memory().numTensors).toBe(start + 2);
    tl.startScope();
    await Promise.resolve();
    tl.tensor([5]);
    tl.endScope();
    expect(tl.memory().numTensors).toBe(start + 2);
    tl.dispose([result, kept]);
    expect(tl.memory().numTensors).toBe(start);
    expect(() => tl.tidy(() => Promise.resolve() as never)).toThrow(/returned a Promise/);
  });

  it('variables keep their name, are unique and assign without copying', () => {
    const v = tl.variable(tl.tensor([1, 2]), { name: 'engine-test/v' });
    expect(() => tl.variable(tl.tensor([1]), { name: 'engine-test/v' })).toThrow(/already exists/);
    v.assign(tl.tensor([5, 6]));
    expect(Array.from(v.dataSync())).toEqual([5, 6]);
    expect(() => v.assign(tl.tensor([1, 2, 3]))).toThrow(
      /assign: value must match variable 'engine-test\/v'/,
    );
    v.dispose();
  });

  it('names the backends that have a missing kernel', () => {
    expect(() => tl.mul(tl.tensor([1]), tl.tensor([2]))).toThrow(tl.KernelNotFoundError);
    expect(() => tl.exp(tl.tensor([1]))).toThrow(
      /^exp: kernel 'Exp' is not registered for the active backend 'engine-test'/,
    );
  });

  it('rejects unknown backends and float64 on a backend without it', async () => {
    await expect(tl.setBackend('nope')).rejects.toThrow(
      /setBackend: unknown backend 'nope'; registered: 'engine-test'/,
    );
    expect(() => tl.tensor([1], [1], 'float64')).toThrow(
      /backend 'engine-test' does not support float64/,
    );
  });
});

describe('tidy results', () => {
  it('keeps tensors inside objects that refer to themselves', () => {
    const start = tl.memory().numTensors;
    const result = tl.tidy(() => {
      const holder: { t: tl.Tensor; self?: unknown } = { t: tl.tensor([1]) };
      holder.self = holder;
      tl.tensor([2]);
      return holder;
    });
    expect(tl.memory().numTensors).toBe(start + 1);
    result.t.dispose();
  });
});
