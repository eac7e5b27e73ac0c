// BatchMatMul and FusedMatMul (bias and activation applied in the GEMM's epilogue, in registers).
import type { FusedActivation } from '@tensile/core';
import { Unary } from '../generated/opcodes.js';
import { defineKernel } from './define.js';
import type { WasmKernel } from './define.js';
import { gemmPacked, packB, unpack } from './gemm.js';

const ACTIVATIONS: Record<FusedActivation, Unary> = {
  linear: Unary.Linear,
  relu: Unary.Relu,
  relu6: Unary.Relu6,
  sigmoid: Unary.Sigmoid,
  tanh: Unary.Tanh,
  elu: Unary.Elu,
  leakyRelu: Unary.LeakyRelu,
  gelu: Unary.GeluErf,
  silu: Unary.Silu,
};

const batchMatMul = defineKernel(
  'BatchMatMul',
  ({ inputs: { a, b }, attrs: { transposeA, transposeB }, backend }) => {
    const [batchA, a1, a2] = a.shape;
    const [batchB, b1, b2] = b.shape;
    const [m, k] = transposeA ? [a2, a1] : [a1, a2];
    const n = transposeB ? b1 : b2;
    const batch = Math.max(batchA, batchB);
    const out = backend.output([batch, m, n], a.dtype);
    const pa = backend.ptr(a);
    const pb = backend.ptr(b);
    if (batchB === 1) {
      const packed = packB(backend, pb, k, n, transposeB);
      if (!transposeA && batchA > 1) {
        // one B for every batch and A contiguous: a single [batch·m, k] × [k, n] product
        gemmPacked(backend, packed, { a: pa, transA: false, c: out.ptr, m: batch * m });
      } else {
        for (let i = 0; i < batch; i++) {
          const aOffset = batchA === 1 ? 0 : i * m * k * 4;
          gemmPacked(backend, packed, {
            a: pa + aOffset,
            transA: transposeA,
            c: out.ptr + i * m * n * 4,
            m,
          });
        }
      }
      unpack(backend, packed);
      return out.info;
    }
    for (let i = 0; i < batch; i++) {
      const packed = packB(backend, pb + i * k * n * 4, k, n, transposeB);
      const aOffset = batchA === 1 ? 0 : i * m * k * 4;
      gemmPacked(backend, packed, {
        a: pa + aOffset,
        transA: transposeA,
        c: out.ptr + i * m * n * 4,
        m,
      });
      unpack(backend, packed);
    }
    return out.info;
  },
);

const fusedMatMul = defineKernel('FusedMatMul', ({ inputs: { a, b, bias }, attrs, backend }) => {
  const { transposeA, transposeB, activation, alpha } = attrs;
  const [m, k] = transposeA ? [a.shape[1], a.shape[0]] : [a.shape[0], a.shape[1]];
  const n = transposeB ? b.shape[0] : b.shape[1];
  const out = backend.output([m, n], a.dtype);
  const packed = packB(backend, backend.ptr(b), k, n, transposeB);
  gemmPacked(backend, packed, {
    a: backend.ptr(a),
    transA: transposeA,
    c: out.ptr,
    m,
    bias: bias === undefined ? 0 : backend.ptr(bias),
    activation: ACTIVATIONS[activation],
    alpha,
  });
  unpack(backend, packed);
  return out.info;
});

export const matMulKernels: WasmKernel[] = [batchMatMul, fusedMatMul];
