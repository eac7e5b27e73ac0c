import { type Schedule, defineSchedule } from '../schedule.js';
import { OptionReader } from '../validate.js';

export interface MultiStepLROptions {
  lr0: number;
  /** Steps where the lr is multiplied by γ: integers ≥ 0, any order, a repeat counting twice. */
  milestones: readonly number[];
  /** In (0, 1], default 0.1. */
  gamma?: number;
}
export type MultiStepLRParams = { lr0: number; milestones: number[]; gamma: number };

/**
 * PyTorch's MultiStepLR: lr0·γ^(number of milestones m with t ≥ m). The change happens at the
 * milestone itself (piecewiseConstant switches one step later).
 */
export function multiStepLR(options: MultiStepLROptions): Schedule<MultiStepLRParams> {
  const o = new OptionReader('multiStepLR', options, ['lr0', 'milestones', 'gamma']);
  const lr0 = o.rate('lr0');
  const milestones = o.numbers('milestones', { ge: 0 }, true);
  const gamma = o.number('gamma', { gt: 0, le: 1 }, 0.1);
  return defineSchedule('multiStepLR', { lr0, milestones, gamma }, (t) => {
    let passed = 0;
    for (const m of milestones) if (t >= m) passed++;
    return lr0 * Math.pow(gamma, passed);
  });
}
