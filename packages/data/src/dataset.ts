// A lazy, async-iterable pipeline over elements, in the manner of tf.data: nothing runs until the
// dataset is iterated, each `for await` is one pass (one epoch), and every element is handed over
// to whoever receives it.
//
// Ownership: a dataset never disposes tensors you gave it (`fromTensors`, `fromArray`), and every
// element it yields is new — the receiver disposes it (`forEach` does so after its callback).
// Stages in between dispose what they consume: `map` its input tensors that its output does not
// carry, `batch` the elements it stacked, `filter` and `skip` what they drop, `shuffle` and
// `prefetch` what they still hold when a pass stops early.
import { ShapeError, Tensor, ValueError, describeValue, formatShape, tidy } from '@tensile/core';
import type { Batched } from './dataset/elements.js';
import { cloneElement, disposeConsumed, disposeElement, keepElement } from './dataset/elements.js';
import type { RowPlan } from './dataset/rows.js';
import { gatherRows, materialize, range } from './dataset/rows.js';
import type { Open } from './dataset/stages.js';
import {
  batchStage,
  chunkStage,
  prefetchStage,
  repeatStage,
  shuffleStage,
  skipStage,
  takeStage,
} from './dataset/stages.js';
import { Rng, resolveSeed } from './random.js';
import { assertBoolean, assertInteger, assertKnownOptions } from './validate.js';

/** The batches `fit` consumes: inputs and targets with the same leading batch axis. */
export type TensorBatch = {
  xs: Tensor;
  ys: Tensor;
};

export interface DatasetShuffleOptions {
  /** Same seed → same sequence of epochs. Without one, drawn from core's `setSeed` stream. */
  seed?: number;
  /** A new order on every pass (default true); false repeats the first pass's order. */
  reshuffleEachIteration?: boolean;
}

export interface DatasetBatchOptions {
  /** Leave out a last batch smaller than the batch size (default false). */
  dropRemainder?: boolean;
}

/** A stage that only reorders, drops or repeats: it runs on indices as well as on elements. */
type OrderStage = <E>(open: Open<E>) => AsyncIterable<E>;

