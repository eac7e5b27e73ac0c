// Strided boxes: the layout every element-wise, where and copy kernel takes. An output of any rank
// is walked in row-major order while each operand is read at Σ index·stride (stride 0 along
// broadcast axes). Axes of size 1 are dropped and neighbouring axes merged wherever every operand
// stays contiguous across them, which leaves one to three axes for almost every real case; the
// module takes four (d0 … d3), and any rank beyond that is looped over here.

/** Four axes (outermost first) and, per operand, the element strides along them. */
export interface Box {
  dims: [number, number, number, number];
  strides: Array<[number, number, number, number]>;
  /** Element offset of this box in each operand. */
  offsets: number[];
  /** Element offset of this box in the output. */
  outOffset: number;
  /** Output elements in the box. */
  size: number;
}

/** Element strides of `shape` broadcast against `outShape` (0 along broadcast axes). */
export function broadcastStrides(shape: readonly number[], outShape: readonly number[]): number[] {
  const rank = outShape.length;
  const strides = new Array<number>(rank).fill(0);
  let stride = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const d = i + rank - shape.length;
    strides[d] = shape[i] === 1 ? 0 : stride;
    stride *= shape[i];
  }
  return strides;
}

/** Row-major element strides of a shape. */
export function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = stride;
    stride *= shape[i];
  }
  return strides;
}

/**
 * The boxes covering an output of `outShape` whose operands are read with `operandStrides`
 * (one stride per output axis each). Usually one box; more only past four axes after merging.
 */
export function stridedBoxes(
  outShape: readonly number[],
  operandStrides: ReadonlyArray<readonly number[]>,
): Box[] {
  const dims: number[] = [];
  const strides: number[][] = operandStrides.map(() => []);
  for (let axis = 0; axis < outShape.length; axis++) {
    const d = outShape[axis];
    if (d === 1) continue;
    const last = dims.length - 1;
    // merge into the previous axis when every operand steps across the boundary contiguously
    if (last >= 0 && operandStrides.every((s, k) => strides[k][last] === s[axis] * d)) {
      dims[last] *= d;
      strides.forEach((s, k) => (s[last] = operandStrides[k][axis]));
      continue;
    }
    dims.push(d);
    strides.forEach((s, k) => s.push(operandStrides[k][axis]));
  }
  while (dims.length < 4) {
    dims.unshift(1);
    strides.forEach((s) => s.unshift(0));
  }
  const lead = dims.length - 4;
  const inner = dims.slice(lead) as Box['dims'];
  const size = inner[0] * inner[1] * inner[2] * inner[3];
  const innerStrides = strides.map((s) => s.slice(lead) as Box['dims']);
  if (lead === 0) {
    return [
      { dims: inner, strides: innerStrides, offsets: strides.map(() => 0), outOffset: 0, size },
    ];
  }
  // rank > 4 after merging: one box per index of the leading axes
  const boxes: Box[] = [];
  const leadDims = dims.slice(0, lead);
  const count = leadDims.reduce((p, d) => p * d, 1);
  const index = new Array<number>(lead).fill(0);
  for (let b = 0; b < count; b++) {
    const offsets = strides.map((s) => index.reduce((sum, i, axis) => sum + i * s[axis], 0));
    boxes.push({ dims: inner, strides: innerStrides, offsets, outOffset: b * size, size });
    for (let axis = lead - 1; axis >= 0; axis--) {
      if (++index[axis] < leadDims[axis]) break;
      index[axis] = 0;
    }
  }
  return boxes;
}
