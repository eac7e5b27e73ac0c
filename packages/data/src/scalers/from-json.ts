// Restores a saved scaler of either kind from its JSON form.
import { FormatError, describeValue } from '@tensile/core';
import { MinMaxScaler } from './min-max-scaler.js';
import { Standardizer } from './standardizer.js';

/** A fitted scaler of either kind from its `toJSON()` output, by its `kind` field. */
export function scalerFromJSON(json: unknown): Standardizer | MinMaxScaler {
  const kind = (json as { kind?: unknown } | null)?.kind;
  if (kind === 'standardizer') return Standardizer.fromJSON(json);
  if (kind === 'minMaxScaler') return MinMaxScaler.fromJSON(json);
  throw new FormatError(
    'scalerFromJSON',
    `kind must be 'standardizer' or 'minMaxScaler', got ${describeValue(kind)}`,
  );
}