function isThenable(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

export class Dataset<T> implements AsyncIterable<T> {
  /**
   * Elements in one pass: a number when known, Infinity after `repeat()`, undefined when it
   * cannot be known without iterating (after `filter`, or a generator without a size).
   */
  readonly size: number | undefined;
  private readonly open: Open<T>;
  private readonly rows: RowPlan | undefined;

  private constructor(open: Open<T>, size: number | undefined, rows?: RowPlan) {
    this.open = open;
    this.size = size;
    this.rows = rows;
  }

  /** The items of an array, one per element; tensors in them are cloned (no copy) on each pass. */
  static fromArray<T>(items: readonly T[]): Dataset<T> {
    if (!Array.isArray(items)) {
      throw new ValueError(
        'Dataset.fromArray',
        `items must be an array, got ${describeValue(items)}`,
      );
    }
    const snapshot = [...items];
    return new Dataset(async function* () {
      for (const item of snapshot) yield cloneElement(item);
    }, snapshot.length);
  }

  /**
   * The rows of a tensor, or of several tensors with the same first dimension (`{xs, ys}`), one
   * row per element. The tensors stay yours: keep them alive while the dataset is used, dispose
   * them after. `batch` right after (optionally with `shuffle`, `take`, `skip`, `repeat` in
   * between) gathers whole batches at once instead of stacking single rows.
   */
  static fromTensors(x: Tensor): Dataset<Tensor>;
  static fromTensors<R extends Readonly<Record<string, Tensor>>>(
    tensors: R,
  ): Dataset<{ [K in keyof R]: Tensor }>;
  static fromTensors(
    tensors: Tensor | Readonly<Record<string, Tensor>>,
  ): Dataset<Tensor | Record<string, Tensor>> {
    const op = 'Dataset.fromTensors';
    const entries: [string, unknown][] =
      tensors instanceof Tensor
        ? [['x', tensors]]
        : typeof tensors === 'object' && tensors !== null
          ? Object.entries(tensors)
          : [];
    if (entries.length === 0) {
      throw new ValueError(
        op,
        `tensors must be a tensor or a non-empty object of tensors, got ${describeValue(tensors)}`,
      );
    }
    for (const [key, t] of entries) {
      if (!(t instanceof Tensor)) {
        throw new ValueError(op, `${key} must be a tensor, got ${describeValue(t)}`);
      }
      t.assertUsable(op, key);
      if (t.rank === 0) throw new ShapeError(op, `${key} must have a leading axis, got shape []`);
    }
    const [firstKey, first] = entries[0] as [string, Tensor];
    for (const [key, t] of entries as [string, Tensor][]) {
      if (t.shape[0] !== first.shape[0]) {
        throw new ShapeError(
          op,
          `every tensor needs the same number of rows: ${firstKey} is ${formatShape(first.shape)}, ` +
            `${key} is ${formatShape(t.shape)} (${first.shape[0]} ≠ ${t.shape[0]})`,
        );
      }
    }
    const n = first.shape[0];
    const plan: RowPlan = { tensors, order: () => range(n) };
    return new Dataset(() => materialize(plan), n, plan);
  }

  /**
   * Elements from a generator (or any iterator / iterable, sync or async) that `make` opens anew
   * for each pass. Yield fresh tensors: the receiver disposes every element.
   */
  static fromGenerator<T>(
    make: () => Iterator<T> | AsyncIterator<T> | Iterable<T> | AsyncIterable<T>,
    options: { size?: number } = {},
  ): Dataset<T> {
    const op = 'Dataset.fromGenerator';
    if (typeof make !== 'function') {
      throw new ValueError(op, `make must be a function, got ${describeValue(make)}`);
    }
    assertKnownOptions(op, options, ['size']);
    if (options.size !== undefined && options.size !== Infinity) {
      assertInteger(op, 'size', options.size);
    }
    return new Dataset(async function* () {
      const made = make();
      let iterable: AsyncIterable<T> | Iterable<T>;
      if (made !== null && typeof made === 'object' && Symbol.asyncIterator in made) {
        iterable = made;
      } else if (made !== null && typeof made === 'object' && Symbol.iterator in made) {
        iterable = made;
      } else if (made !== null && typeof made === 'object' && 'next' in made) {
        const iterator = made;
        iterable = { [Symbol.asyncIterator]: () => iterator as AsyncIterator<T> };
      } else {
        throw new ValueError(
          op,
          `make() must return an iterator or iterable, got ${describeValue(made)}`,
        );
      }
      for await (const element of iterable) yield keepElement(element);
    }, options.size);
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return this.open()[Symbol.asyncIterator]();
  }

  /** A stage that only reorders, drops or repeats elements; it keeps a row source fused. */
  private reorder(size: number | undefined, stage: OrderStage): Dataset<T> {
    if (this.rows !== undefined) {
      const parent = this.rows;
      const plan: RowPlan = { tensors: parent.tensors, order: () => stage(parent.order) };
      return new Dataset(() => materialize(plan) as AsyncIterable<T>, size, plan);
    }
    return new Dataset(() => stage(this.open), size);
  }

  /**
   * `fn` applied to each element, inside `tidy`: tensors it makes and does not return are freed,
   * and the input's tensors that the output does not carry on are disposed. `fn` must be
   * synchronous (see `mapAsync`).
   */
  map<U>(fn: (element: T, index: number) => U): Dataset<U> {
    const op = 'Dataset.map';
    if (typeof fn !== 'function')
      throw new ValueError(op, `fn must be a function, got ${describeValue(fn)}`);
    const open = this.open;
    return new Dataset(async function* () {
      let index = 0;
      for await (const element of open()) {
        let out: U | undefined;
        try {
          out = tidy(() => {
            const result = fn(element, index++);
            if (isThenable(result)) {
              throw new ValueError(
                op,
                'fn returned a Promise; use mapAsync for asynchronous functions',
              );
            }
            return result;
          });
        } finally {
          disposeConsumed(element, out);
        }
        yield keepElement(out as U);
      }
    }, this.size);
  }

  /** Like `map` for an async `fn`, without `tidy` (which cannot span an await): free temporaries yourself. */
  mapAsync<U>(fn: (element: T, index: number) => Promise<U>): Dataset<U> {
    const op = 'Dataset.mapAsync';
    if (typeof fn !== 'function')
      throw new ValueError(op, `fn must be a function, got ${describeValue(fn)}`);
    const open = this.open;
    return new Dataset(async function* () {
      let index = 0;
      for await (const element of open()) {
        let out: U | undefined;
        try {
          out = await fn(element, index++);
        } finally {
          disposeConsumed(element, out);
        }
        yield keepElement(out as U);
      }
    }, this.size);
  }

  /** The elements for which `predicate` holds; the others are disposed. */
  filter(predicate: (element: T, index: number) => boolean | Promise<boolean>): Dataset<T> {
    const op = 'Dataset.filter';
    if (typeof predicate !== 'function') {
      throw new ValueError(op, `predicate must be a function, got ${describeValue(predicate)}`);
    }
    const open = this.open;
    return new Dataset(async function* () {
      let index = 0;
      for await (const element of open()) {
        let keepIt = false;
        try {
          keepIt = (await predicate(element, index++)) === true;
        } finally {
          if (!keepIt) disposeElement(element);
        }
        if (keepIt) yield element;
      }
    }, undefined);
  }

  /**
   * A buffer shuffle (tf.data's): elements pass through a buffer of `bufferSize` from which a
   * seeded random one is emitted. A buffer at least the dataset's size gives a uniform
   * permutation. `shuffle(n, 42)` is short for `shuffle(n, {seed: 42})`.
   */
  shuffle(bufferSize: number, options: number | DatasetShuffleOptions = {}): Dataset<T> {
    const op = 'Dataset.shuffle';
    assertInteger(op, 'bufferSize', bufferSize, 1);
    const opts = typeof options === 'number' ? { seed: options } : options;
    assertKnownOptions(op, opts, ['seed', 'reshuffleEachIteration']);
    const { reshuffleEachIteration = true } = opts;
    assertBoolean(op, 'reshuffleEachIteration', reshuffleEachIteration);
    const seed = resolveSeed(op, opts.seed);
    // Pass k draws from stream k of the seed, so epochs differ yet replay exactly.
    let pass = 0;
    return this.reorder(this.size, (open) =>
      shuffleStage(open(), bufferSize, new Rng(seed, reshuffleEachIteration ? pass++ : 0)),
    );
  }

  /**
   * Consecutive elements stacked into batches: each tensor leaf gains a leading batch axis,
   * numbers and number arrays become float32 tensors, typed arrays keep their dtype.
   */
  batch(batchSize: number, options: DatasetBatchOptions = {}): Dataset<Batched<T>> {
    const op = 'Dataset.batch';
    assertInteger(op, 'batchSize', batchSize, 1);
    assertKnownOptions(op, options, ['dropRemainder']);
    const { dropRemainder = false } = options;
    assertBoolean(op, 'dropRemainder', dropRemainder);
    const size =
      this.size === undefined || this.size === Infinity
        ? this.size
        : dropRemainder
          ? Math.floor(this.size / batchSize)
          : Math.ceil(this.size / batchSize);
    const rows = this.rows;
    if (rows !== undefined) {
      return new Dataset(async function* () {
        for await (const indices of chunkStage(rows.order(), batchSize, dropRemainder)) {
          yield keepElement(gatherRows(rows.tensors, indices)) as Batched<T>;
        }
      }, size);
    }
    const open = this.open;
    return new Dataset(() => batchStage(open(), batchSize, dropRemainder), size);
  }

  /**
   * Keeps up to `bufferSize` elements requested ahead of the consumer, so asynchronous work
   * upstream (reading files, decoding) overlaps with the consumer's. Put it last.
   */
  prefetch(bufferSize: number): Dataset<T> {
    assertInteger('Dataset.prefetch', 'bufferSize', bufferSize, 1);
    const open = this.open;
    return new Dataset(() => prefetchStage(open(), bufferSize), this.size);
  }

  /** The first `count` elements of each pass. */
  take(count: number): Dataset<T> {
    assertInteger('Dataset.take', 'count', count);
    const size = this.size === undefined ? undefined : Math.min(this.size, count);
    return this.reorder(size, (open) => takeStage(open(), count));
  }

  /** Each pass without its first `count` elements (which are disposed). */
  skip(count: number): Dataset<T> {
    assertInteger('Dataset.skip', 'count', count);
    const size = this.size === undefined ? undefined : Math.max(0, this.size - count);
    return this.reorder(size, (open) => skipStage(open(), count));
  }

  /**
   * `count` passes over the dataset as one (forever without a count). Each pass re-opens the
   * upstream, so a shuffle before `repeat` orders every pass differently.
   */
  repeat(count?: number): Dataset<T> {
    if (count !== undefined) assertInteger('Dataset.repeat', 'count', count);
    const size =
      this.size === undefined
        ? undefined
        : this.size === 0 || count === 0
          ? 0
          : count === undefined
            ? Infinity
            : this.size * count;
    return this.reorder(size, (open) => repeatStage(open, count));
  }

  /** Runs `fn` on every element of one pass, disposing each element after `fn` returns. */
  async forEach(fn: (element: T, index: number) => void | Promise<void>): Promise<void> {
    if (typeof fn !== 'function') {
      throw new ValueError('Dataset.forEach', `fn must be a function, got ${describeValue(fn)}`);
    }
    let index = 0;
    for await (const element of this) {
      try {
        await fn(element, index++);
      } finally {
        disposeElement(element);
      }
    }
  }

  /** Every element of one pass, in order; the caller owns (and disposes) them. */
  async toArray(): Promise<T[]> {
    if (this.size === Infinity) {
      throw new ValueError('Dataset.toArray', 'the dataset repeats forever; take(n) first');
    }
    const out: T[] = [];
    try {
      for await (const element of this) out.push(element);
    } catch (error) {
      for (const element of out) disposeElement(element);
      throw error;
    }
    return out;
  }
}
