// Data movement: transpose, slice, concat, pad, tile, broadcastTo, gather/scatter, one-hot.
import { ValueError, stridesOf } from '@tensile/core';
import { broadcastStrides } from '../util/elementwise.js';
import { copyStrided } from '../util/strided.js';
import { allocate, defineKernel } from '../util/define.js';

const transpose = defineKernel('Transpose', ({ inputs: { x }, attrs: { perm }, backend }) => {
  const shape = perm.map((p) => x.shape[p]);
  const out = allocate(backend, shape, x.dtype);
  const strides = stridesOf(x.shape);
  const v = backend.readSync(x.dataId);
  if (x.shape.length === 2) {
    // Blocked 2-D transpose: both sides stay in cache.
    const [rows, cols] = x.shape;
    const o = out.values;
    const block = 32;
    for (let r0 = 0; r0 < rows; r0 += block) {
      for (let c0 = 0; c0 < cols; c0 += block) {
        const rEnd = Math.min(r0 + block, rows);
        const cEnd = Math.min(c0 + block, cols);
        for (let r = r0; r < rEnd; r++)
          for (let c = c0; c < cEnd; c++) o[c * rows + r] = v[r * cols + c];
      }
    }
    return out.finish();
  }
  copyStrided(
    v,
    0,
    perm.map((p) => strides[p]),
    shape,
    out.values,
  );
  return out.finish();
});

const slice = defineKernel('Slice', ({ inputs: { x }, attrs: { begin, size }, backend }) => {
  const out = allocate(backend, size, x.dtype);
  const strides = stridesOf(x.shape);
  const offset = begin.reduce((s, b, i) => s + b * strides[i], 0);
  copyStrided(backend.readSync(x.dataId), offset, strides, size, out.values);
  return out.finish();
});

const broadcastTo = defineKernel('BroadcastTo', ({ inputs: { x }, attrs: { shape }, backend }) => {
  const out = allocate(backend, shape, x.dtype);
  copyStrided(backend.readSync(x.dataId), 0, broadcastStrides(x.shape, shape), shape, out.values);
  return out.finish();
});

const pad = defineKernel(
  'Pad',
  ({ inputs: { x }, attrs: { paddings, constantValue }, backend }) => {
    const shape = x.shape.map((d, i) => d + paddings[i][0] + paddings[i][1]);
    const out = allocate(backend, shape, x.dtype);
    if (constantValue !== 0) out.values.fill(constantValue);
    const outStrides = stridesOf(shape);
    const offset = paddings.reduce((s, [before], i) => s + before * outStrides[i], 0);
    copyStrided(
      backend.readSync(x.dataId),
      0,
      stridesOf(x.shape),
      x.shape,
      out.values,
      offset,
      outStrides,
    );
    return out.finish();
  },
);

const concat = defineKernel('Concat', ({ inputs: { tensors }, attrs: { axis }, backend }) => {
  const first = tensors[0];
  const total = tensors.reduce((s, t) => s + t.shape[axis], 0);
  const shape = first.shape.map((d, i) => (i === axis ? total : d));
  const out = allocate(backend, shape, first.dtype);
  const outer = first.shape.slice(0, axis).reduce((p, d) => p * d, 1);
  const inner = first.shape.slice(axis + 1).reduce((p, d) => p * d, 1);
  const rowLength = total * inner;
  let column = 0;
  for (const t of tensors) {
    const v = backend.readSync(t.dataId);
    const chunk = t.shape[axis] * inner;
    for (let o = 0; o < outer; o++)
      out.values.set(v.subarray(o * chunk, (o + 1) * chunk), o * rowLength + column);
    column += chunk;
  }
  return out.finish();
});

const tile = defineKernel('Tile', ({ inputs: { x }, attrs: { reps }, backend }) => {
  const shape = x.shape.map((d, i) => d * reps[i]);
  const out = allocate(backend, shape, x.dtype);
  const v = backend.readSync(x.dataId);
  const strides = stridesOf(x.shape);
  const rank = shape.length;
  const idx = new Int32Array(rank);
  for (let i = 0; i < out.values.length; i++) {
    let src = 0;
    for (let d = 0; d < rank; d++) src += (idx[d] % x.shape[d]) * strides[d];
    out.values[i] = v[src];
    for (let d = rank - 1; d >= 0; d--) {
      if (++idx[d] < shape[d]) break;
      idx[d] = 0;
    }
  }
  return out.finish();
});

/** [outer, axisLength, inner] view of x with the gathered axis in the middle. */
function aroundAxis(shape: readonly number[], axis: number) {
  return {
    outer: shape.slice(0, axis).reduce((p, d) => p * d, 1),
    length: shape[axis],
    inner: shape.slice(axis + 1).reduce((p, d) => p * d, 1),
  };
}

const gather = defineKernel('Gather', ({ inputs: { x, indices }, attrs: { axis }, backend }) => {
  const { outer, length, inner } = aroundAxis(x.shape, axis);
  const shape = [...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)];
  const out = allocate(backend, shape, x.dtype);
  const v = backend.readSync(x.dataId);
  const ids = backend.readSync(indices.dataId);
  for (let j = 0; j < ids.length; j++) {
    if (ids[j] < 0 || ids[j] >= length) {
      throw new ValueError(
        'gather',
        `indices[${j}] is ${ids[j]}, outside [0, ${length}) for axis ${axis} of x [${x.shape.join(',')}]`,
      );
    }
  }
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < ids.length; j++) {
      const from = (o * length + ids[j]) * inner;
      out.values.set(v.subarray(from, from + inner), (o * ids.length + j) * inner);
    }
  }
  return out.finish();
});

const scatterAdd = defineKernel(
  'ScatterAdd',
  ({ inputs: { updates, indices }, attrs: { axis, dimSize }, backend }) => {
    const lead = updates.shape.slice(0, axis);
    const inner = updates.shape.slice(axis + indices.shape.length).reduce((p, d) => p * d, 1);
    const outer = lead.reduce((p, d) => p * d, 1);
    const shape = [...lead, dimSize, ...updates.shape.slice(axis + indices.shape.length)];
    const out = allocate(backend, shape, updates.dtype);
    const u = backend.readSync(updates.dataId);
    const ids = backend.readSync(indices.dataId);
    const o = out.values;
    for (let b = 0; b < outer; b++) {
      for (let j = 0; j < ids.length; j++) {
        const to = (b * dimSize + ids[j]) * inner;
        const from = (b * ids.length + j) * inner;
        for (let i = 0; i < inner; i++) o[to + i] += u[from + i];
      }
    }
    return out.finish();
  },
);

const oneHot = defineKernel(
  'OneHot',
  ({ inputs: { indices }, attrs: { depth, onValue, offValue, dtype }, backend }) => {
    const out = allocate(backend, [...indices.shape, depth], dtype);
    if (offValue !== 0) out.values.fill(offValue);
    const ids = backend.readSync(indices.dataId);
    for (let i = 0; i < ids.length; i++) {
      if (ids[i] >= 0 && ids[i] < depth) out.values[i * depth + ids[i]] = onValue;
    }
    return out.finish();
  },
);

export const shapeKernels = [
  transpose,
  slice,
  broadcastTo,
  pad,
  concat,
  tile,
  gather,
  scatterAdd,
  oneHot,
];
