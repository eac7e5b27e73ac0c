// Element-wise math.
import { ENGINE } from '../engine/engine.js';
import { DtypeError, invalidArgument } from '../errors.js';
import type { DType } from '../tensor/dtypes.js';
import { FLOAT_DTYPES, NUMERIC_DTYPES, isDType } from '../tensor/dtypes.js';
import type { Tensor } from '../tensor/tensor.js';
import { asTensor } from './convert.js';
import { unary } from './elementwise.js';

const F = FLOAT_DTYPES;
const N = NUMERIC_DTYPES;

export const neg = (x: Tensor): Tensor => unary('Neg', 'neg', x, N, {});
export const abs = (x: Tensor): Tensor => unary('Abs', 'abs', x, N, {});
export const sign = (x: Tensor): Tensor => unary('Sign', 'sign', x, N, {});
export const exp = (x: Tensor): Tensor => unary('Exp', 'exp', x, F, {});
export const log = (x: Tensor): Tensor => unary('Log', 'log', x, F, {});
export const log1p = (x: Tensor): Tensor => unary('Log1p', 'log1p', x, F, {});
export const expm1 = (x: Tensor): Tensor => unary('Expm1', 'expm1', x, F, {});
export const sqrt = (x: Tensor): Tensor => unary('Sqrt', 'sqrt', x, F, {});
export const rsqrt = (x: Tensor): Tensor => unary('Rsqrt', 'rsqrt', x, F, {});
export const square = (x: Tensor): Tensor => unary('Square', 'square', x, N, {});
export const reciprocal = (x: Tensor): Tensor => unary('Reciprocal', 'reciprocal', x, F, {});
export const erf = (x: Tensor): Tensor => unary('Erf', 'erf', x, F, {});
export const floor = (x: Tensor): Tensor => unary('Floor', 'floor', x, F, {});
export const ceil = (x: Tensor): Tensor => unary('Ceil', 'ceil', x, F, {});
/** Rounds half to even, as NumPy and PyTorch. */
export const round = (x: Tensor): Tensor => unary('Round', 'round', x, F, {});
export const sin = (x: Tensor): Tensor => unary('Sin', 'sin', x, F, {});
export const cos = (x: Tensor): Tensor => unary('Cos', 'cos', x, F, {});
export const logicalNot = (x: Tensor): Tensor => unary('LogicalNot', 'logicalNot', x, ['bool'], {});

/** Converts to `dtype`: floats to int32 truncate toward zero, anything to bool is `≠ 0`. */
export function cast(x: Tensor, dtype: DType): Tensor {
  x = asTensor('cast', 'x', x);
  if (!isDType(dtype)) throw new DtypeError('cast', `unknown dtype '${String(dtype)}'`);
  if (dtype === x.dtype) return clone(x);
  return ENGINE.runKernel('Cast', { x }, { dtype }, 'cast');
}

/** A new tensor with the same values; shares the buffer (nothing is copied). */
export function clone(x: Tensor): Tensor {
  x = asTensor('clone', 'x', x);
  return ENGINE.runKernel('Identity', { x }, {}, 'clone');
}

export function clipByValue(x: Tensor, min: number, max: number): Tensor {
  if (!(min <= max)) throw invalidArgument('clipByValue', 'max', `≥ min (${min})`, max);
  return unary('ClipByValue', 'clipByValue', x, N, { min, max });
}
