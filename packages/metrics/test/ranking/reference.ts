// Brute-force definitions used as oracles: O(n²) and obviously right.

/** Weighted Mann–Whitney: P(score of a positive > score of a negative), ties counting ½. */
export function pairwiseAuc(positive: number[], scores: number[], weights?: number[]): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < scores.length; i++) {
    if (!positive[i]) continue;
    for (let j = 0; j < scores.length; j++) {
      if (positive[j]) continue;
      const w = (weights?.[i] ?? 1) * (weights?.[j] ?? 1);
      num += w * (scores[i] > scores[j] ? 1 : scores[i] === scores[j] ? 0.5 : 0);
      den += w;
    }
  }
  return num / den;
}

/** Σ over distinct thresholds t (decreasing) of (R(t) − R(previous)) · P(t). */
export function stepAveragePrecision(
  positive: number[],
  scores: number[],
  weights?: number[],
): number {
  const w = (i: number): number => weights?.[i] ?? 1;
  const thresholds = [...new Set(scores)].sort((a, b) => b - a);
  let totalPositive = 0;
  scores.forEach((_, i) => (totalPositive += positive[i] ? w(i) : 0));
  let ap = 0;
  let previous = 0;
  for (const t of thresholds) {
    let tp = 0;
    let predicted = 0;
    scores.forEach((s, i) => {
      if (s >= t) {
        predicted += w(i);
        if (positive[i]) tp += w(i);
      }
    });
    const r = tp / totalPositive;
    ap += (r - previous) * (tp / predicted);
    previous = r;
  }
  return ap;
}
