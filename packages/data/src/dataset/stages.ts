// The stages of a Dataset pipeline as async generators. Each owns the elements it holds: what it
// drops or still buffers when a pass stops early, it disposes. The order-only stages (shuffle,
// take, skip, repeat) never look inside an element, so they run unchanged on row indices.
import type { Rng } from '../random.js';
import type { Batched } from './elements.js';
import { disposeElement, keepElement, stackElements } from './elements.js';

/** Opens one pass over a stream (of elements, or of row indices for a `fromTensors` source). */
export type Open<E> = () => AsyncIterable<E>;

export async function* shuffleStage<E>(source: AsyncIterable<E>, bufferSize: number, rng: Rng) {
  // tf.data's buffer shuffle: fill the buffer, then emit a random slot and refill it.
  const buffer: E[] = [];
  try {
    for await (const element of source) {
      if (buffer.length < bufferSize) {
        buffer.push(element);
        continue;
      }
      const j = rng.nextInt(bufferSize);
      const out = buffer[j];
      buffer[j] = element;
      yield out;
    }
    while (buffer.length > 0) {
      const j = rng.nextInt(buffer.length);
      const out = buffer[j];
      buffer[j] = buffer[buffer.length - 1];
      buffer.pop();
      yield out;
    }
  } finally {
    for (const element of buffer) disposeElement(element);
  }
}

export async function* takeStage<E>(source: AsyncIterable<E>, count: number) {
  if (count === 0) return;
  let taken = 0;
  for await (const element of source) {
    yield element;
    if (++taken === count) return;
  }
}

export async function* skipStage<E>(source: AsyncIterable<E>, count: number) {
  let seen = 0;
  for await (const element of source) {
    if (seen++ < count) disposeElement(element);
    else yield element;
  }
}

export async function* repeatStage<E>(open: Open<E>, count: number | undefined) {
  for (let pass = 0; count === undefined || pass < count; pass++) {
    let yielded = false;
    for await (const element of open()) {
      yielded = true;
      yield element;
    }
    // Repeating an empty dataset forever would never yield and never end.
    if (!yielded) return;
  }
}

/** Chunks of `size` consecutive elements (the last may be short unless dropRemainder). */
export async function* chunkStage<E>(
  source: AsyncIterable<E>,
  size: number,
  dropRemainder: boolean,
) {
  let chunk: E[] = [];
  try {
    for await (const element of source) {
      chunk.push(element);
      if (chunk.length === size) {
        const full = chunk;
        chunk = [];
        yield full;
      }
    }
    if (chunk.length > 0 && !dropRemainder) {
      const last = chunk;
      chunk = [];
      yield last;
    }
  } finally {
    for (const element of chunk) disposeElement(element);
  }
}

export async function* batchStage<T>(
  source: AsyncIterable<T>,
  size: number,
  dropRemainder: boolean,
): AsyncGenerator<Batched<T>> {
  for await (const chunk of chunkStage(source, size, dropRemainder)) {
    let batch: Batched<T>;
    try {
      batch = stackElements('Dataset.batch', chunk);
    } finally {
      for (const element of chunk) disposeElement(element);
    }
    yield keepElement(batch);
  }
}

export async function* prefetchStage<T>(source: AsyncIterable<T>, ahead: number) {
  const iterator = source[Symbol.asyncIterator]();
  const queue: Promise<IteratorResult<T>>[] = [];
  const request = (): void => {
    const next = iterator.next();
    // Handled when awaited in turn; this only stops an early failure counting as unhandled.
    next.catch(() => undefined);
    queue.push(next);
  };
  try {
    while (true) {
      while (queue.length < ahead) request();
      const result = await (queue.shift() as Promise<IteratorResult<T>>);
      if (result.done === true) return;
      yield result.value;
    }
  } finally {
    for (const pending of queue) {
      const result = await pending.catch(() => undefined);
      if (result !== undefined && result.done !== true) disposeElement(result.value);
    }
    await iterator.return?.();
  }
}
