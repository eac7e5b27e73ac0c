// Rows of a tensor by index: how index splits, permutations and batches become tensors.
import type { Tensor } from '@tensile/core';
import { DtypeError, ShapeError, ValueError, formatShape, gather, tensor } from '@tensile/core';
import { assertTensor } from './validate.js';

/** The indices as an Int32Array, each checked to lie in [0, rows). */
export function checkedIndices(
  op: string,
  arg: string,
  indices: ArrayLike<number> | Tensor,
  rows: number,
): Int32Array {
  let values: ArrayLike<number>;
  if (ArrayBuffer.isView(indices) || Array.isArray(indices)) {
    values = indices as ArrayLike<number>;
  } else {
    assertTensor(op, arg, indices);
    const t = indices as Tensor;
    if (t.dtype !== 'int32') throw new DtypeError(op, `${arg} must be int32, got ${t.dtype}`);
    if (t.rank !== 1) {
      throw new ShapeError(op, `${arg} must be 1-D, got shape ${formatShape(t.shape)}`);
    }
    values = t.dataSync();
  }
  const out = values instanceof Int32Array ? values : new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isInteger(v) || v < 0 || v >= rows) {
      throw new ValueError(
        op,
        `${arg}[${i}] is ${v}, outside [0, ${rows}) for the ${rows} rows of x`,
      );
    }
    out[i] = v;
  }
  return out;
}

/**
 * `x[indices]` along axis 0 (a gather): `take(x, split.train)` turns an index split into a
 * tensor. Indices may repeat; each must lie in [0, x.shape[0]). Returns a new tensor.
 */
export function take(x: Tensor, indices: ArrayLike<number> | Tensor): Tensor {
  const op = 'take';
  assertTensor(op, 'x', x);
  if (x.rank === 0) throw new ShapeError(op, `x must have at least one axis, got shape []`);
  const checked = checkedIndices(op, 'indices', indices, x.shape[0]);
  const index = tensor(checked, [checked.length], 'int32');
  try {
    return gather(x, index, 0);
  } finally {
    index.dispose();
  }
}
