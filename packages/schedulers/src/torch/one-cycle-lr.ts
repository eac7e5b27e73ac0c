import { ScheduleError } from '../errors.js';
import { type CyclicalSchedule, defineSchedule, withMomentum } from '../schedule.js';
import { OptionReader } from '../validate.js';

export interface OneCycleLROptions {
  /** The peak lr. */
  maxLr: number;
  /** Length of the cycle in steps; an integer ≥ 1. Or give `epochs` and `stepsPerEpoch`. */
  totalSteps?: number;
  epochs?: number;
  stepsPerEpoch?: number;
  /** Fraction of the cycle spent raising the lr; in (0, 1), default 0.3. */
  pctStart?: number;
  annealStrategy?: 'cos' | 'linear';
  /** Cycle momentum (SGD) or beta1 (Adam) against the lr; default true. */
  cycleMomentum?: boolean;
  /** Momentum at the lr peak; in [0, 1], default 0.85. */
  baseMomentum?: number;
  /** Momentum at the start and end; in [0, 1], default 0.95. */
  maxMomentum?: number;
  /** Starting lr = maxLr/divFactor; > 0, default 25. */
  divFactor?: number;
  /** Final lr = starting lr/finalDivFactor; > 0, default 1e4. */
  finalDivFactor?: number;
  /** Come back down to the starting lr, then anneal to the final one (fastai); default false. */
  threePhase?: boolean;
  /**
   * Ignored, as PyTorch ignores the optimizer's lr here (the cycle starts at maxLr/divFactor);
   * accepted so that one options object can serve every schedule.
   */
  lr0?: number;
}
export type OneCycleLRParams = {
  maxLr: number;
  totalSteps: number;
  pctStart: number;
  annealStrategy: 'cos' | 'linear';
  cycleMomentum: boolean;
  baseMomentum: number;
  maxMomentum: number;
  divFactor: number;
  finalDivFactor: number;
  threePhase: boolean;
};

/** One stretch of the cycle: both quantities go from start to end between two steps. */
interface Phase {
  endStep: number;
  lr: readonly [number, number];
  momentum: readonly [number, number];
}

const annealCos = (start: number, end: number, pct: number): number =>
  end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1);
const annealLinear = (start: number, end: number, pct: number): number =>
  (end - start) * pct + start;

/**
 * PyTorch's OneCycleLR (Smith & Topin 2018, "super-convergence"): initial = maxLr/divFactor →
 * maxLr → initial/finalDivFactor, with the momentum cycled max → base → max, phase ends at steps
 * pctStart·T − 1 and T − 1 (three-phase: pctStart·T − 1, 2·pctStart·T − 2, T − 1).
 *
 * From t = totalSteps − 1 on, the final values hold. PyTorch differs only past that point: at
 * t = totalSteps it extrapolates the last phase (below zero with the linear anneal), then raises.
 */
export function oneCycleLR(options: OneCycleLROptions): CyclicalSchedule<OneCycleLRParams> {
  const op = 'oneCycleLR';
  const o = new OptionReader(op, options, [
    'maxLr',
    'totalSteps',
    'epochs',
    'stepsPerEpoch',
    'pctStart',
    'annealStrategy',
    'cycleMomentum',
    'baseMomentum',
    'maxMomentum',
    'divFactor',
    'finalDivFactor',
    'threePhase',
    'lr0',
  ]);
  const maxLr = o.rate('maxLr');
  let totalSteps: number;
  if (o.has('totalSteps')) {
    if (o.has('epochs') || o.has('stepsPerEpoch')) {
      throw new ScheduleError(op, 'give either totalSteps or epochs and stepsPerEpoch, not both');
    }
    totalSteps = o.integer('totalSteps', { ge: 1 });
  } else if (o.has('epochs') || o.has('stepsPerEpoch')) {
    totalSteps = o.integer('epochs', { ge: 1 }) * o.integer('stepsPerEpoch', { ge: 1 });
  } else {
    totalSteps = o.integer('totalSteps', { ge: 1 });
  }
  const params: OneCycleLRParams = {
    maxLr,
    totalSteps,
    pctStart: o.number('pctStart', { gt: 0, lt: 1 }, 0.3),
    annealStrategy: o.oneOf('annealStrategy', ['cos', 'linear'] as const, 'cos'),
    cycleMomentum: o.boolean('cycleMomentum', true),
    baseMomentum: o.number('baseMomentum', { ge: 0, le: 1 }, 0.85),
    maxMomentum: o.number('maxMomentum', { ge: 0, le: 1 }, 0.95),
    divFactor: o.number('divFactor', { gt: 0 }, 25),
    finalDivFactor: o.number('finalDivFactor', { gt: 0 }, 1e4),
    threePhase: o.boolean('threePhase', false),
  };
  const { pctStart, baseMomentum: baseM, maxMomentum: maxM } = params;
  const initialLr = maxLr / params.divFactor;
  const minLr = initialLr / params.finalDivFactor;
  if (!Number.isFinite(initialLr)) {
    throw new ScheduleError(op, `maxLr/divFactor must be finite, got ${maxLr}/${params.divFactor}`);
  }
  const phases: Phase[] = params.threePhase
    ? [
        { endStep: pctStart * totalSteps - 1, lr: [initialLr, maxLr], momentum: [maxM, baseM] },
        { endStep: 2 * pctStart * totalSteps - 2, lr: [maxLr, initialLr], momentum: [baseM, maxM] },
        { endStep: totalSteps - 1, lr: [initialLr, minLr], momentum: [maxM, maxM] },
      ]
    : [
        { endStep: pctStart * totalSteps - 1, lr: [initialLr, maxLr], momentum: [maxM, baseM] },
        { endStep: totalSteps - 1, lr: [maxLr, minLr], momentum: [baseM, maxM] },
      ];
  const anneal = params.annealStrategy === 'cos' ? annealCos : annealLinear;

  // PyTorch's get_lr: the first phase whose end is not passed (or the last), and the fraction of it
  // done, pct = (t − previous end)/(end − previous end).
  const evaluate = (t: number, pick: (phase: Phase) => readonly [number, number]): number => {
    const step = Math.min(t, totalSteps - 1);
    let i = 0;
    let start = 0;
    while (i < phases.length - 1 && step > phases[i].endStep) {
      start = phases[i].endStep;
      i++;
    }
    const span = phases[i].endStep - start;
    // A first phase that ends at step 0 (pctStart·T = 1) has span 0: it is already complete.
    const pct = span > 0 ? (step - start) / span : 1;
    const [from, to] = pick(phases[i]);
    return anneal(from, to, pct);
  };

  const schedule = defineSchedule(op, params, (t) => evaluate(t, (p) => p.lr));
  return withMomentum(
    schedule,
    params.cycleMomentum ? (t) => evaluate(t, (p) => p.momentum) : undefined,
  );
}
