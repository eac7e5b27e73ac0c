import { type Schedule, defineSchedule } from '../schedule.js';
import { OptionReader } from '../validate.js';

export interface StepLROptions {
  lr0: number;
  /** Steps between two decays; an integer ≥ 1. */
  stepSize: number;
  /** Factor per decay; in (0, 1], default 0.1. */
  gamma?: number;
}
export type StepLRParams = { lr0: number; stepSize: number; gamma: number };

/** PyTorch's StepLR: lr0·γ^⌊t/stepSize⌋. */
export function stepLR(options: StepLROptions): Schedule<StepLRParams> {
  const o = new OptionReader('stepLR', options, ['lr0', 'stepSize', 'gamma']);
  const lr0 = o.rate('lr0');
  const stepSize = o.integer('stepSize', { ge: 1 });
  const gamma = o.number('gamma', { gt: 0, le: 1 }, 0.1);
  return defineSchedule('stepLR', { lr0, stepSize, gamma }, (t) => {
    return lr0 * Math.pow(gamma, Math.floor(t / stepSize));
  });
}
