// The learning-rate range test (Smith 2015, "Cyclical Learning Rates", §3.3; the "manual approach"
// in Géron's ch. 11): train briefly while the lr grows exponentially, record the loss, and pick an
// lr somewhat below the point where the loss shoots up.
import { ScheduleError, invalidParameter } from './errors.js';
import { OptionReader } from './validate.js';

export interface LrRangeTestOptions {
  /**
   * Runs one training step at `lr` and returns its loss (sync or async). The model keeps training
   * across calls; save its weights before the test and restore them after.
   */
  step: (lr: number, iteration: number) => number | Promise<number>;
  /** First lr tried; > 0, default 1e-7. */
  minLr?: number;
  /** Last lr tried; > minLr, default 10. */
  maxLr?: number;
  /** Steps, lr growing by the same factor each; an integer ≥ 2, default 100. */
  numSteps?: number;
  /** β of the bias-corrected exponential moving average of the loss; in [0, 1), default 0.98. */
  smoothing?: number;
  /** Stop once the smoothed loss exceeds this many times its best so far; > 1, default 4. */
  divergeThreshold?: number;
}

export interface LrRangeTestResult {
  /** The lrs tried, in order (fewer than numSteps when the loss diverged). */
  lrs: number[];
  /** The raw losses `step` returned. */
  losses: number[];
  /** The bias-corrected moving average of the losses: the curve to read (or plot). */
  smoothedLosses: number[];
  /** The lr at the minimum of the smoothed curve. */
  minLossLr: number;
  /** minLossLr / 10: the lr the test recommends. */
  suggestion: number;
  /** 'completed' (reached maxLr), 'diverged' (smoothed loss over the threshold) or 'nonFinite'. */
  stopReason: 'completed' | 'diverged' | 'nonFinite';
}

/**
 * Runs the range test with lr_i = minLr·(maxLr/minLr)^(i/(numSteps−1)).
 *
 * Suggestion: a tenth of the lr at the smoothed minimum. The moving average lags the raw loss, so
 * its minimum already sits near the lr where training turns unstable; a factor of ten below it is
 * the usual margin (Géron; fastai's `lr_min`), and, unlike the steepest-slope point, it does not
 * hinge on differentiating a noisy curve.
 */
export async function lrRangeTest(options: LrRangeTestOptions): Promise<LrRangeTestResult> {
  const op = 'lrRangeTest';
  const o = new OptionReader(op, options, [
    'step',
    'minLr',
    'maxLr',
    'numSteps',
    'smoothing',
    'divergeThreshold',
  ]);
  const step = o.raw('step');
  if (typeof step !== 'function') throw invalidParameter(op, 'step', 'a function', step);
  const minLr = o.number('minLr', { gt: 0 }, 1e-7);
  const maxLr = o.number('maxLr', { gt: minLr }, 10);
  const numSteps = o.integer('numSteps', { ge: 2 }, 100);
  const beta = o.number('smoothing', { ge: 0, lt: 1 }, 0.98);
  const divergeThreshold = o.number('divergeThreshold', { gt: 1 }, 4);
  const trainStep = step as LrRangeTestOptions['step'];

  const lrs: number[] = [];
  const losses: number[] = [];
  const smoothedLosses: number[] = [];
  let average = 0;
  let best = Infinity;
  let stopReason: LrRangeTestResult['stopReason'] = 'completed';
  for (let i = 0; i < numSteps; i++) {
    const lr = minLr * Math.pow(maxLr / minLr, i / (numSteps - 1));
    const loss: unknown = await trainStep(lr, i);
    if (typeof loss !== 'number') {
      throw invalidParameter(op, 'step', 'a function returning the loss as a number', loss);
    }
    if (!Number.isFinite(loss)) {
      if (i === 0) {
        throw new ScheduleError(op, `the loss at the first lr (${minLr}) is ${loss}; lower minLr`);
      }
      stopReason = 'nonFinite';
      break;
    }
    average = beta * average + (1 - beta) * loss;
    const smoothed = average / (1 - Math.pow(beta, i + 1));
    lrs.push(lr);
    losses.push(loss);
    smoothedLosses.push(smoothed);
    // smoothed > threshold·best, written so that it still means "grew" for a negative loss.
    if (i > 0 && smoothed - best > (divergeThreshold - 1) * Math.abs(best)) {
      stopReason = 'diverged';
      break;
    }
    best = Math.min(best, smoothed);
  }

  let argmin = 0;
  for (let i = 1; i < smoothedLosses.length; i++) {
    if (smoothedLosses[i] < smoothedLosses[argmin]) argmin = i;
  }
  const minLossLr = lrs[argmin];
  return { lrs, losses, smoothedLosses, minLossLr, suggestion: minLossLr / 10, stopReason };
}
