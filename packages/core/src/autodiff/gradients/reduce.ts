// Gradients of reductions, matrix products and softmax.
import { add, div, mul, sub } from '../../ops/binary.js';
import { equal } from '../../ops/compare.js';
import { matMul } from '../../ops/matmul.js';
import { reducedShape } from '../../tensor/shape.js';
import { reshape, broadcastTo } from '../../ops/shape.js';
import { sum } from '../../ops/reduce.js';
import { cast, exp } from '../../ops/unary.js';
import { registerGradient } from '../registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { elementwiseActivationGrad } from './activation-grad.js';

/** dy (and the output) reshaped to keepDims form so they broadcast against x. */
const keepDimsOf = (t: Tensor, x: Tensor, axes: readonly number[]): Tensor =>
  reshape(t, reducedShape(x.shape, axes, true));

registerGradient('Sum', (dy, { inputs: { x }, attrs: { axes } }) => ({
  x: () => broadcastTo(keepDimsOf(dy, x, axes), x.shape),
}));
// Π/xᵢ: undefined where an element is 0 (the caller's gradient there is not finite).
registerGradient('Prod', (dy, { inputs: { x }, output, attrs: { axes } }) => ({
  x: () => div(mul(keepDimsOf(dy, x, axes), keepDimsOf(output, x, axes)), x),
}));
// The gradient is shared equally among tied extremes (torch.amax).
const extremeGrad = (dy: Tensor, x: Tensor, y: Tensor, axes: readonly number[]): Tensor => {
  const winners = cast(equal(x, keepDimsOf(y, x, axes)), x.dtype);
  const count = sum(winners, axes, true);
  return mul(winners, div(keepDimsOf(dy, x, axes), count));
};
registerGradient('Max', (dy, { inputs: { x }, output, attrs: { axes } }) => ({
  x: () => extremeGrad(dy, x, output, axes),
}));
registerGradient('Min', (dy, { inputs: { x }, output, attrs: { axes } }) => ({
  x: () => extremeGrad(dy, x, output, axes),
}));
registerGradient('LogSumExp', (dy, { inputs: { x }, output, attrs: { axes } }) => ({
  x: () => mul(keepDimsOf(dy, x, axes), exp(sub(x, keepDimsOf(output, x, axes)))),
}));

// C = op(A)·op(B): dA and dB for each transpose combination.
registerGradient(
  'BatchMatMul',
  (dy, { inputs: { a, b }, attrs: { transposeA: tA, transposeB: tB } }) => ({
    a: () => (tA ? matMul(b, dy, tB, true) : matMul(dy, b, false, !tB)),
    b: () => (tB ? matMul(dy, a, true, tA) : matMul(a, dy, !tA, false)),
  }),
);

registerGradient('FusedMatMul', (dy, { inputs: { a, b, bias }, output, attrs }) => {
  const { transposeA: tA, transposeB: tB, activation, alpha } = attrs;
  let dz: Tensor | undefined;
  // d(loss)/d(pre-activation), computed once for the three inputs.
  const preActivationGrad = (): Tensor =>
    (dz ??= elementwiseActivationGrad(dy, output, activation, alpha, () => {
      const product = matMul(a, b, tA, tB);
      return bias ? add(product, bias) : product;
    }));
  return {
    a: () =>
      tA ? matMul(b, preActivationGrad(), tB, true) : matMul(preActivationGrad(), b, false, !tB),
    b: () =>
      tB ? matMul(preActivationGrad(), a, true, tA) : matMul(a, preActivationGrad(), !tA, false),
    bias: () => sum(preActivationGrad(), 0),
  };
});

// y = softmax(x): dx = y·(dy − Σ dy·y)
registerGradient('Softmax', (dy, { output: y }) => ({
  x: () => mul(y, sub(dy, sum(mul(dy, y), -1, true))),
}));
// y = log softmax(x): dx = dy − softmax(x)·Σ dy
registerGradient('LogSoftmax', (dy, { output: y }) => ({
  x: () => sub(dy, mul(exp(y), sum(dy, -1, true))),
}));
