import { type Schedule, defineSchedule } from '../schedule.js';
import { OptionReader } from '../validate.js';

export interface ExponentialLROptions {
  lr0: number;
  /** Factor per step; in (0, 1]. */
  gamma: number;
}
export type ExponentialLRParams = { lr0: number; gamma: number };

/** PyTorch's ExponentialLR: lr0·γ^t. */
export function exponentialLR(options: ExponentialLROptions): Schedule<ExponentialLRParams> {
  const o = new OptionReader('exponentialLR', options, ['lr0', 'gamma']);
  const lr0 = o.rate('lr0');
  const gamma = o.number('gamma', { gt: 0, le: 1 });
  return defineSchedule('exponentialLR', { lr0, gamma }, (t) => lr0 * Math.pow(gamma, t));
}
