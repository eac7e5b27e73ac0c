// Element-wise unary kernels and casts: one module export per dtype, the operation by code.
import type { KernelName } from '@tensile/core';
import { sizeFromShape } from '@tensile/core';
import { Unary } from '../generated/opcodes.js';
import { dtypeCode } from '../backend.js';
import { defineKernel } from './define.js';
import type { WasmKernel } from './define.js';

/** Items per thread chunk: cheap operations are memory-bound, transcendental ones compute-bound. */
const CHEAP_GRAIN = 65536;
const COSTLY_GRAIN = 16384;
/** Chunk boundaries stay on 16 elements, so no two threads share a SIMD vector of bytes. */
const ALIGN = 16;

const CHEAP = new Set<Unary>([
  Unary.Neg,
  Unary.Abs,
  Unary.Sign,
  Unary.Square,
  Unary.Floor,
  Unary.Ceil,
  Unary.Round,
  Unary.ClipByValue,
  Unary.Relu,
  Unary.Relu6,
  Unary.LeakyRelu,
  Unary.Step,
  Unary.HardSigmoid,
  Unary.HardSwish,
  Unary.Softsign,
  Unary.Sqrt,
  Unary.Rsqrt,
  Unary.Reciprocal,
]);

export function grainOf(op: Unary): number {
  return CHEAP.has(op) ? CHEAP_GRAIN : COSTLY_GRAIN;
}

/** Kernels without attributes, by operation code. */
const SIMPLE = {
  Neg: Unary.Neg,
  Abs: Unary.Abs,
  Sign: Unary.Sign,
  Exp: Unary.Exp,
  Log: Unary.Log,
  Log1p: Unary.Log1p,
  Expm1: Unary.Expm1,
  Sqrt: Unary.Sqrt,
  Rsqrt: Unary.Rsqrt,
  Square: Unary.Square,
  Reciprocal: Unary.Reciprocal,
  Erf: Unary.Erf,
  Floor: Unary.Floor,
  Ceil: Unary.Ceil,
  Round: Unary.Round,
  Sin: Unary.Sin,
  Cos: Unary.Cos,
  Sigmoid: Unary.Sigmoid,
  Tanh: Unary.Tanh,
  Relu: Unary.Relu,
  Relu6: Unary.Relu6,
  Selu: Unary.Selu,
  Silu: Unary.Silu,
  Mish: Unary.Mish,
  Softplus: Unary.Softplus,
  Softsign: Unary.Softsign,
  HardSigmoid: Unary.HardSigmoid,
  HardSwish: Unary.HardSwish,
  Step: Unary.Step,
} satisfies Partial<Record<KernelName, Unary>>;

/** Operations that also exist for int32 (core allows numeric dtypes for these). */
const INT_OPS = new Set<Unary>([Unary.Neg, Unary.Abs, Unary.Sign, Unary.Square, Unary.ClipByValue]);

const simple = (Object.keys(SIMPLE) as Array<keyof typeof SIMPLE>).map((name) =>
  defineKernel(name, ({ inputs: { x }, backend }) => {
    const op = SIMPLE[name];
    const out = backend.output(x.shape, x.dtype);
    const n = sizeFromShape(x.shape);
    if (x.dtype === 'int32' && INT_OPS.has(op)) {
      backend.parallel('unaryI32', [op, backend.ptr(x), out.ptr, 0, 0], n, {
        grain: CHEAP_GRAIN,
        align: ALIGN,
      });
    } else {
      backend.parallel('unaryF32', [op, backend.ptr(x), out.ptr, 0, 0], n, {
        grain: grainOf(op),
        align: ALIGN,
      });
    }
    return out.info;
  }),
);

const withAlpha = (['LeakyRelu', 'Elu'] as const).map((name) =>
  defineKernel(name, ({ inputs: { x }, attrs: { alpha }, backend }) => {
    const op = name === 'LeakyRelu' ? Unary.LeakyRelu : Unary.Elu;
    const out = backend.output(x.shape, x.dtype);
    backend.parallel('unaryF32', [op, backend.ptr(x), out.ptr, alpha, 0], sizeFromShape(x.shape), {
      grain: grainOf(op),
      align: ALIGN,
    });
    return out.info;
  }),
);

const gelu = defineKernel('Gelu', ({ inputs: { x }, attrs: { approximate }, backend }) => {
  const op = approximate === 'tanh' ? Unary.GeluTanh : Unary.GeluErf;
  const out = backend.output(x.shape, x.dtype);
  backend.parallel('unaryF32', [op, backend.ptr(x), out.ptr, 0, 0], sizeFromShape(x.shape), {
    grain: COSTLY_GRAIN,
    align: ALIGN,
  });
  return out.info;
});

const clipByValue = defineKernel(
  'ClipByValue',
  ({ inputs: { x }, attrs: { min, max }, backend }) => {
    const out = backend.output(x.shape, x.dtype);
    const kernel = x.dtype === 'int32' ? 'unaryI32' : 'unaryF32';
    backend.parallel(
      kernel,
      [Unary.ClipByValue, backend.ptr(x), out.ptr, min, max],
      sizeFromShape(x.shape),
      { grain: CHEAP_GRAIN, align: ALIGN },
    );
    return out.info;
  },
);

const logicalNot = defineKernel('LogicalNot', ({ inputs: { x }, backend }) => {
  const out = backend.output(x.shape, 'bool');
  backend.parallel('logicalNotU8', [backend.ptr(x), out.ptr], sizeFromShape(x.shape), {
    grain: CHEAP_GRAIN,
    align: ALIGN,
  });
  return out.info;
});

/** Float → int32 truncates toward zero (JavaScript's ToInt32); anything → bool is ≠ 0. */
const cast = defineKernel('Cast', ({ inputs: { x }, attrs: { dtype }, backend }) => {
  const out = backend.output(x.shape, dtype);
  const n = sizeFromShape(x.shape);
  if (dtype === x.dtype) {
    backend.heap.u8.copyWithin(
      out.ptr,
      backend.ptr(x),
      backend.ptr(x) + n * (dtype === 'bool' ? 1 : 4),
    );
    return out.info;
  }
  backend.parallel('cast', [dtypeCode(x.dtype), dtypeCode(dtype), backend.ptr(x), out.ptr], n, {
    grain: CHEAP_GRAIN,
    align: ALIGN,
  });
  return out.info;
});

/** Views: the output shares the input's buffer (the engine counts the reference). */
const reshape = defineKernel('Reshape', ({ inputs: { x }, attrs: { shape } }) => ({
  dataId: x.dataId,
  shape,
  dtype: x.dtype,
}));
const identity = defineKernel('Identity', ({ inputs: { x } }) => ({
  dataId: x.dataId,
  shape: x.shape,
  dtype: x.dtype,
}));

export const elementwiseKernels: WasmKernel[] = [
  ...simple,
  ...withAlpha,
  gelu,
  clipByValue,
  logicalNot,
  cast,
  reshape,
  identity,
];
