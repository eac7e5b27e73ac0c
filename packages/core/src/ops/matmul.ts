// Matrix products, batched over leading axes with broadcasting.
import { registerComposite } from '../engine/composites.js';
import { ENGINE } from '../engine/engine.js';
import { DtypeError, ShapeError, formatShape, invalidArgument } from '../errors.js';
import type { FusedActivation } from '../kernels/types.js';
import { FLOAT_DTYPES, assertDType } from '../tensor/dtypes.js';
import { broadcastShapes, shapesEqual, sizeFromShape } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { elu, gelu, leakyRelu, relu, relu6, sigmoid, silu, tanh } from './activations.js';
import { add } from './binary.js';
import { asTensor } from './convert.js';
import { broadcastTo, reshape } from './shape.js';

function checkOperands(op: string, a: Tensor, b: Tensor, transposeA: boolean, transposeB: boolean) {
  a = asTensor(op, 'a', a);
  b = asTensor(op, 'b', b);
  if (a.rank < 2 || b.rank < 2) {
    throw new ShapeError(
      op,
      `a and b must have rank ≥ 2: a is ${formatShape(a.shape)}, b is ${formatShape(b.shape)}`,
    );
  }
  if (a.dtype !== b.dtype)
    throw new DtypeError(op, `dtypes differ: a is ${a.dtype}, b is ${b.dtype}`);
  assertDType(op, 'a', a.dtype, FLOAT_DTYPES);
  const [m, k] = transposeA ? [a.shape[a.rank - 1], a.shape[a.rank - 2]] : a.shape.slice(-2);
  const [kb, n] = transposeB ? [b.shape[b.rank - 1], b.shape[b.rank - 2]] : b.shape.slice(-2);
  if (k !== kb) {
    throw new ShapeError(
      op,
      `inner dimensions differ: a is ${formatShape(a.shape)}${transposeA ? ' (transposed)' : ''}, b is ${formatShape(b.shape)}${transposeB ? ' (transposed)' : ''} (${k} ≠ ${kb})`,
    );
  }
  const batch = broadcastShapes(op, a.shape.slice(0, -2), b.shape.slice(0, -2));
  return { m, n, batch };
}

/** a·b over the last two axes, batched (with broadcasting) over the leading ones. */
export function matMul(a: Tensor, b: Tensor, transposeA = false, transposeB = false): Tensor {
  const op = 'matMul';
  const { m, n, batch } = checkOperands(op, a, b, transposeA, transposeB);
  const attrs = { transposeA, transposeB };
  if (
    a.rank === 3 &&
    b.rank === 3 &&
    (a.shape[0] === b.shape[0] || a.shape[0] === 1 || b.shape[0] === 1)
  ) {
    return ENGINE.runKernel('BatchMatMul', { a, b }, attrs, op);
  }
  return ENGINE.tidy(() => {
    const as3 = (t: Tensor): Tensor => {
      const lead = t.shape.slice(0, -2);
      const full =
        shapesEqual(lead, batch) || sizeFromShape(lead) === 1
          ? t
          : broadcastTo(t, [...batch, ...t.shape.slice(-2)]);
      return reshape(full, [sizeFromShape(full.shape.slice(0, -2)), ...t.shape.slice(-2)]);
    };
    const out = ENGINE.runKernel('BatchMatMul', { a: as3(a), b: as3(b) }, attrs, op);
    return reshape(out, [...batch, m, n]);
  });
}

export interface FusedMatMulArgs {
  a: Tensor;
  b: Tensor;
  bias?: Tensor;
  activation?: FusedActivation;
  /** Slope of leakyRelu, or alpha of elu. */
  alpha?: number;
  transposeA?: boolean;
  transposeB?: boolean;
}

const ACTIVATIONS: readonly FusedActivation[] = [
  'linear',
  'relu',
  'relu6',
  'sigmoid',
  'tanh',
  'elu',
  'leakyRelu',
  'gelu',
  'silu',
];

/** activation(a·b + bias) for 2-D a and b in one kernel where the backend has one (dense layers). */
export function fusedMatMul(args: FusedMatMulArgs): Tensor {
  const op = 'fusedMatMul';
  const { a, b, bias, activation = 'linear', transposeA = false, transposeB = false } = args;
  const alpha = args.alpha ?? (activation === 'elu' ? 1 : 0.01);
  if (!ACTIVATIONS.includes(activation))
    throw invalidArgument(
      op,
      'activation',
      ACTIVATIONS.map((x) => `'${x}'`).join(', '),
      activation,
    );
  const { n } = checkOperands(op, a, b, transposeA, transposeB);
  if (a.rank !== 2 || b.rank !== 2) {
    throw new ShapeError(
      op,
      `a and b must be 2-D: a is ${formatShape(a.shape)}, b is ${formatShape(b.shape)}`,
    );
  }
  if (bias !== undefined) {
    asTensor(op, 'bias', bias);
    if (bias.dtype !== a.dtype)
      throw new DtypeError(op, `dtypes differ: a is ${a.dtype}, bias is ${bias.dtype}`);
    if (bias.rank !== 1 || bias.shape[0] !== n) {
      throw new ShapeError(
        op,
        `bias must have shape [${n}] (the output width), got ${formatShape(bias.shape)}`,
      );
    }
  }
  const inputs = bias === undefined ? { a, b } : { a, b, bias };
  return ENGINE.runKernel('FusedMatMul', inputs, { transposeA, transposeB, activation, alpha }, op);
}

/** Applies a fused activation by name (shared by the composite and the gradient). */
export function applyActivation(x: Tensor, activation: FusedActivation, alpha: number): Tensor {
  switch (activation) {
    case 'linear':
      return x;
    case 'relu':
      return relu(x);
    case 'relu6':
      return relu6(x);
    case 'sigmoid':
      return sigmoid(x);
    case 'tanh':
      return tanh(x);
    case 'elu':
      return elu(x, alpha);
    case 'leakyRelu':
      return leakyRelu(x, alpha);
    case 'gelu':
      return gelu(x);
    case 'silu':
      return silu(x);
  }
}

registerComposite(
  'FusedMatMul',
  ({ a, b, bias }, { transposeA, transposeB, activation, alpha }) => {
    const product = matMul(a, b, transposeA, transposeB);
    return applyActivation(bias ? add(product, bias) : product, activation, alpha);
  },
);
