// Binary element-wise kernels with NumPy broadcasting, and where(): the broadcast is collapsed into
// strided boxes (box.ts) and each box is one call of the module's walker.
import type { DType, KernelName, TensorInfo } from '@tensile/core';
import { broadcastShapes } from '@tensile/core';
import type { WasmBackend } from '../backend.js';
import { dtypeCode } from '../backend.js';
import { Binary } from '../generated/opcodes.js';
import { broadcastStrides, stridedBoxes } from './box.js';
import { defineKernel } from './define.js';
import type { WasmKernel } from './define.js';

const GRAIN = 65536;
const ALIGN = 16;

const ARITHMETIC = {
  Add: Binary.Add,
  Sub: Binary.Sub,
  Mul: Binary.Mul,
  Div: Binary.Div,
  Pow: Binary.Pow,
  Maximum: Binary.Maximum,
  Minimum: Binary.Minimum,
  Mod: Binary.Mod,
  SquaredDifference: Binary.SquaredDifference,
} satisfies Partial<Record<KernelName, Binary>>;

const COMPARISON = {
  Equal: Binary.Equal,
  NotEqual: Binary.NotEqual,
  Less: Binary.Less,
  LessEqual: Binary.LessEqual,
  Greater: Binary.Greater,
  GreaterEqual: Binary.GreaterEqual,
  LogicalAnd: Binary.LogicalAnd,
  LogicalOr: Binary.LogicalOr,
} satisfies Partial<Record<KernelName, Binary>>;

/** out = a op b broadcast to `shape`; comparisons give bool. */
export function runBinary(
  backend: WasmBackend,
  op: Binary,
  a: TensorInfo,
  b: TensorInfo,
  shape: readonly number[],
  outDtype: DType,
): TensorInfo {
  const out = backend.output(shape, outDtype);
  const code = dtypeCode(a.dtype);
  const esize = a.dtype === 'bool' ? 1 : 4;
  const outSize = outDtype === 'bool' ? 1 : 4;
  const pa = backend.ptr(a);
  const pb = backend.ptr(b);
  const boxes = stridedBoxes(shape, [
    broadcastStrides(a.shape, shape),
    broadcastStrides(b.shape, shape),
  ]);
  for (const box of boxes) {
    const [, d1, d2, d3] = box.dims;
    const [sa, sb] = box.strides;
    backend.parallel(
      'binary',
      [
        op,
        code,
        pa + box.offsets[0] * esize,
        pb + box.offsets[1] * esize,
        out.ptr + box.outOffset * outSize,
        d1,
        d2,
        d3,
        ...sa,
        ...sb,
      ],
      box.size,
      { grain: GRAIN, align: ALIGN },
    );
  }
  return out.info;
}

const arithmetic = (Object.keys(ARITHMETIC) as Array<keyof typeof ARITHMETIC>).map((name) =>
  defineKernel(name, ({ inputs: { a, b }, backend }) =>
    runBinary(backend, ARITHMETIC[name], a, b, broadcastShapes(name, a.shape, b.shape), a.dtype),
  ),
);

const comparison = (Object.keys(COMPARISON) as Array<keyof typeof COMPARISON>).map((name) =>
  defineKernel(name, ({ inputs: { a, b }, backend }) =>
    runBinary(backend, COMPARISON[name], a, b, broadcastShapes(name, a.shape, b.shape), 'bool'),
  ),
);

/** prelu(x, alpha) = x > 0 ? x : alpha·x, alpha broadcast against x. */
const prelu = defineKernel('Prelu', ({ inputs: { x, alpha }, backend }) =>
  runBinary(backend, Binary.Prelu, x, alpha, x.shape, x.dtype),
);

/** condition ? a : b with the three broadcast together. */
const where = defineKernel('Where', ({ inputs: { condition, a, b }, backend }) => {
  const shape = broadcastShapes(
    'where',
    broadcastShapes('where', a.shape, b.shape),
    condition.shape,
  );
  const out = backend.output(shape, a.dtype);
  const esize = a.dtype === 'bool' ? 1 : 4;
  const pc = backend.ptr(condition);
  const pa = backend.ptr(a);
  const pb = backend.ptr(b);
  const boxes = stridedBoxes(shape, [
    broadcastStrides(condition.shape, shape),
    broadcastStrides(a.shape, shape),
    broadcastStrides(b.shape, shape),
  ]);
  for (const box of boxes) {
    const [, d1, d2, d3] = box.dims;
    const [sc, sa, sb] = box.strides;
    backend.parallel(
      'where',
      [
        esize,
        pc + box.offsets[0],
        pa + box.offsets[1] * esize,
        pb + box.offsets[2] * esize,
        out.ptr + box.outOffset * esize,
        d1,
        d2,
        d3,
        ...sc,
        ...sa,
        ...sb,
      ],
      box.size,
      { grain: GRAIN, align: ALIGN },
    );
  }
  return out.info;
});

export const binaryKernels: WasmKernel[] = [...arithmetic, ...comparison, prelu, where];
