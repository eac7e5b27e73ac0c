// Shape helpers the kernels share (core computes the checks; these only derive layouts).
export { reduceGeometry } from '@tensile/core';

export function reducedShapeOf(
  shape: readonly number[],
  axes: readonly number[],
  keepDims: boolean,
): number[] {
  const out: number[] = [];
  shape.forEach((d, i) => {
    if (!axes.includes(i)) out.push(d);
    else if (keepDims) out.push(1);
  });
  return out;
}
