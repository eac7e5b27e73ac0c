// Shape and data-movement ops. reshape, expandDims, squeeze and clone share the buffer.
import { registerComposite } from '../engine/composites.js';
import { ENGINE } from '../engine/engine.js';
import { DtypeError, ShapeError, ValueError, formatShape, invalidArgument } from '../errors.js';
import type { Shape } from '../tensor/shape.js';
import {
  assertValidShape,
  broadcastShapes,
  normalizeAxis,
  shapesEqual,
  sizeFromShape,
} from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { asTensor } from './convert.js';

/** Reshapes without copying; one dimension may be −1 and is inferred. */
export function reshape(x: Tensor, shape: Shape): Tensor {
  const op = 'reshape';
  x = asTensor(op, 'x', x);
  const resolved = resolveShape(op, x, shape);
  if (shapesEqual(resolved, x.shape)) return ENGINE.runKernel('Identity', { x }, {}, op);
  return ENGINE.runKernel('Reshape', { x }, { shape: resolved }, op);
}

function resolveShape(op: string, x: Tensor, shape: Shape): number[] {
  const out = [...shape];
  const unknown = out.indexOf(-1);
  if (unknown !== -1 && out.indexOf(-1, unknown + 1) !== -1) {
    throw new ShapeError(op, `only one dimension may be -1, got ${formatShape(shape)}`);
  }
  if (unknown !== -1) {
    const known = out.reduce((p, d, i) => (i === unknown ? p : p * d), 1);
    if (known === 0 || x.size % known !== 0) {
      throw new ShapeError(
        op,
        `cannot reshape x of shape ${formatShape(x.shape)} (${x.size} elements) into ${formatShape(shape)}`,
      );
    }
    out[unknown] = x.size / known;
  }
  assertValidShape(op, out);
  if (sizeFromShape(out) !== x.size) {
    throw new ShapeError(
      op,
      `cannot reshape x of shape ${formatShape(x.shape)} (${x.size} elements) into ${formatShape(shape)} (${sizeFromShape(out)} elements)`,
    );
  }
  return out;
}

/** Permutes the axes; reverses them when `perm` is omitted. */
export function transpose(x: Tensor, perm?: readonly number[]): Tensor {
  const op = 'transpose';
  x = asTensor(op, 'x', x);
  const p = perm ? [...perm] : x.shape.map((_, i) => x.rank - 1 - i);
  const normalized = p.map((a) => normalizeAxis(op, a, x.rank, x.shape));
  if (p.length !== x.rank || new Set(normalized).size !== x.rank) {
    throw invalidArgument(
      op,
      'perm',
      `a permutation of 0…${x.rank - 1} for shape ${formatShape(x.shape)}`,
      p,
    );
  }
  if (normalized.every((a, i) => a === i)) return ENGINE.runKernel('Identity', { x }, {}, op);
  return ENGINE.runKernel('Transpose', { x }, { perm: normalized }, op);
}

export function expandDims(x: Tensor, axis = 0): Tensor {
  x = asTensor('expandDims', 'x', x);
  const a = normalizeAxis('expandDims', axis, x.rank + 1, x.shape);
  const shape = [...x.shape];
  shape.splice(a, 0, 1);
  return reshape(x, shape);
}

/** Removes size-1 axes: all of them, or the given ones (which must have size 1). */
export function squeeze(x: Tensor, axis?: number | readonly number[]): Tensor {
  const op = 'squeeze';
  x = asTensor(op, 'x', x);
  const axes =
    axis === undefined
      ? x.shape.flatMap((d, i) => (d === 1 ? [i] : []))
      : (typeof axis === 'number' ? [axis] : axis).map((a) =>
          normalizeAxis(op, a, x.rank, x.shape),
        );
  for (const a of axes) {
    if (x.shape[a] !== 1) {
      throw new ShapeError(
        op,
        `axis ${a} of x ${formatShape(x.shape)} has size ${x.shape[a]}, not 1`,
      );
    }
  }
  return reshape(
    x,
    x.shape.filter((_, i) => !axes.includes(i)),
  );
}

