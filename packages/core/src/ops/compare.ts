// Comparisons and logic; results are bool tensors.
import { ENGINE } from '../engine/engine.js';
import { DtypeError } from '../errors.js';
import { DTYPES } from '../tensor/dtypes.js';
import { broadcastShapes } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { asTensor } from './convert.js';
import { binary } from './elementwise.js';

type Operand = Tensor | number;
const ANY = DTYPES;

export const equal = (a: Operand, b: Operand): Tensor => binary('Equal', 'equal', a, b, ANY);
export const notEqual = (a: Operand, b: Operand): Tensor =>
  binary('NotEqual', 'notEqual', a, b, ANY);
export const less = (a: Operand, b: Operand): Tensor => binary('Less', 'less', a, b, ANY);
export const lessEqual = (a: Operand, b: Operand): Tensor =>
  binary('LessEqual', 'lessEqual', a, b, ANY);
export const greater = (a: Operand, b: Operand): Tensor => binary('Greater', 'greater', a, b, ANY);
export const greaterEqual = (a: Operand, b: Operand): Tensor =>
  binary('GreaterEqual', 'greaterEqual', a, b, ANY);
export const logicalAnd = (a: Tensor, b: Tensor): Tensor =>
  binary('LogicalAnd', 'logicalAnd', a, b, ['bool']);
export const logicalOr = (a: Tensor, b: Tensor): Tensor =>
  binary('LogicalOr', 'logicalOr', a, b, ['bool']);

/** Picks a where condition is true, else b; the three broadcast together. */
export function where(condition: Tensor, a: Operand, b: Operand): Tensor {
  const op = 'where';
  condition = asTensor(op, 'condition', condition);
  if (condition.dtype !== 'bool') {
    throw new DtypeError(op, `condition must be bool, got ${condition.dtype}`);
  }
  return ENGINE.tidy(() => {
    const ta = asTensor(op, 'a', a, typeof b === 'number' ? undefined : b.dtype);
    const tb = asTensor(op, 'b', b, ta.dtype);
    if (ta.dtype !== tb.dtype) {
      throw new DtypeError(op, `dtypes differ: a is ${ta.dtype}, b is ${tb.dtype}`);
    }
    const ab = broadcastShapes(op, ta.shape, tb.shape);
    broadcastShapes(op, condition.shape, ab, ['condition', 'a and b']);
    return ENGINE.runKernel('Where', { condition, a: ta, b: tb }, {}, op);
  });
}
