// Arithmetic with NumPy broadcasting.
import { NUMERIC_DTYPES } from '../tensor/dtypes.js';
import type { Tensor } from '../tensor/tensor.js';
import { binary } from './elementwise.js';
import { FLOAT_DTYPES } from '../tensor/dtypes.js';

type Operand = Tensor | number;
const N = NUMERIC_DTYPES;
const F = FLOAT_DTYPES;

export const add = (a: Operand, b: Operand): Tensor => binary('Add', 'add', a, b, N);
export const sub = (a: Operand, b: Operand): Tensor => binary('Sub', 'sub', a, b, N);
export const mul = (a: Operand, b: Operand): Tensor => binary('Mul', 'mul', a, b, N);
/** True division; int32 operands are rejected (cast to float first). */
export const div = (a: Operand, b: Operand): Tensor => binary('Div', 'div', a, b, F);
export const pow = (a: Operand, b: Operand): Tensor => binary('Pow', 'pow', a, b, F);
export const maximum = (a: Operand, b: Operand): Tensor => binary('Maximum', 'maximum', a, b, N);
export const minimum = (a: Operand, b: Operand): Tensor => binary('Minimum', 'minimum', a, b, N);
/** The remainder with the divisor's sign (Python's %, torch.remainder). */
export const mod = (a: Operand, b: Operand): Tensor => binary('Mod', 'mod', a, b, N);
export const squaredDifference = (a: Operand, b: Operand): Tensor =>
  binary('SquaredDifference', 'squaredDifference', a, b, N);
