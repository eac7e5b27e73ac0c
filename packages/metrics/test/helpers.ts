// Seeded random data for property tests (mulberry32), so failures reproduce.
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomLabels(random: () => number, n: number, classes: number): number[] {
  return Array.from({ length: n }, () => Math.floor(random() * classes));
}

/** Rows of class probabilities (softmax of random logits). */
export function randomProbs(random: () => number, n: number, classes: number): number[][] {
  return Array.from({ length: n }, () => {
    const e = Array.from({ length: classes }, () => Math.exp(3 * random()));
    const s = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / s);
  });
}

/** Integer weights in [0, max]. */
export function randomCounts(random: () => number, n: number, max: number): number[] {
  return Array.from({ length: n }, () => Math.floor(random() * (max + 1)));
}

/** Each element of `xs` repeated `counts[i]` times. */
export function repeat<T>(xs: readonly T[], counts: readonly number[]): T[] {
  return xs.flatMap((x, i) => Array.from({ length: counts[i] }, () => x));
}

/** Splits [0, n) into `parts` uneven consecutive batches. */
export function splits(random: () => number, n: number, parts: number): number[] {
  const cuts = new Set<number>([0, n]);
  while (cuts.size < Math.min(parts + 1, n + 1)) cuts.add(Math.floor(random() * n));
  return [...cuts].sort((a, b) => a - b);
}

export function tensor(
  data: readonly number[],
  shape: number[],
): { shape: number[]; dataSync(): Float32Array } {
  return { shape, dataSync: () => Float32Array.from(data) };
}
