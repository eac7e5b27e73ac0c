// Softmax and log-softmax; kernels work on the last axis, other axes are transposed there.
import { registerComposite } from '../engine/composites.js';
import { ENGINE } from '../engine/engine.js';
import { FLOAT_DTYPES, assertDType } from '../tensor/dtypes.js';
import { normalizeAxis } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { div, sub } from './binary.js';
import { asTensor } from './convert.js';
import { logSumExp, max, sum } from './reduce.js';
import { transpose } from './shape.js';
import { exp } from './unary.js';

function alongAxis(kernel: 'Softmax' | 'LogSoftmax', op: string, x: Tensor, axis: number): Tensor {
  x = asTensor(op, 'x', x);
  assertDType(op, 'x', x.dtype, FLOAT_DTYPES);
  const a = normalizeAxis(op, axis, x.rank, x.shape);
  if (a === x.rank - 1) return ENGINE.runKernel(kernel, { x }, {}, op);
  const perm = x.shape.map((_, i) => i);
  [perm[a], perm[x.rank - 1]] = [perm[x.rank - 1], perm[a]];
  return ENGINE.tidy(() =>
    transpose(ENGINE.runKernel(kernel, { x: transpose(x, perm) }, {}, op), perm),
  );
}

export const softmax = (x: Tensor, axis = -1): Tensor => alongAxis('Softmax', 'softmax', x, axis);
export const logSoftmax = (x: Tensor, axis = -1): Tensor =>
  alongAxis('LogSoftmax', 'logSoftmax', x, axis);

registerComposite('Softmax', ({ x }) => {
  const e = exp(sub(x, max(x, -1, true)));
  return div(e, sum(e, -1, true));
});
registerComposite('LogSoftmax', ({ x }) => sub(x, logSumExp(x, -1, true)));
