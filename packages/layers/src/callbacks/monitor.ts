// Which way a monitored log value improves, for callbacks given mode 'auto'.

/** Names that grow when the model improves (matched at the end, case-insensitively). */
const MAXIMIZED = [
  'acc',
  'accuracy',
  'auc',
  'precision',
  'recall',
  'f1',
  'fbeta',
  'r2',
  'r2score',
  'explainedvariance',
];

/** 'max' for accuracy-like names ('val_accuracy', 'rocAuc', 'f1'), 'min' otherwise (losses). */
export function autoMode(monitor: string): 'min' | 'max' {
  const name = monitor.toLowerCase();
  return MAXIMIZED.some((s) => name.endsWith(s)) ? 'max' : 'min';
}

export function resolveMode(
  mode: 'min' | 'max' | 'auto' | undefined,
  monitor: string,
): 'min' | 'max' {
  return mode === undefined || mode === 'auto' ? autoMode(monitor) : mode;
}
