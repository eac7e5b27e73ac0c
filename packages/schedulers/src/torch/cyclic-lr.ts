import { type CyclicalSchedule, defineSchedule, withMomentum } from '../schedule.js';
import { OptionReader } from '../validate.js';

export type CyclicLRMode = 'triangular' | 'triangular2' | 'exp_range';

export interface CyclicLROptions {
  /** The lr at the bottom of each cycle (and at t = 0). */
  baseLr: number;
  /** The lr at the top of the first cycle. */
  maxLr: number;
  /** Steps from bottom to top; > 0, default 2000. */
  stepSizeUp?: number;
  /** Steps from top to bottom; > 0, default stepSizeUp. */
  stepSizeDown?: number;
  /** Amplitude per cycle: constant, halved each cycle, or × γ^t; default 'triangular'. */
  mode?: CyclicLRMode;
  /** The base of 'exp_range''s γ^t; in (0, 1], default 1. */
  gamma?: number;
  /** Cycle momentum (SGD) or beta1 (Adam) against the lr; default true. */
  cycleMomentum?: boolean;
  /** Momentum at the lr peak; in [0, 1], default 0.8. */
  baseMomentum?: number;
  /** Momentum at the lr bottom; in [0, 1], default 0.9. */
  maxMomentum?: number;
  /** Ignored, as PyTorch ignores the optimizer's lr here (the cycle starts at baseLr). */
  lr0?: number;
}
export type CyclicLRParams = {
  baseLr: number;
  maxLr: number;
  stepSizeUp: number;
  stepSizeDown: number;
  mode: CyclicLRMode;
  gamma: number;
  cycleMomentum: boolean;
  baseMomentum: number;
  maxMomentum: number;
};

/**
 * PyTorch's CyclicLR (Smith 2017, "Cyclical Learning Rates"): with L = up + down,
 * cycle = ⌊1 + t/L⌋, x = 1 + t/L − cycle, r = up/L, scale = x/r if x ≤ r else (x − 1)/(r − 1);
 * lr = base + (max − base)·scale·s and momentum = maxM − (maxM − baseM)·scale·s, where s is 1
 * (triangular), 1/2^(cycle−1) (triangular2) or γ^t (exp_range). It cycles forever.
 */
export function cyclicLR(options: CyclicLROptions): CyclicalSchedule<CyclicLRParams> {
  const o = new OptionReader('cyclicLR', options, [
    'baseLr',
    'maxLr',
    'stepSizeUp',
    'stepSizeDown',
    'mode',
    'gamma',
    'cycleMomentum',
    'baseMomentum',
    'maxMomentum',
    'lr0',
  ]);
  const stepSizeUp = o.number('stepSizeUp', { gt: 0 }, 2000);
  const params: CyclicLRParams = {
    baseLr: o.rate('baseLr'),
    maxLr: o.rate('maxLr'),
    stepSizeUp,
    stepSizeDown: o.number('stepSizeDown', { gt: 0 }, stepSizeUp),
    mode: o.oneOf('mode', ['triangular', 'triangular2', 'exp_range'] as const, 'triangular'),
    gamma: o.number('gamma', { gt: 0, le: 1 }, 1),
    cycleMomentum: o.boolean('cycleMomentum', true),
    baseMomentum: o.number('baseMomentum', { ge: 0, le: 1 }, 0.8),
    maxMomentum: o.number('maxMomentum', { ge: 0, le: 1 }, 0.9),
  };
  const { baseLr, maxLr, mode, gamma, baseMomentum, maxMomentum } = params;
  const totalSize = stepSizeUp + params.stepSizeDown;
  const stepRatio = stepSizeUp / totalSize;

  /** scale·s in [0, 1]: where in the triangle t sits, times the amplitude of its cycle. */
  const height = (t: number): number => {
    const cycle = Math.floor(1 + t / totalSize);
    const x = 1 + t / totalSize - cycle;
    const scale = x <= stepRatio ? x / stepRatio : (x - 1) / (stepRatio - 1);
    if (mode === 'triangular2') return scale / Math.pow(2, cycle - 1);
    if (mode === 'exp_range') return scale * Math.pow(gamma, t);
    return scale;
  };

  const schedule = defineSchedule('cyclicLR', params, (t) => {
    return baseLr + (maxLr - baseLr) * height(t);
  });
  return withMomentum(
    schedule,
    params.cycleMomentum
      ? (t) => maxMomentum - (maxMomentum - baseMomentum) * height(t)
      : undefined,
  );
}
