// One strided copy serves transpose, slice, broadcastTo and pad: walk `shape` in row-major order,
// reading src at Σ index·srcStrides and writing out at Σ index·outStrides.
import type { TypedArray } from '@tensile/core';
import { stridesOf } from '@tensile/core';

export function copyStrided(
  src: TypedArray,
  srcOffset: number,
  srcStrides: ArrayLike<number>,
  shape: readonly number[],
  out: TypedArray,
  outOffset = 0,
  outStrides: ArrayLike<number> = stridesOf(shape),
): void {
  const rank = shape.length;
  if (rank === 0) {
    out[outOffset] = src[srcOffset];
    return;
  }
  for (const d of shape) if (d === 0) return;
  const last = rank - 1;
  const len = shape[last];
  const ss = srcStrides[last];
  const os = outStrides[last];
  const idx = new Int32Array(rank);
  let si = srcOffset;
  let oi = outOffset;
  while (true) {
    if (ss === 1 && os === 1) {
      for (let j = 0; j < len; j++) out[oi + j] = src[si + j];
    } else {
      for (let j = 0; j < len; j++) out[oi + j * os] = src[si + j * ss];
    }
    let d = last - 1;
    for (; d >= 0; d--) {
      idx[d]++;
      si += srcStrides[d];
      oi += outStrides[d];
      if (idx[d] < shape[d]) break;
      si -= srcStrides[d] * shape[d];
      oi -= outStrides[d] * shape[d];
      idx[d] = 0;
    }
    if (d < 0) return;
  }
}
