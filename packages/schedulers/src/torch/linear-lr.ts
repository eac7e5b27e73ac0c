import { type Schedule, defineSchedule } from '../schedule.js';
import { OptionReader } from '../validate.js';

export interface LinearLROptions {
  lr0: number;
  /** Factor at t = 0; in (0, 1], default 1/3. */
  startFactor?: number;
  /** Factor from t = totalIters on; in [0, 1], default 1. */
  endFactor?: number;
  /** Steps of the ramp; an integer ≥ 1, default 5. */
  totalIters?: number;
}
export type LinearLRParams = {
  lr0: number;
  startFactor: number;
  endFactor: number;
  totalIters: number;
};

/**
 * PyTorch's LinearLR: lr0·(start + (end − start)·min(t, totalIters)/totalIters), holding
 * lr0·endFactor after the ramp. Factors are bounded as PyTorch bounds them.
 */
export function linearLR(options: LinearLROptions): Schedule<LinearLRParams> {
  const o = new OptionReader('linearLR', options, [
    'lr0',
    'startFactor',
    'endFactor',
    'totalIters',
  ]);
  const lr0 = o.rate('lr0');
  const startFactor = o.number('startFactor', { gt: 0, le: 1 }, 1 / 3);
  const endFactor = o.number('endFactor', { ge: 0, le: 1 }, 1);
  const totalIters = o.integer('totalIters', { ge: 1 }, 5);
  return defineSchedule('linearLR', { lr0, startFactor, endFactor, totalIters }, (t) => {
    const progress = Math.min(t, totalIters) / totalIters;
    return lr0 * (startFactor + (endFactor - startFactor) * progress);
  });
}
