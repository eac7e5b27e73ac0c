import { type Schedule, defineSchedule } from '../schedule.js';
import { OptionReader } from '../validate.js';

export interface CosineAnnealingLROptions {
  lr0: number;
  /** Half period of the cosine, in steps; > 0. */
  tMax: number;
  /** The lr at t = tMax; ≥ 0, default 0. */
  etaMin?: number;
}
export type CosineAnnealingLRParams = { lr0: number; tMax: number; etaMin: number };

/**
 * PyTorch's CosineAnnealingLR: ηmin + (lr0 − ηmin)(1 + cos(πt/tMax))/2 for every t. Past tMax it
 * keeps following the cosine and rises again, as PyTorch's recursive form does; to hold ηmin
 * instead, follow it with `constant` in `sequential`.
 */
export function cosineAnnealingLR(
  options: CosineAnnealingLROptions,
): Schedule<CosineAnnealingLRParams> {
  const o = new OptionReader('cosineAnnealingLR', options, ['lr0', 'tMax', 'etaMin']);
  const lr0 = o.rate('lr0');
  const tMax = o.number('tMax', { gt: 0 });
  const etaMin = o.rate('etaMin', 0);
  return defineSchedule('cosineAnnealingLR', { lr0, tMax, etaMin }, (t) => {
    // The cosine has period 2·tMax; reducing t first keeps π·t/tMax small and accurate for any t.
    const phase = t % (2 * tMax);
    return etaMin + ((lr0 - etaMin) * (1 + Math.cos((Math.PI * phase) / tMax))) / 2;
  });
}
