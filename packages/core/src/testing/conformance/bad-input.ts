// Bad input throws a TensileError subclass whose message names the op, the argument and the shapes.
import { setBackend, tidy } from '../../engine/api.js';
import type { Backend } from '../../engine/backend.js';
import { registerBackend, removeBackend } from '../../engine/registry.js';
import {
  AxisError,
  BackendError,
  DisposedError,
  DtypeError,
  KernelNotFoundError,
  ShapeError,
  TensileError,
  ValueError,
} from '../../errors.js';
import * as ops from '../../ops/index.js';
import type { TypedArray } from '../../tensor/dtypes.js';
import type { Section } from './harness.js';

type ErrorClass = new (...args: never[]) => TensileError;

interface BadCall {
  name: string;
  call: () => unknown;
  error: ErrorClass;
  message: RegExp;
}

const f32 = (shape: number[]) => ops.zeros(shape);

const BAD_CALLS: BadCall[] = [
  {
    name: 'broadcast mismatch',
    call: () => ops.add(f32([2, 3]), f32([4])),
    error: ShapeError,
    message: /^add: shapes do not broadcast: a is \[2,3\], b is \[4\]/,
  },
  {
    name: 'matMul inner dimensions',
    call: () => ops.matMul(f32([2, 3]), f32([4, 5])),
    error: ShapeError,
    message: /^matMul: inner dimensions differ: a is \[2,3\], b is \[4,5\] \(3 ≠ 4\)/,
  },
  {
    name: 'axis out of range',
    call: () => ops.sum(f32([2, 3]), 2),
    error: AxisError,
    message: /^sum: axis 2 is out of range for a tensor of shape \[2,3\]/,
  },
  {
    name: 'negative axis out of range',
    call: () => ops.softmax(f32([2, 3]), -3),
    error: AxisError,
    message: /^softmax: axis -3 is out of range for a tensor of shape \[2,3\]/,
  },
  {
    name: 'dtype mismatch',
    call: () => ops.add(f32([2]), ops.zeros([2], 'int32')),
    error: DtypeError,
    message: /^add: dtypes differ: a is float32, b is int32/,
  },
  {
    name: 'float op on int32',
    call: () => ops.exp(ops.zeros([2], 'int32')),
    error: DtypeError,
    message: /^exp: x must be float32 or float64, got int32/,
  },
  {
    name: 'reshape size',
    call: () => ops.reshape(f32([2, 3]), [4, -1]),
    error: ShapeError,
    message: /^reshape: cannot reshape x of shape \[2,3\] \(6 elements\) into \[4,-1\]/,
  },
  {
    name: 'concat shapes',
    call: () => ops.concat([f32([2, 3]), f32([3, 3])], 1),
    error: ShapeError,
    message:
      /^concat: shapes must match except along axis 1: tensors\[0\] is \[2,3\], tensors\[1\] is \[3,3\]/,
  },
  {
    name: 'conv2d channels',
    call: () => ops.conv2d(f32([1, 5, 5, 3]), f32([3, 3, 2, 4])),
    error: ShapeError,
    message: /^conv2d: input channels differ: x is \[1,5,5,3\], filter is \[3,3,2,4\] \(3 ≠ 2\)/,
  },
  {
    name: 'gather indices dtype',
    call: () => ops.gather(f32([3]), f32([2])),
    error: DtypeError,
    message: /^gather: indices must be int32, got float32/,
  },
  {
    name: 'ragged values',
    call: () => ops.tensor([[1, 2], [3]]),
    error: ShapeError,
    message: /^tensor: values are ragged/,
  },
  {
    name: 'int32 from fractions',
    call: () => ops.tensor([1.5], [1], 'int32'),
    error: ValueError,
    message: /^tensor: int32 values must be integers, got 1.5/,
  },
  {
    name: 'slice bounds',
    call: () => ops.slice(f32([3, 4]), [1, 2], [3, 1]),
    error: ShapeError,
    message: /^slice: begin \[1,2\] with size \[3,1\] is out of bounds for x \[3,4\] at axis 0/,
  },
  {
    name: 'dropout mask shape',
    call: () => ops.applyDropoutMask(f32([2, 4]), f32([4]), 0.5),
    error: ShapeError,
    message: /^applyDropoutMask: mask must have x's shape: x is \[2,4\], mask is \[4\]/,
  },
  {
    name: 'disposed tensor',
    call: () => {
      const t = f32([2]);
      t.dispose();
      return ops.relu(t);
    },
    error: DisposedError,
    message: /^relu: x \(shape \[2\], float32\) was disposed/,
  },
];

/** Storage only, no kernels: shows the missing-kernel error. */
class StorageOnlyBackend implements Backend {
  private readonly buffers = new Map<object, TypedArray>();
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
    return { numBytes: 0 };
  }
}

function expectError(label: string, call: () => unknown, error: ErrorClass, message: RegExp): void {
  try {
    tidy(() => void call());
  } catch (thrown) {
    if (!(thrown instanceof error) || !(thrown instanceof TensileError)) {
      throw new Error(`${label}: threw ${String(thrown)}, expected a ${error.name}`);
    }
    if (!message.test(thrown.message))
      throw new Error(`${label}: message '${thrown.message}' does not match ${message}`);
    return;
  }
  throw new Error(`${label}: did not throw`);
}

export function badInput({ api, use, backendName }: Section): void {
  api.describe('bad input', () => {
    for (const c of BAD_CALLS) {
      api.it(c.name, async () => {
        await use();
        expectError(c.name, c.call, c.error, c.message);
      });
    }
    api.it('unknown backend', async () => {
      let caught: unknown;
      await setBackend('no-such-backend').catch((e: unknown) => (caught = e));
      if (
        !(caught instanceof BackendError) ||
        !/^setBackend: unknown backend 'no-such-backend'; registered: .*'/.test(caught.message)
      ) {
        throw new Error(`unknown backend: got ${String(caught)}`);
      }
    });
    api.it('kernel missing on the active backend', async () => {
      registerBackend('conformance-storage-only', () => new StorageOnlyBackend(), -100);
      try {
        await setBackend('conformance-storage-only');
        const pattern = new RegExp(
          `^sin: kernel 'Sin' is not registered for the active backend 'conformance-storage-only'; it is registered for .*'${backendName}'`,
        );
        expectError('missing kernel', () => ops.sin(ops.tensor([1])), KernelNotFoundError, pattern);
      } finally {
        removeBackend('conformance-storage-only');
        await use();
      }
    });
  });
}
