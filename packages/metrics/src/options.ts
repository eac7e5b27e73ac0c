// Validation of the options every family shares. Option names are scikit-learn's, camel-cased.
import { ValueError, invalidArgument } from '@tensile/core';
import { toLabels } from './inputs.js';
import type { MetricInput } from './inputs.js';

/** `average` of precision / recall / F-scores (sklearn's `average`; `null` = per class). */
export type Average = 'binary' | 'micro' | 'macro' | 'weighted' | null;

/** What a label outside an explicit `labels` list does. */
export type UnknownLabels = 'error' | 'exclude';

/** Explicit `labels`: non-empty, integer, no duplicates. Returned as a fresh `number[]`. */
export function checkLabels(op: string, labels: MetricInput | undefined): number[] | undefined {
  if (labels === undefined || labels === null) return undefined;
  const data = toLabels(op, 'labels', labels);
  if (data.length === 0) throw new ValueError(op, 'labels must not be empty');
  const seen = new Set<number>();
  for (const label of data) {
    if (seen.has(label)) throw new ValueError(op, `labels must be unique, ${label} appears twice`);
    seen.add(label);
  }
  return Array.from(data);
}

/** Labels that name the columns of a score matrix must be sorted (column j = j-th smallest label). */
export function checkSortedLabels(op: string, labels: readonly number[]): void {
  for (let i = 1; i < labels.length; i++) {
    if (labels[i] <= labels[i - 1]) {
      throw new ValueError(
        op,
        `labels must be sorted in increasing order (column j of the scores is the j-th smallest label), got [${labels.join(',')}]`,
      );
    }
  }
}

export function checkOneOf<T>(op: string, arg: string, value: T, allowed: readonly T[]): T {
  if (!allowed.includes(value)) {
    const list = allowed.map((a) => (typeof a === 'string' ? `'${a}'` : String(a))).join(', ');
    throw invalidArgument(op, arg, `one of ${list}`, value);
  }
  return value;
}

/** sklearn's `zero_division`: the value of a 0/0 ratio, 0, 1 or NaN. */
export function checkZeroDivision(op: string, value: number | undefined): number {
  if (value === undefined) return 0;
  if (value === 0 || value === 1 || Number.isNaN(value)) return value;
  throw invalidArgument(op, 'zeroDivision', '0, 1 or NaN', value);
}

export function checkUnknownLabels(op: string, value: UnknownLabels | undefined): UnknownLabels {
  return checkOneOf(op, 'unknownLabels', value ?? 'error', ['error', 'exclude'] as const);
}

export function checkBoolean(
  op: string,
  arg: string,
  value: boolean | undefined,
  fallback: boolean,
): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw invalidArgument(op, arg, 'a boolean', value);
  return value;
}

/** An integer label option such as `posLabel`. */
export function checkIntegerLabel(
  op: string,
  arg: string,
  value: number | undefined,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value)) throw invalidArgument(op, arg, 'an integer label', value);
  return value;
}

/** Labels in the order the options name them, rendered for messages. */
export function formatLabels(labels: Iterable<number>): string {
  return `[${Array.from(labels).join(',')}]`;
}

/** Per-sample weights for a functional call (a streaming `update` takes them as third argument). */
export interface SampleWeightOption {
  sampleWeight?: MetricInput;
}