/** x[begin : begin + size] per axis; a size of −1 runs to the end. */
export function slice(
  x: Tensor,
  begin: number | readonly number[],
  size?: number | readonly number[],
): Tensor {
  const op = 'slice';
  x = asTensor(op, 'x', x);
  const b = typeof begin === 'number' ? [begin] : [...begin];
  const s = size === undefined ? [] : typeof size === 'number' ? [size] : [...size];
  while (b.length < x.rank) b.push(0);
  while (s.length < b.length) s.push(-1);
  if (b.length !== x.rank || s.length !== x.rank) {
    throw new ShapeError(
      op,
      `begin and size must have at most ${x.rank} entries for x ${formatShape(x.shape)}`,
    );
  }
  for (let i = 0; i < x.rank; i++) {
    if (s[i] === -1) s[i] = x.shape[i] - b[i];
    if (
      !Number.isInteger(b[i]) ||
      !Number.isInteger(s[i]) ||
      b[i] < 0 ||
      s[i] < 0 ||
      b[i] + s[i] > x.shape[i]
    ) {
      throw new ShapeError(
        op,
        `begin ${formatShape(b)} with size ${formatShape(s)} is out of bounds for x ${formatShape(x.shape)} at axis ${i}`,
      );
    }
  }
  if (shapesEqual(s, x.shape)) return ENGINE.runKernel('Identity', { x }, {}, op);
  return ENGINE.runKernel('Slice', { x }, { begin: b, size: s }, op);
}

export function concat(tensors: readonly Tensor[], axis = 0): Tensor {
  const op = 'concat';
  if (!Array.isArray(tensors) || tensors.length === 0) {
    throw new ValueError(op, 'tensors must be a non-empty array');
  }
  const list = tensors.map((t, i) => asTensor(op, `tensors[${i}]`, t));
  const first = list[0];
  const a = normalizeAxis(op, axis, first.rank, first.shape);
  list.forEach((t, i) => {
    if (t.dtype !== first.dtype) {
      throw new DtypeError(
        op,
        `dtypes differ: tensors[0] is ${first.dtype}, tensors[${i}] is ${t.dtype}`,
      );
    }
    if (t.rank !== first.rank || t.shape.some((d, j) => j !== a && d !== first.shape[j])) {
      throw new ShapeError(
        op,
        `shapes must match except along axis ${a}: tensors[0] is ${formatShape(first.shape)}, tensors[${i}] is ${formatShape(t.shape)}`,
      );
    }
  });
  if (list.length === 1) return ENGINE.runKernel('Identity', { x: first }, {}, op);
  return ENGINE.runKernel('Concat', { tensors: list }, { axis: a }, op);
}

export function stack(tensors: readonly Tensor[], axis = 0): Tensor {
  if (!Array.isArray(tensors) || tensors.length === 0) {
    throw new ValueError('stack', 'tensors must be a non-empty array');
  }
  const first = asTensor('stack', 'tensors[0]', tensors[0]);
  tensors.forEach((t, i) => {
    if (!shapesEqual(t.shape, first.shape)) {
      throw new ShapeError(
        'stack',
        `shapes must be equal: tensors[0] is ${formatShape(first.shape)}, tensors[${i}] is ${formatShape(t.shape)}`,
      );
    }
  });
  const a = normalizeAxis('stack', axis, first.rank + 1, first.shape);
  return ENGINE.tidy(() =>
    concat(
      tensors.map((t) => expandDims(t, a)),
      a,
    ),
  );
}

