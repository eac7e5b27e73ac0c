// Splitting data into batches: input checks, Keras's validation split (the last fraction of the
// samples, taken before shuffling), seeded shuffling, and row selection.
import type { Tensor } from '@tensile/core';
import * as tl from '@tensile/core';

/** A data set: one tensor per model input, the targets, optional per-sample weights. */
export interface Dataset {
  x: Tensor[];
  y?: Tensor;
  weights?: Tensor;
}

export function asList(op: string, arg: string, x: Tensor | readonly Tensor[]): Tensor[] {
  const list = Array.isArray(x) ? [...x] : [x];
  list.forEach((t, i) => {
    if (!(t instanceof tl.Tensor))
      throw tl.invalidArgument(op, list.length > 1 ? `${arg}[${i}]` : arg, 'a tensor', t);
    t.assertUsable(op, arg);
    if (t.rank === 0) throw new tl.ShapeError(op, `${arg} must have a batch axis, got a scalar`);
  });
  return list;
}

/** The shared number of samples (axis 0) of every tensor, or a ShapeError naming them. */
export function sampleCount(op: string, named: Record<string, Tensor | undefined>): number {
  let n: number | undefined;
  let first = '';
  for (const [name, t] of Object.entries(named)) {
    if (t === undefined) continue;
    if (n === undefined) {
      n = t.shape[0];
      first = name;
    } else if (t.shape[0] !== n) {
      throw new tl.ShapeError(
        op,
        `${name} has ${t.shape[0]} samples but ${first} has ${n}: ${name} is ${tl.formatShape(t.shape)}, ${first} is ${tl.formatShape((named[first] as Tensor).shape)}`,
      );
    }
  }
  return n ?? 0;
}

/** Rows [start, end) of t (a copy). */
export function rows(t: Tensor, start: number, end: number): Tensor {
  return tl.slice(t, [start, ...t.shape.slice(1).map(() => 0)], [end - start, ...t.shape.slice(1)]);
}

/** The rows of t listed in `indices`. */
export function gatherRows(t: Tensor, indices: Int32Array): Tensor {
  return tl.tidy(() => tl.gather(t, tl.tensor(indices, [indices.length], 'int32')));
}

/** Splits off the last `fraction` of the samples for validation (Keras's validationSplit). */
export function splitTail(
  data: Dataset,
  fraction: number,
): { train: Dataset; validation: Dataset } {
  const n = data.x[0].shape[0];
  const split = Math.floor(n * (1 - fraction));
  if (split < 1 || split >= n) {
    throw new tl.ValueError(
      'fit',
      `validationSplit ${fraction} leaves ${split} training and ${n - split} validation samples of ${n}; both need at least one`,
    );
  }
  const part = (t: Tensor | undefined, a: number, b: number) =>
    t === undefined ? undefined : rows(t, a, b);
  return {
    train: {
      x: data.x.map((t) => rows(t, 0, split)),
      y: part(data.y, 0, split),
      weights: part(data.weights, 0, split),
    },
    validation: {
      x: data.x.map((t) => rows(t, split, n)),
      y: part(data.y, split, n),
      weights: part(data.weights, split, n),
    },
  };
}

/**
 * A uniformly random permutation of 0..n−1 (Fisher–Yates) drawn from core's Philox stream, so
 * `tl.setSeed` (or `seed`) fixes the order on every backend.
 */
export function permutation(n: number, seed?: number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (n < 2) return order;
  const u = tl.tidy(() => tl.randomUniform([n - 1], 0, 1, 'float32', seed).dataSync());
  for (let i = n - 1; i > 0; i--) {
    const j = Math.min(i, Math.floor(u[n - 1 - i] * (i + 1)));
    const tmp = order[i];
    order[i] = order[j];
    order[j] = tmp;
  }
  return order;
}

/** The batch [start, end) of a data set, in `order` when given (tensors made in the caller's scope). */
export function batchOf(
  data: Dataset,
  start: number,
  end: number,
  order: Int32Array | null,
): Dataset {
  const take = (t: Tensor) =>
    order === null ? rows(t, start, end) : gatherRows(t, order.subarray(start, end));
  return {
    x: data.x.map(take),
    y: data.y === undefined ? undefined : take(data.y),
    weights: data.weights === undefined ? undefined : take(data.weights),
  };
}

export function disposeDataset(data: Dataset | undefined): void {
  if (data === undefined) return;
  tl.dispose([...data.x, ...(data.y ? [data.y] : []), ...(data.weights ? [data.weights] : [])]);
}

export function checkBatchSize(op: string, batchSize: unknown, fallback: number): number {
  const b = batchSize ?? fallback;
  if (typeof b !== 'number' || !Number.isInteger(b) || b < 1) {
    throw tl.invalidArgument(op, 'batchSize', 'a positive integer', batchSize);
  }
  return b;
}
