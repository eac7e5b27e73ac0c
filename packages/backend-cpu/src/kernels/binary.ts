// Every binary element-wise kernel as one expression of a and b; util/elementwise.ts specializes
// it for same-shape, scalar, row/column and general broadcasting.
import type { DType, KernelName } from '@tensile/core';
import { broadcastShapes } from '@tensile/core';
import { BinaryOp } from '../util/elementwise.js';
import { allocate, defineKernel } from '../util/define.js';
import type { CpuKernel } from '../util/define.js';

const ARITHMETIC = {
  Add: 'a + b',
  Sub: 'a - b',
  Mul: 'a * b',
  Div: 'a / b',
  Pow: 'Math.pow(a, b)',
  // NaN propagates, as torch.maximum/minimum.
  Maximum: 'a > b || a !== a ? a : b',
  Minimum: 'a < b || a !== a ? a : b',
  // Sign of the divisor (torch.remainder).
  Mod: 'a - b * Math.floor(a / b)',
  SquaredDifference: '(a - b) * (a - b)',
} satisfies Partial<Record<KernelName, string>>;

const COMPARISON = {
  Equal: 'a === b ? 1 : 0',
  NotEqual: 'a !== b ? 1 : 0',
  Less: 'a < b ? 1 : 0',
  LessEqual: 'a <= b ? 1 : 0',
  Greater: 'a > b ? 1 : 0',
  GreaterEqual: 'a >= b ? 1 : 0',
  LogicalAnd: 'a && b ? 1 : 0',
  LogicalOr: 'a || b ? 1 : 0',
} satisfies Partial<Record<KernelName, string>>;

type BinaryName = keyof typeof ARITHMETIC | keyof typeof COMPARISON;

function binaryKernel(name: BinaryName, expr: string, bool: boolean): CpuKernel {
  const op = new BinaryOp(expr);
  return defineKernel(name, ({ inputs: { a, b }, backend }) => {
    const shape = broadcastShapes(name, a.shape, b.shape);
    const dtype: DType = bool ? 'bool' : a.dtype;
    const out = allocate(backend, shape, dtype);
    op.run(
      backend.readSync(a.dataId),
      a.shape,
      backend.readSync(b.dataId),
      b.shape,
      out.values,
      shape,
    );
    return out.finish();
  });
}

const prelu = new BinaryOp('a > 0 ? a : a * b');

export const binaryKernels: CpuKernel[] = [
  ...Object.entries(ARITHMETIC).map(([name, expr]) =>
    binaryKernel(name as BinaryName, expr, false),
  ),
  ...Object.entries(COMPARISON).map(([name, expr]) => binaryKernel(name as BinaryName, expr, true)),
  defineKernel('Prelu', ({ inputs: { x, alpha }, backend }) => {
    const out = allocate(backend, x.shape, x.dtype);
    prelu.run(
      backend.readSync(x.dataId),
      x.shape,
      backend.readSync(alpha.dataId),
      alpha.shape,
      out.values,
      x.shape,
    );
    return out.finish();
  }),
];
