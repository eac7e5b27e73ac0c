// Reads the golden reference files (../../golden/*.json, copied from the repository's
// fixtures/golden by scripts/sync-golden.mjs) and compares numbers the numpy.allclose way.
import { readFileSync } from 'node:fs';

/** An array as the golden files store it: flat row-major data. */
export interface GoldenArray {
  shape: number[];
  dtype: 'float64' | 'int32';
  data: number[];
}

export interface Tolerance {
  rtol: number;
  atol: number;
}

/** The default tolerance of every golden file but schedules.json (see fixtures/golden/README.md). */
export const FLOAT32_TOLERANCE: Tolerance = { rtol: 1e-4, atol: 1e-5 };

const cache = new Map<string, unknown>();

/** Parses `golden/<file>` (e.g. `'activations.json'`) once and returns it. */
export function loadGolden<T = Record<string, unknown>>(file: string): T {
  let parsed = cache.get(file);
  if (parsed === undefined) {
    const url = new URL(`../../golden/${file}`, import.meta.url);
    parsed = JSON.parse(readFileSync(url, 'utf8')) as unknown;
    cache.set(file, parsed);
  }
  return parsed as T;
}

export function isGoldenArray(value: unknown): value is GoldenArray {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as GoldenArray).shape) &&
    Array.isArray((value as GoldenArray).data)
  );
}

/**
 * Throws an Error naming the first element outside `|a − e| ≤ atol + rtol·|e|`, with its index,
 * both values and the label, or returns quietly. int32 expectations must match exactly.
 */
export function assertClose(
  actual: ArrayLike<number> | number,
  expected: ArrayLike<number> | number | GoldenArray,
  tolerance: Tolerance = FLOAT32_TOLERANCE,
  label = 'value',
): void {
  const exact = isGoldenArray(expected) && expected.dtype === 'int32';
  const e = isGoldenArray(expected)
    ? expected.data
    : typeof expected === 'number'
      ? [expected]
      : expected;
  const a = typeof actual === 'number' ? [actual] : actual;
  if (a.length !== e.length) {
    throw new Error(`${label}: length ${a.length} differs from the expected ${e.length}`);
  }
  for (let i = 0; i < e.length; i++) {
    const diff = Math.abs(a[i] - e[i]);
    const bound = exact ? 0 : tolerance.atol + tolerance.rtol * Math.abs(e[i]);
    if (!(diff <= bound) && !(Number.isNaN(a[i]) && Number.isNaN(e[i]))) {
      throw new Error(
        `${label}[${i}]: got ${a[i]}, expected ${e[i]} (|diff| ${diff.toExponential(3)} > ${bound.toExponential(3)})`,
      );
    }
  }
}
