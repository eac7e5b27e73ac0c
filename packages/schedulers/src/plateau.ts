// Performance scheduling: PyTorch's ReduceLROnPlateau, made to compose with a schedule. The
// plateau logic owns one number, `scale`; the lr is base(t)·scale, where base is a constant lr0 or
// any schedule. (Keras' ReduceLROnPlateau crashes when the optimizer's lr is a schedule.)
import { ScheduleError, invalidParameter } from './errors.js';
import { scheduleFromConfig } from './config.js';
import { type Schedule, type ScheduleConfig } from './schedule.js';
import { OptionReader, checkNumber, checkStep } from './validate.js';

export interface ReduceLROnPlateauOptions {
  /** The lr to scale: a number, a schedule, or a schedule's `{name, params}` config. */
  lr0: number | Schedule | ScheduleConfig;
  /** 'min' when lower is better (a loss), 'max' for accuracy; default 'min'. */
  mode?: 'min' | 'max';
  /** Factor per reduction; in (0, 1), default 0.1. */
  factor?: number;
  /** Steps without improvement tolerated before a reduction; an integer ≥ 0, default 10. */
  patience?: number;
  /** Minimum improvement that counts; ≥ 0, default 1e-4. */
  threshold?: number;
  /**
   * 'rel': better than best·(1 ∓ threshold); 'abs': better than best ∓ threshold; default 'rel'.
   */
  thresholdMode?: 'rel' | 'abs';
  /** Steps after a reduction during which bad steps are not counted; an integer ≥ 0, default 0. */
  cooldown?: number;
  /** A reduction never takes the lr below this; ≥ 0, default 0. */
  minLr?: number;
  /** A reduction smaller than eps is skipped; ≥ 0, default 1e-8. */
  eps?: number;
}

export type ReduceLROnPlateauParams = {
  lr0: number | ScheduleConfig;
  mode: 'min' | 'max';
  factor: number;
  patience: number;
  threshold: number;
  thresholdMode: 'rel' | 'abs';
  cooldown: number;
  minLr: number;
  eps: number;
};

/** Everything that changes as metrics come in, as plain JSON (`best` is null until a metric). */
export type ReduceLROnPlateauState = {
  /** Steps taken (PyTorch's last_epoch); the schedule is evaluated here. */
  t: number;
  best: number | null;
  numBadEpochs: number;
  cooldownCounter: number;
  /** Product of the reductions applied so far (1 at the start). */
  scale: number;
  numReductions: number;
};

const STATE_KEYS: readonly (keyof ReduceLROnPlateauState)[] = [
  't',
  'best',
  'numBadEpochs',
  'cooldownCounter',
  'scale',
  'numReductions',
];

const OP = 'reduceLROnPlateau';

export class ReduceLROnPlateau {
  readonly name = OP;
  readonly params: Readonly<ReduceLROnPlateauParams>;
  private readonly base: (t: number) => number;
  private state: ReduceLROnPlateauState;

  constructor(options: ReduceLROnPlateauOptions) {
    const o = new OptionReader(OP, options, [
      'lr0',
      'mode',
      'factor',
      'patience',
      'threshold',
      'thresholdMode',
      'cooldown',
      'minLr',
      'eps',
    ]);
    const lr0 = resolveBase(o.raw('lr0'));
    this.base = typeof lr0 === 'number' ? () => lr0 : lr0;
    this.params = Object.freeze({
      lr0: typeof lr0 === 'number' ? lr0 : lr0.toJSON(),
      mode: o.oneOf('mode', ['min', 'max'] as const, 'min'),
      factor: o.number('factor', { gt: 0, lt: 1 }, 0.1),
      patience: o.integer('patience', { ge: 0 }, 10),
      threshold: o.number('threshold', { ge: 0 }, 1e-4),
      thresholdMode: o.oneOf('thresholdMode', ['rel', 'abs'] as const, 'rel'),
      cooldown: o.integer('cooldown', { ge: 0 }, 0),
      minLr: o.rate('minLr', 0),
      eps: o.number('eps', { ge: 0 }, 1e-8),
    });
    this.state = initialState();
  }

  /** The lr now: base(t)·scale at the current step. */
  get lr(): number {
    return this.lrAt(this.state.t);
  }

  /** Steps taken so far. */
  get t(): number {
    return this.state.t;
  }

  /** The product of the reductions applied so far. */
  get scale(): number {
    return this.state.scale;
  }

  get numReductions(): number {
    return this.state.numReductions;
  }

  /**
   * base(t)·scale with the current scale, for any t: pass it as an optimizer's lr when the
   * schedule counts batches while metrics arrive once an epoch. It reads the live scale, so unlike
   * a schedule it is not a pure function of t.
   */
  readonly lrAt = (t: number): number => this.base(checkStep(OP, t)) * this.state.scale;

