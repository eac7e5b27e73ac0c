import { type Schedule, defineSchedule } from '../schedule.js';
import { OptionReader } from '../validate.js';

export interface CosineAnnealingWarmRestartsOptions {
  lr0: number;
  /** Length of the first cycle; an integer ≥ 1. */
  t0: number;
  /** Each cycle is tMult times longer than the previous; an integer ≥ 1, default 1. */
  tMult?: number;
  /** ≥ 0, default 0. */
  etaMin?: number;
}
export type CosineAnnealingWarmRestartsParams = {
  lr0: number;
  t0: number;
  tMult: number;
  etaMin: number;
};

/**
 * PyTorch's CosineAnnealingWarmRestarts (SGDR, Loshchilov & Hutter 2017): cycles of length
 * t0, t0·tMult, t0·tMult², …; within a cycle of length Ti, with tCur steps since the restart,
 * lr = ηmin + (lr0 − ηmin)(1 + cos(π·tCur/Ti))/2. The cycles go on forever.
 */
export function cosineAnnealingWarmRestarts(
  options: CosineAnnealingWarmRestartsOptions,
): Schedule<CosineAnnealingWarmRestartsParams> {
  const op = 'cosineAnnealingWarmRestarts';
  const o = new OptionReader(op, options, ['lr0', 't0', 'tMult', 'etaMin']);
  const lr0 = o.rate('lr0');
  const t0 = o.integer('t0', { ge: 1 });
  const tMult = o.integer('tMult', { ge: 1 }, 1);
  const etaMin = o.rate('etaMin', 0);
  return defineSchedule(op, { lr0, t0, tMult, etaMin }, (t) => {
    let tCur = t;
    let ti = t0;
    if (tMult === 1) {
      tCur = t % t0;
    } else {
      // Cycle lengths grow geometrically, so this walks O(log t) cycles; integer sums, unlike a
      // logarithm, cannot round to the wrong side of a restart.
      while (tCur >= ti) {
        tCur -= ti;
        ti *= tMult;
      }
    }
    return etaMin + ((lr0 - etaMin) * (1 + Math.cos((Math.PI * tCur) / ti))) / 2;
  });
}
