// Gradients of the element-wise kernels. Derivatives at kinks follow PyTorch
// (relu'(0) = 0, leaky/prelu'(0) = the left slope, elu'(0) = alpha, hardswish'(3) = 1).
import { SELU_ALPHA, SELU_SCALE, sigmoid, softplus, tanh } from '../../ops/activations.js';
import { add, div, mul, sub, pow } from '../../ops/binary.js';
import {
  equal,
  greater,
  greaterEqual,
  less,
  lessEqual,
  logicalAnd,
  where,
} from '../../ops/compare.js';
import { onesLike, zerosLike } from '../../ops/create.js';
import { abs, cast, cos, erf, exp, floor, log, neg, sign, sin, square } from '../../ops/unary.js';
import { registerGradient, registerZeroGradient } from '../registry.js';
import type { Tensor } from '../../tensor/tensor.js';

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/** dy where mask holds, else 0. */
const masked = (mask: Tensor, dy: Tensor): Tensor => where(mask, dy, zerosLike(dy));

registerZeroGradient('Sign', 'Floor', 'Ceil', 'Round', 'Step');
registerZeroGradient('Equal', 'NotEqual', 'Less', 'LessEqual', 'Greater', 'GreaterEqual');
registerZeroGradient('LogicalAnd', 'LogicalOr', 'LogicalNot', 'ArgMax', 'ArgMin', 'OneHot');

registerGradient('Neg', (dy) => ({ x: () => neg(dy) }));
registerGradient('Abs', (dy, { inputs: { x } }) => ({ x: () => mul(dy, sign(x)) }));
registerGradient('Exp', (dy, { output }) => ({ x: () => mul(dy, output) }));
registerGradient('Log', (dy, { inputs: { x } }) => ({ x: () => div(dy, x) }));
registerGradient('Log1p', (dy, { inputs: { x } }) => ({ x: () => div(dy, add(x, 1)) }));
registerGradient('Expm1', (dy, { output }) => ({ x: () => mul(dy, add(output, 1)) }));
registerGradient('Sqrt', (dy, { output }) => ({ x: () => div(dy, mul(output, 2)) }));
// d/dx x^(-1/2) = -½·x^(-3/2) = -½·y³
registerGradient('Rsqrt', (dy, { output }) => ({ x: () => mul(dy, mul(pow(output, 3), -0.5)) }));
registerGradient('Square', (dy, { inputs: { x } }) => ({ x: () => mul(dy, mul(x, 2)) }));
registerGradient('Reciprocal', (dy, { output }) => ({ x: () => neg(mul(dy, square(output))) }));
// erf'(x) = 2/√π·e^(−x²)
registerGradient('Erf', (dy, { inputs: { x } }) => ({
  x: () => mul(dy, mul(exp(neg(square(x))), TWO_OVER_SQRT_PI)),
}));
registerGradient('Sin', (dy, { inputs: { x } }) => ({ x: () => mul(dy, cos(x)) }));
registerGradient('Cos', (dy, { inputs: { x } }) => ({ x: () => neg(mul(dy, sin(x))) }));
registerGradient('Cast', (dy, { inputs: { x } }) => ({ x: () => cast(dy, x.dtype) }));
registerGradient('Identity', (dy) => ({ x: () => dy }));
registerGradient('ClipByValue', (dy, { inputs: { x }, attrs: { min, max } }) => ({
  x: () => masked(logicalAnd(greaterEqual(x, min), lessEqual(x, max)), dy),
}));