/** Splits into `n` equal parts or parts of the given sizes (one may be −1). */
export function split(x: Tensor, numOrSizes: number | readonly number[], axis = 0): Tensor[] {
  const op = 'split';
  x = asTensor(op, 'x', x);
  const a = normalizeAxis(op, axis, x.rank, x.shape);
  const length = x.shape[a];
  let sizes: number[];
  if (typeof numOrSizes === 'number') {
    if (!Number.isInteger(numOrSizes) || numOrSizes < 1 || length % numOrSizes !== 0) {
      throw new ShapeError(
        op,
        `axis ${a} of x ${formatShape(x.shape)} (length ${length}) does not split into ${numOrSizes} equal parts`,
      );
    }
    sizes = new Array<number>(numOrSizes).fill(length / numOrSizes);
  } else {
    sizes = [...numOrSizes];
    const unknown = sizes.indexOf(-1);
    if (unknown !== -1)
      sizes[unknown] = length - sizes.reduce((s, d, i) => (i === unknown ? s : s + d), 0);
    if (sizes.some((d) => d < 0) || sizes.reduce((s, d) => s + d, 0) !== length) {
      throw new ShapeError(
        op,
        `sizes ${formatShape([...numOrSizes])} do not add up to ${length}, the length of axis ${a} of x ${formatShape(x.shape)}`,
      );
    }
  }
  const parts: Tensor[] = [];
  let start = 0;
  for (const d of sizes) {
    const begin = x.shape.map((_, i) => (i === a ? start : 0));
    const size = x.shape.map((s, i) => (i === a ? d : s));
    parts.push(slice(x, begin, size));
    start += d;
  }
  return parts;
}

export function tile(x: Tensor, reps: readonly number[]): Tensor {
  const op = 'tile';
  x = asTensor(op, 'x', x);
  if (reps.length !== x.rank || reps.some((r) => !Number.isInteger(r) || r < 0)) {
    throw invalidArgument(
      op,
      'reps',
      `${x.rank} non-negative integers for x ${formatShape(x.shape)}`,
      reps,
    );
  }
  return ENGINE.runKernel('Tile', { x }, { reps: [...reps] }, op);
}

/** Pads with `constantValue`: paddings[i] = [before, after] for axis i. */
export function pad(
  x: Tensor,
  paddings: ReadonlyArray<readonly [number, number]>,
  constantValue = 0,
): Tensor {
  const op = 'pad';
  x = asTensor(op, 'x', x);
  if (
    paddings.length !== x.rank ||
    paddings.some((p) => p.length !== 2 || p.some((v) => !Number.isInteger(v) || v < 0))
  ) {
    throw invalidArgument(
      op,
      'paddings',
      `${x.rank} pairs of non-negative integers for x ${formatShape(x.shape)}`,
      paddings,
    );
  }
  return ENGINE.runKernel(
    'Pad',
    { x },
    { paddings: paddings.map(([b, e]) => [b, e] as [number, number]), constantValue },
    op,
  );
}

/** Picks slices of x along `axis` at int32 `indices` (any shape). */
export function gather(x: Tensor, indices: Tensor, axis = 0): Tensor {
  const op = 'gather';
  x = asTensor(op, 'x', x);
  indices = asTensor(op, 'indices', indices);
  if (indices.dtype !== 'int32')
    throw new DtypeError(op, `indices must be int32, got ${indices.dtype}`);
  const a = normalizeAxis(op, axis, x.rank, x.shape);
  return ENGINE.runKernel('Gather', { x, indices }, { axis: a }, op);
}

export function broadcastTo(x: Tensor, shape: Shape): Tensor {
  const op = 'broadcastTo';
  x = asTensor(op, 'x', x);
  assertValidShape(op, shape);
  const out = broadcastShapes(op, x.shape, shape, ['x', 'shape']);
  if (!shapesEqual(out, shape)) {
    throw new ShapeError(
      op,
      `x ${formatShape(x.shape)} does not broadcast to ${formatShape(shape)}`,
    );
  }
  if (shapesEqual(x.shape, shape)) return ENGINE.runKernel('Identity', { x }, {}, op);
  return ENGINE.runKernel('BroadcastTo', { x }, { shape: [...shape] }, op);
}

registerComposite('Reshape', ({ x }, { shape }) => ENGINE.view(x, shape));
registerComposite('Identity', ({ x }) => ENGINE.view(x, x.shape));
