// Shared test helpers: deterministic data and running the same computation on wasm and cpu.
import '@tensile/backend-cpu';
import '../src/index.js';
import * as tl from '@tensile/core';

/** Deterministic values in [lo, hi) (an LCG: test data only). */
export function values(count: number, seed: number, lo = -1, hi = 1): Float32Array {
  const out = new Float32Array(count);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < count; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = lo + ((s >>> 8) / 16777216) * (hi - lo);
  }
  return out;
}

export function ints(count: number, seed: number, lo: number, hi: number): Int32Array {
  return Int32Array.from(values(count, seed, lo, hi), (v) => Math.floor(v));
}

/** Runs `body` on the named backend inside tidy and returns the values it produced. */
export async function on(
  backend: string,
  body: () => tl.Tensor | tl.Tensor[],
): Promise<Array<{ shape: number[]; dtype: tl.DType; data: number[] }>> {
  await tl.setBackend(backend);
  return tl.tidy(() => {
    const out = body();
    return (Array.isArray(out) ? out : [out]).map((t) => ({
      shape: [...t.shape],
      dtype: t.dtype,
      data: Array.from(t.dataSync() as ArrayLike<number>),
    }));
  });
}

/** First index where |a − e| > atol + rtol·|e| (NaNs must match), or −1. */
export function firstMismatch(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  rtol: number,
  atol: number,
): number {
  if (actual.length !== expected.length) return 0;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (Number.isNaN(a) && Number.isNaN(e)) continue;
    if (a === e) continue;
    if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) return i;
  }
  return -1;
}
