// Valid filter taps along one axis of a convolution or pooling window: the taps t in [lo, hi)
// whose input index start + t·dilation lies in [0, size). hi ≤ lo when the window misses the input.

export function firstTap(start: number, dilation: number): number {
  return start >= 0 ? 0 : Math.ceil(-start / dilation);
}

export function endTap(start: number, dilation: number, taps: number, size: number): number {
  return Math.min(taps, Math.floor((size - 1 - start) / dilation) + 1);
}
