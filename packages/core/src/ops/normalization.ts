// Batch and layer normalization, with composite defaults.
import { registerComposite } from '../engine/composites.js';
import { ENGINE } from '../engine/engine.js';
import { DtypeError, ShapeError, formatShape, invalidArgument } from '../errors.js';
import { FLOAT_DTYPES, assertDType } from '../tensor/dtypes.js';
import { broadcastShapes, shapesEqual } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { add, mul, sub } from './binary.js';
import { asTensor } from './convert.js';
import { mean, variance } from './reduce.js';
import { rsqrt } from './unary.js';

function checkBroadcastable(op: string, x: Tensor, name: string, t: Tensor | undefined): void {
  if (t === undefined) return;
  asTensor(op, name, t);
  if (t.dtype !== x.dtype)
    throw new DtypeError(op, `dtypes differ: x is ${x.dtype}, ${name} is ${t.dtype}`);
  const out = broadcastShapes(op, x.shape, t.shape, ['x', name]);
  if (!shapesEqual(out, x.shape)) {
    throw new ShapeError(
      op,
      `${name} ${formatShape(t.shape)} must broadcast to x ${formatShape(x.shape)}`,
    );
  }
}

/** (x − mean)/√(variance + eps)·scale + offset; the statistics broadcast against x. */
export function batchNorm(
  x: Tensor,
  mean: Tensor,
  variance: Tensor,
  offset?: Tensor,
  scale?: Tensor,
  eps = 1e-3,
): Tensor {
  const op = 'batchNorm';
  x = asTensor(op, 'x', x);
  assertDType(op, 'x', x.dtype, FLOAT_DTYPES);
  if (!(eps > 0)) throw invalidArgument(op, 'eps', '> 0', eps);
  checkBroadcastable(op, x, 'mean', mean);
  checkBroadcastable(op, x, 'variance', variance);
  checkBroadcastable(op, x, 'offset', offset);
  checkBroadcastable(op, x, 'scale', scale);
  const inputs: Parameters<typeof ENGINE.runKernel<'BatchNorm'>>[1] = { x, mean, variance };
  if (offset) inputs.offset = offset;
  if (scale) inputs.scale = scale;
  return ENGINE.runKernel('BatchNorm', inputs, { eps }, op);
}

/** Normalizes over the last axis with the biased variance, then gamma·x̂ + beta (both [lastDim]). */
export function layerNorm(x: Tensor, gamma?: Tensor, beta?: Tensor, eps = 1e-5): Tensor {
  const op = 'layerNorm';
  x = asTensor(op, 'x', x);
  assertDType(op, 'x', x.dtype, FLOAT_DTYPES);
  if (!(eps > 0)) throw invalidArgument(op, 'eps', '> 0', eps);
  const last = x.shape[x.rank - 1];
  for (const [name, t] of [
    ['gamma', gamma],
    ['beta', beta],
  ] as const) {
    if (t === undefined) continue;
    asTensor(op, name, t);
    if (t.rank !== 1 || t.shape[0] !== last) {
      throw new ShapeError(
        op,
        `${name} must have shape [${last}] (x's last axis), got ${formatShape(t.shape)}`,
      );
    }
    if (t.dtype !== x.dtype)
      throw new DtypeError(op, `dtypes differ: x is ${x.dtype}, ${name} is ${t.dtype}`);
  }
  const inputs: Parameters<typeof ENGINE.runKernel<'LayerNorm'>>[1] = { x };
  if (gamma) inputs.gamma = gamma;
  if (beta) inputs.beta = beta;
  return ENGINE.runKernel('LayerNorm', inputs, { eps }, op);
}

registerComposite('BatchNorm', ({ x, mean: m, variance: v, offset, scale }, { eps }) => {
  let y = mul(sub(x, m), rsqrt(add(v, eps)));
  if (scale) y = mul(y, scale);
  return offset ? add(y, offset) : y;
});

registerComposite('LayerNorm', ({ x, gamma, beta }, { eps }) => {
  const centered = sub(x, mean(x, -1, true));
  let y = mul(centered, rsqrt(add(variance(x, -1, true), eps)));
  if (gamma) y = mul(y, gamma);
  return beta ? add(y, beta) : y;
});

registerComposite('Dropout', ({ x, mask }, { rate }) => mul(x, mul(mask, 1 / (1 - rate))));
