// Magnitude pruning (Han et al. 2015; Zhu & Gupta 2017): zero the weights of smallest |w|.
//
// A mask holds exactly k = round(sparsity·n) zeros (Math.round, halves up), placed at the k
// smallest |w|. Ties at the threshold are broken by position: the earlier element is pruned
// first, in row-major order within a tensor and, for the global scope, in the order the weights
// were given (list index, or record key order). The result is therefore deterministic and the
// sparsity exact, where a `|w| > threshold` rule would prune every tied weight at once.
import type { Tensor } from '@tensile/core';
import {
  DtypeError,
  NonFiniteError,
  formatShape,
  isFloatDType,
  makeTypedArray,
  tensor,
} from '@tensile/core';
import { checkNumber, checkOneOf, checkOptions } from '../validate.js';
import type { MatchingCollection, WeightCollection } from './collection.js';
import { entriesOf, shapedLike } from './collection.js';

export type PruningScope = 'layer' | 'global';

export interface MagnitudePruneOptions {
  /** The fraction of weights to zero, in [0, 1]. */
  sparsity: number;
  /**
   * 'layer' (default): each tensor loses round(sparsity·nᵢ) of its own weights. 'global': all
   * weights are ranked together and round(sparsity·Σnᵢ) are zeroed wherever they are, so
   * tensors with many small weights lose more.
   */
  scope?: PruningScope;
}

/**
 * 0/1 masks (each in its weight's shape and dtype) that zero the smallest-magnitude weights.
 * Multiply them in with `applyMasks` (or `tl.mul`); `measureSparsity` reports the result.
 * Reads the weights to the host: pruning runs every few hundred steps, not every step.
 */
export function magnitudePrune<W extends WeightCollection>(
  weights: W,
  options: MagnitudePruneOptions,
): MatchingCollection<W, Tensor> {
  const op = 'magnitudePrune';
  const opts = checkOptions(op, options, ['sparsity', 'scope']);
  const sparsity = checkNumber(op, 'sparsity', opts.sparsity, { ge: 0, le: 1 });
  const scope = checkOneOf(op, 'scope', opts.scope, ['layer', 'global'], 'layer');
  const entries = entriesOf(op, weights);
  const magnitudes = entries.map(({ label, tensor: w }) => {
    if (!isFloatDType(w.dtype)) {
      throw new DtypeError(
        op,
        `weights must be float tensors, ${label} is ${w.dtype} of shape ${formatShape(w.shape)}`,
      );
    }
    const values = w.dataSync();
    const out = new Float64Array(values.length);
    for (let i = 0; i < values.length; i++) {
      if (Number.isNaN(values[i])) {
        throw new NonFiniteError(op, `${label} holds NaN at flat index ${i}; it cannot be ranked`);
      }
      out[i] = Math.abs(values[i]);
    }
    return out;
  });
  const pruned =
    scope === 'global'
      ? splitFlags(smallestFlags(concat(magnitudes), sparsity), magnitudes)
      : magnitudes.map((m) => smallestFlags(m, sparsity));
  const masks = entries.map(({ tensor: w }, i) => {
    const values = makeTypedArray(w.dtype, w.size);
    const flags = pruned[i];
    for (let j = 0; j < flags.length; j++) values[j] = flags[j] ? 0 : 1;
    return tensor(values, w.shape, w.dtype);
  });
  return shapedLike(weights, entries, masks) as MatchingCollection<W, Tensor>;
}

/** Flags (1 = pruned) for exactly round(sparsity·n) entries of smallest magnitude, ties by index. */
function smallestFlags(magnitudes: Float64Array, sparsity: number): Uint8Array {
  const n = magnitudes.length;
  const k = Math.min(n, Math.round(sparsity * n));
  const flags = new Uint8Array(n);
  if (k === 0) return flags;
  const threshold = kthSmallest(Float64Array.from(magnitudes), k - 1);
  let below = 0;
  for (let i = 0; i < n; i++) if (magnitudes[i] < threshold) below++;
  // Everything under the threshold goes, then the first (k − below) elements equal to it.
  let ties = k - below;
  for (let i = 0; i < n; i++) {
    if (magnitudes[i] < threshold) flags[i] = 1;
    else if (magnitudes[i] === threshold && ties > 0) {
      flags[i] = 1;
      ties--;
    }
  }
  return flags;
}

/**
 * The value of rank `k` (0-based) in ascending order, by quickselect with a three-way partition
 * (many equal magnitudes, e.g. zeros after pruning, cost one pass). O(n) on average, where a full
 * sort of 10⁶ doubles costs ~0.3 s; after 64 rounds without converging it sorts what is left.
 * Reorders `values`.
 */
function kthSmallest(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  for (let round = 0; lo < hi; round++) {
    if (round === 64) return values.subarray(lo, hi + 1).sort()[k - lo];
    const a = values[lo];
    const b = values[(lo + hi) >>> 1];
    const c = values[hi];
    const pivot = Math.max(Math.min(a, b), Math.min(Math.max(a, b), c)); // median of three
    // [lo, lt) < pivot, [lt, i) = pivot, (gt, hi] > pivot
    let lt = lo;
    let gt = hi;
    let i = lo;
    while (i <= gt) {
      const v = values[i];
      if (v < pivot) {
        values[i++] = values[lt];
        values[lt++] = v;
      } else if (v > pivot) {
        values[i] = values[gt];
        values[gt--] = v;
      } else i++;
    }
    if (k < lt) hi = lt - 1;
    else if (k > gt) lo = gt + 1;
    else return pivot;
  }
  return values[k];
}

function concat(parts: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

function splitFlags(flags: Uint8Array, parts: readonly Float64Array[]): Uint8Array[] {
  let offset = 0;
  return parts.map((p) => {
    const out = flags.subarray(offset, offset + p.length);
    offset += p.length;
    return out;
  });
}
