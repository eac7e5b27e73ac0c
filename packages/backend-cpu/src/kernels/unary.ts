// Every element-wise unary kernel, as one expression each (v = the input element, p0/p1 = the
// op's numeric attributes). util/elementwise.ts compiles each into its own loop.
import type { KernelName } from '@tensile/core';
import { compileUnary } from '../util/elementwise.js';
import type { UnaryLoop } from '../util/elementwise.js';
import { allocate, defineKernel } from '../util/define.js';
import type { CpuKernel } from '../util/define.js';

const SELU_SCALE = 1.0507009873554805;
const SELU_ALPHA_SCALE = 1.6732632423543772 * 1.0507009873554805;
const SQRT_2_OVER_PI = 0.7978845608028654;

const EXPRESSIONS = {
  Neg: '-v',
  Abs: 'Math.abs(v)',
  Sign: 'v > 0 ? 1 : v < 0 ? -1 : 0',
  Exp: 'Math.exp(v)',
  Log: 'Math.log(v)',
  Log1p: 'Math.log1p(v)',
  Expm1: 'Math.expm1(v)',
  Sqrt: 'Math.sqrt(v)',
  Rsqrt: '1 / Math.sqrt(v)',
  Square: 'v * v',
  Reciprocal: '1 / v',
  Erf: 'M.erf(v)',
  Floor: 'Math.floor(v)',
  Ceil: 'Math.ceil(v)',
  Round: 'M.roundHalfEven(v)',
  Sin: 'Math.sin(v)',
  Cos: 'Math.cos(v)',
  LogicalNot: 'v ? 0 : 1',
  ClipByValue: 'v < p0 ? p0 : v > p1 ? p1 : v',
  Sigmoid: 'M.sigmoid(v)',
  Tanh: 'Math.tanh(v)',
  Relu: 'v < 0 ? 0 : v',
  Relu6: 'v < 0 ? 0 : v > 6 ? 6 : v',
  LeakyRelu: 'v > 0 ? v : p0 * v',
  Elu: 'v > 0 ? v : p0 * Math.expm1(v)',
  Selu: `v > 0 ? ${SELU_SCALE} * v : ${SELU_ALPHA_SCALE} * Math.expm1(v)`,
  Silu: 'v * M.sigmoid(v)',
  Mish: 'v * Math.tanh(M.softplus(v))',
  Softplus: 'M.softplus(v)',
  Softsign: 'v / (1 + Math.abs(v))',
  HardSigmoid: '(v <= -3 ? 0 : v >= 3 ? 6 : v + 3) / 6',
  HardSwish: 'v * (v <= -3 ? 0 : v >= 3 ? 6 : v + 3) / 6',
  Step: 'v < 0 ? 0 : v >= 0 ? 1 : v',
} satisfies Partial<Record<KernelName, string>>;

/** Φ through erfc keeps digits for very negative x, where 1 + erf would cancel. */
export const GELU_EXPRESSIONS = {
  none: '0.5 * v * M.erfc(-v * Math.SQRT1_2)',
  tanh: `0.5 * v * (1 + Math.tanh(${SQRT_2_OVER_PI} * (v + 0.044715 * v * v * v)))`,
};

const loops = new Map<string, UnaryLoop>();
/** The compiled loop of an expression (shared with FusedMatMul's activations). */
export function unaryLoop(expr: string): UnaryLoop {
  let loop = loops.get(expr);
  if (loop === undefined) {
    loop = compileUnary(expr);
    loops.set(expr, loop);
  }
  return loop;
}

type SimpleUnary = keyof typeof EXPRESSIONS;

function attrValues(attrs: object): [number, number] {
  const a = attrs as { alpha?: number; min?: number; max?: number };
  return [a.alpha ?? a.min ?? 0, a.max ?? 0];
}

const simple: CpuKernel[] = (Object.keys(EXPRESSIONS) as SimpleUnary[]).map((name) =>
  defineKernel(name, ({ inputs: { x }, attrs, backend }) => {
    const out = allocate(backend, x.shape, name === 'LogicalNot' ? 'bool' : x.dtype);
    const [p0, p1] = attrValues(attrs);
    unaryLoop(EXPRESSIONS[name])(backend.readSync(x.dataId), out.values, out.values.length, p0, p1);
    return out.finish();
  }),
);

const gelu = defineKernel('Gelu', ({ inputs: { x }, attrs: { approximate }, backend }) => {
  const out = allocate(backend, x.shape, x.dtype);
  unaryLoop(GELU_EXPRESSIONS[approximate])(
    backend.readSync(x.dataId),
    out.values,
    out.values.length,
    0,
    0,
  );
  return out.finish();
});

/** Float to int32 truncates toward zero; anything to bool is `≠ 0`. */
const cast = defineKernel('Cast', ({ inputs: { x }, attrs: { dtype }, backend }) => {
  const out = allocate(backend, x.shape, dtype);
  const expr = dtype === 'bool' ? 'v !== 0 ? 1 : 0' : dtype === 'int32' ? 'Math.trunc(v)' : 'v';
  unaryLoop(expr)(backend.readSync(x.dataId), out.values, out.values.length, 0, 0);
  return out.finish();
});

export const unaryKernels: CpuKernel[] = [...simple, gelu, cast];
