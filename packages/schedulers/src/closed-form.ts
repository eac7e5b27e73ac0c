// The textbook decay schedules (Géron, "Hands-On Machine Learning", ch. 11; Keras' schedules):
// each one a closed formula of t.
import { type Schedule, defineSchedule } from './schedule.js';
import { OptionReader, checkIncreasing } from './validate.js';
import { ScheduleError } from './errors.js';

export interface ConstantOptions {
  lr0: number;
}
export type ConstantParams = { lr0: number };

/** lr0 at every step. */
export function constant(options: ConstantOptions): Schedule<ConstantParams> {
  const o = new OptionReader('constant', options, ['lr0']);
  const lr0 = o.rate('lr0');
  return defineSchedule('constant', { lr0 }, () => lr0);
}

export interface PowerDecayOptions {
  lr0: number;
  /** Steps until the lr has dropped to lr0/2^c; > 0. */
  s: number;
  /** The power; ≥ 0, default 1. */
  c?: number;
}
export type PowerDecayParams = { lr0: number; s: number; c: number };

/** lr0 / (1 + t/s)^c. */
export function powerDecay(options: PowerDecayOptions): Schedule<PowerDecayParams> {
  const o = new OptionReader('powerDecay', options, ['lr0', 's', 'c']);
  const lr0 = o.rate('lr0');
  const s = o.number('s', { gt: 0 });
  const c = o.number('c', { ge: 0 }, 1);
  return defineSchedule('powerDecay', { lr0, s, c }, (t) => lr0 / Math.pow(1 + t / s, c));
}

export type ExponentialDecayOptions =
  | {
      lr0: number;
      /** Steps per tenfold drop: lr0·0.1^(t/s); > 0. */
      s: number;
      rate?: undefined;
    }
  | {
      lr0: number;
      s?: undefined;
      /** Factor per step: lr0·rate^t; in (0, 1]. */
      rate: number;
    };
export type ExponentialDecayParams = { lr0: number; s: number } | { lr0: number; rate: number };

/** lr0·0.1^(t/s), or lr0·rate^t when given `rate` instead of `s` (exactly one of the two). */
export function exponentialDecay(
  options: ExponentialDecayOptions,
): Schedule<ExponentialDecayParams> {
  const o = new OptionReader('exponentialDecay', options, ['lr0', 's', 'rate']);
  const lr0 = o.rate('lr0');
  if (o.has('s') === o.has('rate')) {
    throw new ScheduleError('exponentialDecay', 'give exactly one of s and rate');
  }
  if (o.has('s')) {
    const s = o.number('s', { gt: 0 });
    return defineSchedule('exponentialDecay', { lr0, s }, (t) => lr0 * Math.pow(0.1, t / s));
  }
  const rate = o.number('rate', { gt: 0, le: 1 });
  return defineSchedule('exponentialDecay', { lr0, rate }, (t) => lr0 * Math.pow(rate, t));
}

export interface InverseTimeDecayOptions {
  lr0: number;
  /** ≥ 0. */
  gamma: number;
}
export type InverseTimeDecayParams = { lr0: number; gamma: number };

/** lr0 / (1 + γ·t). */
export function inverseTimeDecay(
  options: InverseTimeDecayOptions,
): Schedule<InverseTimeDecayParams> {
  const o = new OptionReader('inverseTimeDecay', options, ['lr0', 'gamma']);
  const lr0 = o.rate('lr0');
  const gamma = o.number('gamma', { ge: 0 });
  return defineSchedule('inverseTimeDecay', { lr0, gamma }, (t) => lr0 / (1 + gamma * t));
}

export interface InverseSqrtDecayOptions {
  lr0: number;
  /** > 0, default 1. */
  k?: number;
}
export type InverseSqrtDecayParams = { lr0: number; k: number };

/** lr0·k / √(t + 1) (the Transformer's decay without its warm-up). */
export function inverseSqrtDecay(
  options: InverseSqrtDecayOptions,
): Schedule<InverseSqrtDecayParams> {
  const o = new OptionReader('inverseSqrtDecay', options, ['lr0', 'k']);
  const lr0 = o.rate('lr0');
  const k = o.number('k', { gt: 0 }, 1);
  return defineSchedule('inverseSqrtDecay', { lr0, k }, (t) => (lr0 * k) / Math.sqrt(t + 1));
}

export interface PiecewiseConstantOptions {
  /** Strictly increasing steps. */
  boundaries: readonly number[];
  /** One more value than boundaries; each ≥ 0. */
  values: readonly number[];
}
export type PiecewiseConstantParams = { boundaries: number[]; values: number[] };

/**
 * Keras' PiecewiseConstantDecay: values[i] where i = number of boundaries b with t > b, so the
 * new value starts at t = b + 1 (unlike multiStepLR, which switches at the milestone itself).
 */
export function piecewiseConstant(
  options: PiecewiseConstantOptions,
): Schedule<PiecewiseConstantParams> {
  const op = 'piecewiseConstant';
  const o = new OptionReader(op, options, ['boundaries', 'values']);
  const boundaries = o.numbers('boundaries', { ge: 0 });
  const values = o.numbers('values', { ge: 0 });
  checkIncreasing(op, 'boundaries', boundaries);
  if (values.length !== boundaries.length + 1) {
    throw new ScheduleError(
      op,
      `values must have one more entry than boundaries, got ${values.length} values for ${boundaries.length} boundaries`,
    );
  }
  return defineSchedule(op, { boundaries, values }, (t) => {
    let i = 0;
    while (i < boundaries.length && t > boundaries[i]) i++;
    return values[i];
  });
}