registerGradient('Sigmoid', (dy, { output: y }) => ({ x: () => mul(dy, mul(y, sub(1, y))) }));
registerGradient('Tanh', (dy, { output: y }) => ({ x: () => mul(dy, sub(1, square(y))) }));
registerGradient('Relu', (dy, { inputs: { x } }) => ({ x: () => masked(greater(x, 0), dy) }));
registerGradient('Relu6', (dy, { inputs: { x } }) => ({
  x: () => masked(logicalAnd(greater(x, 0), less(x, 6)), dy),
}));
registerGradient('LeakyRelu', (dy, { inputs: { x }, attrs: { alpha } }) => ({
  x: () => where(greater(x, 0), dy, mul(dy, alpha)),
}));
// For x ≤ 0, y = α(eˣ − 1), so α·eˣ = y + α.
registerGradient('Elu', (dy, { inputs: { x }, output: y, attrs: { alpha } }) => ({
  x: () => where(greater(x, 0), dy, mul(dy, add(y, alpha))),
}));
registerGradient('Selu', (dy, { inputs: { x }, output: y }) => ({
  x: () => where(greater(x, 0), mul(dy, SELU_SCALE), mul(dy, add(y, SELU_SCALE * SELU_ALPHA))),
}));
registerGradient('Gelu', (dy, { inputs: { x }, attrs: { approximate } }) => ({
  x: () => {
    if (approximate === 'tanh') {
      // u = √(2/π)(x + 0.044715x³); d = ½(1 + tanh u) + ½x·(1 − tanh²u)·√(2/π)(1 + 3·0.044715x²)
      const x2 = square(x);
      const t = tanh(mul(add(x, mul(mul(x2, x), 0.044715)), SQRT_2_OVER_PI));
      const du = mul(add(mul(x2, 3 * 0.044715), 1), SQRT_2_OVER_PI);
      const d = add(mul(add(t, 1), 0.5), mul(mul(mul(x, 0.5), sub(1, square(t))), du));
      return mul(dy, d);
    }
    // Φ(x) + x·φ(x), with Φ through erf's own kernel
    const cdf = mul(add(erf(mul(x, Math.SQRT1_2)), 1), 0.5);
    const pdf = mul(exp(mul(square(x), -0.5)), INV_SQRT_2PI);
    return mul(dy, add(cdf, mul(x, pdf)));
  },
}));
registerGradient('Silu', (dy, { inputs: { x } }) => ({
  x: () => {
    const s = sigmoid(x);
    return mul(dy, mul(s, add(mul(x, sub(1, s)), 1)));
  },
}));
registerGradient('Mish', (dy, { inputs: { x } }) => ({
  x: () => {
    const t = tanh(softplus(x));
    return mul(dy, add(t, mul(mul(x, sub(1, square(t))), sigmoid(x))));
  },
}));
// PyTorch's threshold: for x > 20 softplus is x, so its derivative is 1.
registerGradient('Softplus', (dy, { inputs: { x } }) => ({
  x: () => where(greater(x, 20), dy, mul(dy, sigmoid(x))),
}));
registerGradient('Softsign', (dy, { inputs: { x } }) => ({
  x: () => div(dy, square(add(abs(x), 1))),
}));
registerGradient('HardSigmoid', (dy, { inputs: { x } }) => ({
  x: () => masked(logicalAnd(greater(x, -3), less(x, 3)), div(dy, 6)),
}));
registerGradient('HardSwish', (dy, { inputs: { x } }) => ({
  x: () =>
    where(
      lessEqual(x, -3),
      zerosLike(dy),
      where(greaterEqual(x, 3), dy, mul(dy, add(div(x, 3), 0.5))),
    ),
}));
registerGradient('Prelu', (dy, { inputs: { x, alpha } }) => ({
  x: () => where(greater(x, 0), dy, mul(dy, alpha)),
  alpha: () => where(greater(x, 0), zerosLike(dy), mul(dy, x)),
}));

registerGradient('Add', (dy) => ({ a: () => dy, b: () => dy }));
registerGradient('Sub', (dy) => ({ a: () => dy, b: () => neg(dy) }));
registerGradient('Mul', (dy, { inputs: { a, b } }) => ({
  a: () => mul(dy, b),
  b: () => mul(dy, a),
}));
registerGradient('Div', (dy, { inputs: { a, b } }) => ({
  a: () => div(dy, b),
  b: () => neg(div(mul(dy, a), square(b))),
}));
// d(aᵇ)/da = b·aᵇ⁻¹; d(aᵇ)/db = aᵇ·ln a, taken as 0 where a ≤ 0 (PyTorch masks it likewise).
registerGradient('Pow', (dy, { inputs: { a, b }, output }) => ({
  a: () => mul(dy, mul(b, pow(a, sub(b, 1)))),
  b: () => {
    const positive = greater(a, 0);
    const logA = log(where(positive, a, onesLike(a)));
    return where(positive, mul(dy, mul(output, logA)), zerosLike(dy));
  },
}));
// Ties share the gradient equally, as torch.maximum.
const tieShare = (winner: Tensor, tie: Tensor, dy: Tensor): Tensor =>
  add(masked(winner, dy), masked(tie, mul(dy, 0.5)));
registerGradient('Maximum', (dy, { inputs: { a, b } }) => ({
  a: () => tieShare(greater(a, b), equal(a, b), dy),
  b: () => tieShare(less(a, b), equal(a, b), dy),
}));
registerGradient('Minimum', (dy, { inputs: { a, b } }) => ({
  a: () => tieShare(less(a, b), equal(a, b), dy),
  b: () => tieShare(greater(a, b), equal(a, b), dy),
}));
// a mod b = a − b·⌊a/b⌋
registerGradient('Mod', (dy, { inputs: { a, b } }) => ({
  a: () => dy,
  b: () => neg(mul(dy, floor(div(a, b)))),
}));
registerGradient('SquaredDifference', (dy, { inputs: { a, b } }) => ({
  a: () => mul(dy, mul(sub(a, b), 2)),
  b: () => mul(dy, mul(sub(b, a), 2)),
}));
registerGradient('Where', (dy, { inputs: { condition } }) => ({
  a: () => masked(condition, dy),
  b: () => where(condition, zerosLike(dy), dy),
}));
registerGradient('Dropout', (dy, { inputs: { mask }, attrs: { rate } }) => ({
  x: () => mul(dy, mul(mask, 1 / (1 - rate))),
}));
