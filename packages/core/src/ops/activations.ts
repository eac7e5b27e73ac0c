// Activation functions. Sigmoid, tanh, relu and softplus are kernels of their own; the others
// also have a composite default body (used when a backend lacks the kernel), registered below.
import { registerComposite } from '../engine/composites.js';
import { ENGINE } from '../engine/engine.js';
import { DtypeError, ShapeError, formatShape, invalidArgument } from '../errors.js';
import type { GeluApproximation } from '../kernels/types.js';
import { FLOAT_DTYPES } from '../tensor/dtypes.js';
import type { Tensor } from '../tensor/tensor.js';
import { broadcastShapes } from '../tensor/shape.js';
import { add, mul, div } from './binary.js';
import { greater, greaterEqual, where } from './compare.js';
import { asTensor } from './convert.js';
import { unary } from './elementwise.js';
import { randomUniform } from './random.js';
import { abs, clipByValue, erf, expm1 } from './unary.js';

const F = FLOAT_DTYPES;

/** SELU's constants (Klambauer et al. 2017), as PyTorch. */
export const SELU_ALPHA = 1.6732632423543772;
export const SELU_SCALE = 1.0507009873554805;

export const sigmoid = (x: Tensor): Tensor => unary('Sigmoid', 'sigmoid', x, F, {});
export const tanh = (x: Tensor): Tensor => unary('Tanh', 'tanh', x, F, {});
export const relu = (x: Tensor): Tensor => unary('Relu', 'relu', x, F, {});
export const relu6 = (x: Tensor): Tensor => unary('Relu6', 'relu6', x, F, {});
export const leakyRelu = (x: Tensor, alpha = 0.01): Tensor =>
  unary('LeakyRelu', 'leakyRelu', x, F, { alpha });
export const elu = (x: Tensor, alpha = 1): Tensor => unary('Elu', 'elu', x, F, { alpha });
export const selu = (x: Tensor): Tensor => unary('Selu', 'selu', x, F, {});
export const silu = (x: Tensor): Tensor => unary('Silu', 'silu', x, F, {});
/** Swish with β = 1 is SiLU. */
export const swish = silu;
export const mish = (x: Tensor): Tensor => unary('Mish', 'mish', x, F, {});
/** PyTorch's softplus (β = 1, threshold 20): log(1 + eˣ), and x itself for x > 20. */
export const softplus = (x: Tensor): Tensor => unary('Softplus', 'softplus', x, F, {});
export const softsign = (x: Tensor): Tensor => unary('Softsign', 'softsign', x, F, {});
/** relu6(x + 3)/6 (PyTorch; not Keras's old 0.2x + 0.5). */
export const hardSigmoid = (x: Tensor): Tensor => unary('HardSigmoid', 'hardSigmoid', x, F, {});
export const hardSwish = (x: Tensor): Tensor => unary('HardSwish', 'hardSwish', x, F, {});
/** Heaviside step: 0 for x < 0, 1 for x ≥ 0. */
export const step = (x: Tensor): Tensor => unary('Step', 'step', x, F, {});

export interface GeluOptions {
  approximate?: GeluApproximation;
}

/** x·Φ(x) with the exact erf, or PyTorch's tanh approximation. */
export function gelu(x: Tensor, options: GeluOptions = {}): Tensor {
  const approximate = options.approximate ?? 'none';
  if (approximate !== 'none' && approximate !== 'tanh') {
    throw invalidArgument('gelu', 'approximate', "'none' or 'tanh'", approximate);
  }
  return unary('Gelu', 'gelu', x, F, { approximate });
}

/** max(0, x) + alpha·min(0, x); alpha broadcasts against x (one slope per channel: shape [C]). */
export function prelu(x: Tensor, alpha: Tensor): Tensor {
  x = asTensor('prelu', 'x', x);
  alpha = asTensor('prelu', 'alpha', alpha);
  if (alpha.dtype !== x.dtype) {
    throw new DtypeError('prelu', `dtypes differ: x is ${x.dtype}, alpha is ${alpha.dtype}`);
  }
  const out = broadcastShapes('prelu', x.shape, alpha.shape, ['x', 'alpha']);
  if (out.length !== x.rank || out.some((d, i) => d !== x.shape[i])) {
    throw new ShapeError(
      'prelu',
      `alpha must broadcast to x's shape: x is ${formatShape(x.shape)}, alpha is ${formatShape(alpha.shape)}`,
    );
  }
  return ENGINE.runKernel('Prelu', { x, alpha }, {}, 'prelu');
}

export interface RreluOptions {
  lower?: number;
  upper?: number;
  training?: boolean;
  seed?: number;
}

/**
 * Randomized leaky ReLU (PyTorch): in training each negative element gets a slope drawn from
 * U(lower, upper); in inference the mean slope (lower + upper)/2.
 */
export function rrelu(x: Tensor, options: RreluOptions = {}): Tensor {
  const { lower = 1 / 8, upper = 1 / 3, training = false, seed } = options;
  if (!(lower <= upper)) throw invalidArgument('rrelu', 'upper', `≥ lower (${lower})`, upper);
  if (!training) return leakyRelu(x, (lower + upper) / 2);
  return ENGINE.tidy(() => {
    const slopes = lower === upper ? lower : randomUniform(x.shape, lower, upper, x.dtype, seed);
    return where(greaterEqual(x, 0), x, mul(x, slopes));
  });
}

// ---- composite defaults -------------------------------------------------------------------------

const negativePart = (x: Tensor, alpha: number, curve: Tensor): Tensor =>
  where(greater(x, 0), x, mul(curve, alpha));

registerComposite('Relu6', ({ x }) => clipByValue(x, 0, 6));
registerComposite('LeakyRelu', ({ x }, { alpha }) => where(greater(x, 0), x, mul(x, alpha)));
registerComposite('Elu', ({ x }, { alpha }) => negativePart(x, alpha, expm1(x)));
registerComposite('Selu', ({ x }) => mul(negativePart(x, SELU_ALPHA, expm1(x)), SELU_SCALE));
registerComposite('Silu', ({ x }) => mul(x, sigmoid(x)));
registerComposite('Mish', ({ x }) => mul(x, tanh(softplus(x))));
registerComposite('Softsign', ({ x }) => div(x, add(abs(x), 1)));
registerComposite('HardSigmoid', ({ x }) => div(relu6(add(x, 3)), 6));
registerComposite('HardSwish', ({ x }) => mul(x, hardSigmoid(x)));
registerComposite('Prelu', ({ x, alpha }) => where(greater(x, 0), x, mul(x, alpha)));
registerComposite('Gelu', ({ x }, { approximate }) => {
  if (approximate === 'tanh') {
    // 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))
    const inner = mul(add(x, mul(mul(mul(x, x), x), 0.044715)), Math.sqrt(2 / Math.PI));
    return mul(mul(x, 0.5), add(tanh(inner), 1));
  }
  return mul(mul(x, 0.5), add(erf(mul(x, Math.SQRT1_2)), 1));
});
