// Number formatting shared by the progress bar and the checkpoint file names.

/** Keras's log format: four decimals, or scientific notation for very large or small values. */
export function formatLogValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const a = Math.abs(value);
  return a !== 0 && (a >= 1e4 || a < 1e-3) ? value.toExponential(4) : value.toFixed(4);
}

/** `loss: 0.1234 - accuracy: 0.9876`. */
export function formatLogs(
  logs: Record<string, number>,
  skip: readonly string[] = ['batch', 'size'],
): string {
  return Object.keys(logs)
    .filter((k) => !skip.includes(k))
    .map((k) => `${k}: ${formatLogValue(logs[k])}`)
    .join(' - ');
}

/** 1h02m, 3m05s, 12s, 340ms. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
