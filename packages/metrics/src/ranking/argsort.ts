// Orders sample indices by score. Large inputs use an LSD radix sort on the IEEE-754 bits (six
// passes of ≤ 11-bit digits, keys carried along so memory is read sequentially, passes whose digit
// is constant skipped), since a comparator sort of a million indices takes most of a second in V8.
const RADIX_THRESHOLD = 4096;
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
/** [word (0 = low 32 bits, 1 = high), shift, mask] of each pass. */
const DIGITS: readonly (readonly [number, number, number])[] = [
  [0, 0, 0x7ff],
  [0, 11, 0x7ff],
  [0, 22, 0x3ff],
  [1, 0, 0x7ff],
  [1, 11, 0x7ff],
  [1, 22, 0x3ff],
];

/** `indices` sorted by increasing `values[index]` (in place for small inputs; a new array otherwise). */
export function argsortAscending(values: Float64Array, indices: Uint32Array): Uint32Array {
  const m = indices.length;
  if (m < RADIX_THRESHOLD || !LITTLE_ENDIAN) return indices.sort((a, b) => values[a] - values[b]);
  // Map each double to an unsigned 64-bit key (hi, lo) that orders like the number: set the sign
  // bit of non-negatives, invert every bit of negatives.
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  let idx = Uint32Array.from(indices);
  let hi = new Uint32Array(m);
  let lo = new Uint32Array(m);
  const histograms = DIGITS.map(([, , mask]) => new Uint32Array(mask + 1));
  for (let r = 0; r < m; r++) {
    const i = idx[r];
    let h = bits[2 * i + 1];
    let l = bits[2 * i];
    if (h & 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else {
      h = (h | 0x80000000) >>> 0;
    }
    hi[r] = h;
    lo[r] = l;
    histograms[0][l & 0x7ff]++;
    histograms[1][(l >>> 11) & 0x7ff]++;
    histograms[2][l >>> 22]++;
    histograms[3][h & 0x7ff]++;
    histograms[4][(h >>> 11) & 0x7ff]++;
    histograms[5][h >>> 22]++;
  }
  let idx2 = new Uint32Array(m);
  let hi2 = new Uint32Array(m);
  let lo2 = new Uint32Array(m);
  for (let pass = 0; pass < DIGITS.length; pass++) {
    const [word, shift, mask] = DIGITS[pass];
    const count = histograms[pass];
    // A digit shared by every key leaves the order as it is.
    if (count[word === 0 ? (lo[0] >>> shift) & mask : (hi[0] >>> shift) & mask] === m) continue;
    let sum = 0;
    for (let d = 0; d < count.length; d++) {
      const c = count[d];
      count[d] = sum;
      sum += c;
    }
    const key = word === 0 ? lo : hi;
    for (let r = 0; r < m; r++) {
      const slot = count[(key[r] >>> shift) & mask]++;
      idx2[slot] = idx[r];
      hi2[slot] = hi[r];
      lo2[slot] = lo[r];
    }
    [idx, idx2] = [idx2, idx];
    [hi, hi2] = [hi2, hi];
    [lo, lo2] = [lo2, lo];
  }
  return idx;
}
