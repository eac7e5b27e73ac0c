// dy·f'(z) for the activations FusedMatMul applies, from the output y where f is invertible
// enough, else from the recomputed pre-activation z.
import { add, mul, sub } from '../../ops/binary.js';
import { greater, less, logicalAnd, where } from '../../ops/compare.js';
import { zerosLike } from '../../ops/create.js';
import type { FusedActivation } from '../../kernels/types.js';
import type { Tensor } from '../../tensor/tensor.js';
import { square } from '../../ops/unary.js';
import { getGradient } from '../registry.js';

export function elementwiseActivationGrad(
  dy: Tensor,
  y: Tensor,
  activation: FusedActivation,
  alpha: number,
  preActivation: () => Tensor,
): Tensor {
  switch (activation) {
    case 'linear':
      return dy;
    case 'relu':
      return where(greater(y, 0), dy, zerosLike(dy));
    case 'relu6':
      return where(logicalAnd(greater(y, 0), less(y, 6)), dy, zerosLike(dy));
    case 'sigmoid':
      return mul(dy, mul(y, sub(1, y)));
    case 'tanh':
      return mul(dy, sub(1, square(y)));
    case 'elu':
      return where(greater(y, 0), dy, mul(dy, add(y, alpha)));
    case 'leakyRelu':
      return where(greater(y, 0), dy, mul(dy, alpha));
    case 'gelu':
      return (
        getGradient('Gelu')?.(dy, {
          inputs: { x: preActivation() },
          attrs: { approximate: 'none' },
          output: y,
        }).x?.() ?? missing('Gelu')
      );
    case 'silu':
      return (
        getGradient('Silu')?.(dy, { inputs: { x: preActivation() }, attrs: {}, output: y }).x?.() ??
        missing('Silu')
      );
  }
}

function missing(kernel: string): never {
  throw new Error(`the gradient of ${kernel} is not registered`);
}
