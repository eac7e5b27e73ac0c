// Matrix products through the packed GEMM of util/gemm.ts.
import type { FloatArray } from '@tensile/core';
import { gemm } from '../util/gemm.js';
import { allocate, defineKernel } from '../util/define.js';
import { GELU_EXPRESSIONS, unaryLoop } from './unary.js';

const batchMatMul = defineKernel(
  'BatchMatMul',
  ({ inputs: { a, b }, attrs: { transposeA, transposeB }, backend }) => {
    const [batchA, a1, a2] = a.shape;
    const [batchB, b1, b2] = b.shape;
    const [m, k] = transposeA ? [a2, a1] : [a1, a2];
    const n = transposeB ? b1 : b2;
    const batch = Math.max(batchA, batchB);
    const out = allocate(backend, [batch, m, n], a.dtype);
    const av = backend.floats(a);
    const bv = backend.floats(b);
    for (let i = 0; i < batch; i++) {
      const aOffset = batchA === 1 ? 0 : i * m * k;
      const bOffset = batchB === 1 ? 0 : i * k * n;
      gemm(
        av,
        aOffset,
        bv,
        bOffset,
        out.values as FloatArray,
        i * m * n,
        m,
        n,
        k,
        transposeA,
        transposeB,
      );
    }
    return out.finish();
  },
);

/** Per-element activation after the bias, as `unary.ts` expressions of v (p0 = alpha). */
const ACTIVATION_EXPRESSIONS = {
  linear: '',
  relu: 'v < 0 ? 0 : v',
  relu6: 'v < 0 ? 0 : v > 6 ? 6 : v',
  sigmoid: 'M.sigmoid(v)',
  tanh: 'Math.tanh(v)',
  elu: 'v > 0 ? v : p0 * Math.expm1(v)',
  leakyRelu: 'v > 0 ? v : p0 * v',
  gelu: GELU_EXPRESSIONS.none,
  silu: 'v * M.sigmoid(v)',
};

const fusedMatMul = defineKernel('FusedMatMul', ({ inputs: { a, b, bias }, attrs, backend }) => {
  const { transposeA, transposeB, activation, alpha } = attrs;
  const [m, k] = transposeA ? [a.shape[1], a.shape[0]] : a.shape;
  const n = transposeB ? b.shape[0] : b.shape[1];
  const out = allocate(backend, [m, n], a.dtype);
  const values = out.values as FloatArray;
  gemm(backend.floats(a), 0, backend.floats(b), 0, values, 0, m, n, k, transposeA, transposeB);
  if (bias) {
    const bv = backend.floats(bias);
    for (let r = 0; r < m; r++) {
      const row = r * n;
      for (let c = 0; c < n; c++) values[row + c] += bv[c];
    }
  }
  const expr = ACTIVATION_EXPRESSIONS[activation];
  if (expr !== '') unaryLoop(expr)(values, values, values.length, alpha, 0);
  return out.finish();
});

export const matMulKernels = [batchMatMul, fusedMatMul];