  /**
   * Records one metric and returns the lr for the next step. PyTorch's rules: a metric better than
   * best (by the threshold) resets the bad count, otherwise it grows; during cooldown bad steps do
   * not count; once the count exceeds patience, lr ← max(lr·factor, minLr) unless that changes it
   * by eps or less, and the cooldown starts. `t` sets the step explicitly (default: one more).
   */
  step(metric: number, t?: number): number {
    if (typeof metric !== 'number' || !Number.isFinite(metric)) {
      throw invalidParameter(OP, 'metric', 'a finite number', metric);
    }
    const s = this.state;
    s.t = t === undefined ? s.t + 1 : checkStep(OP, t);
    if (this.isBetter(metric, s.best)) {
      s.best = metric;
      s.numBadEpochs = 0;
    } else {
      s.numBadEpochs += 1;
    }
    if (s.cooldownCounter > 0) {
      s.cooldownCounter -= 1;
      s.numBadEpochs = 0;
    }
    if (s.numBadEpochs > this.params.patience) {
      this.reduce();
      s.cooldownCounter = this.params.cooldown;
      s.numBadEpochs = 0;
    }
    return this.lr;
  }

  private isBetter(metric: number, best: number | null): boolean {
    if (best === null) return true;
    const { mode, threshold, thresholdMode } = this.params;
    if (mode === 'min') {
      return thresholdMode === 'rel' ? metric < best * (1 - threshold) : metric < best - threshold;
    }
    return thresholdMode === 'rel' ? metric > best * (threshold + 1) : metric > best + threshold;
  }

  private reduce(): void {
    const s = this.state;
    const base = this.base(s.t);
    const oldLr = base * s.scale;
    const newLr = Math.max(oldLr * this.params.factor, this.params.minLr);
    // oldLr − newLr > eps ≥ 0 implies base > 0, so the division is safe.
    if (oldLr - newLr > this.params.eps) {
      s.scale = newLr / base;
      s.numReductions += 1;
    }
  }

  /** A copy of the changing state, plain JSON; `params` holds the rest. */
  stateDict(): ReduceLROnPlateauState {
    return { ...this.state };
  }

  /** Restores `stateDict()`'s output; rejects missing, unknown or ill-typed entries. */
  loadStateDict(state: ReduceLROnPlateauState): void {
    const op = `${OP}.loadStateDict`;
    if (typeof state !== 'object' || state === null) {
      throw invalidParameter(op, 'state', 'an object', state);
    }
    const given: Readonly<Record<string, unknown>> = state;
    for (const key of Object.keys(given)) {
      if (!(STATE_KEYS as readonly string[]).includes(key)) {
        throw new ScheduleError(op, `unknown entry '${key}' (expected ${STATE_KEYS.join(', ')})`);
      }
    }
    const best = given.best;
    if (best !== null) checkNumber(op, 'best', best);
    this.state = {
      t: checkNumber(op, 't', given.t, { ge: 0 }),
      best: best as number | null,
      numBadEpochs: checkNumber(op, 'numBadEpochs', given.numBadEpochs, { ge: 0 }, true),
      cooldownCounter: checkNumber(op, 'cooldownCounter', given.cooldownCounter, { ge: 0 }, true),
      scale: checkNumber(op, 'scale', given.scale, { ge: 0 }),
      numReductions: checkNumber(op, 'numReductions', given.numReductions, { ge: 0 }, true),
    };
  }

  /** `{name, params}`; a checkpoint stores this and `stateDict()`. */
  toJSON(): { name: string; params: Readonly<ReduceLROnPlateauParams> } {
    return { name: this.name, params: this.params };
  }
}

/** PyTorch's ReduceLROnPlateau, scaling `lr0` (a number or a schedule) by its reductions. */
export function reduceLROnPlateau(options: ReduceLROnPlateauOptions): ReduceLROnPlateau {
  return new ReduceLROnPlateau(options);
}

function initialState(): ReduceLROnPlateauState {
  return { t: 0, best: null, numBadEpochs: 0, cooldownCounter: 0, scale: 1, numReductions: 0 };
}

function resolveBase(lr0: unknown): number | Schedule {
  if (typeof lr0 === 'number') return checkNumber(OP, 'lr0', lr0, { ge: 0 });
  if (typeof lr0 === 'function' && typeof (lr0 as Schedule).toJSON === 'function') {
    return lr0 as Schedule;
  }
  if (typeof lr0 === 'object' && lr0 !== null) return scheduleFromConfig(lr0);
  throw invalidParameter(OP, 'lr0', 'a number >= 0, a schedule or a schedule config', lr0);
}
