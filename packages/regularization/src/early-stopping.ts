// Early stopping as a plain state machine with Keras's `EarlyStopping` rules, so the layers
// package can wrap it as a callback and a hand-written loop can use it directly:
//
//   improvement   value < best − minDelta (min mode) or value > best + minDelta (max mode);
//                 the first monitored value always improves (best starts at ±∞), NaN never does
//   wait          +1 every monitored epoch, back to 0 on an improvement that also beats
//                 `baseline` (when one is given)
//   stop          wait ≥ patience on an epoch without improvement, and epoch > 0
//   warm-up       epochs < startFromEpoch are ignored entirely
//
// With `restoreBestWeights`, after each `update` the machine says whether to snapshot the weights
// (`shouldSnapshot`: on every improvement, and at the first monitored epoch) and whether to restore
// them (`shouldRestore`: when it says stop); `snapshotWeights` does both for a
// Record<string, Variable>.
import { ValueError, invalidArgument } from '@tensile/core';
import { checkBoolean, checkNumber, checkOneOf, checkOptions, isPlainRecord } from './validate.js';

export type EarlyStoppingMode = 'auto' | 'min' | 'max';

export interface EarlyStoppingOptions {
  /** The quantity watched; the layers package reads it from the epoch logs (default 'val_loss'). */
  monitor?: string;
  /** Epochs without improvement tolerated before stopping (default 0). */
  patience?: number;
  /** The smallest change that counts as an improvement, ≥ 0 (default 0). */
  minDelta?: number;
  /** 'min', 'max', or 'auto' (default): 'max' for accuracy-like names, 'min' otherwise. */
  mode?: EarlyStoppingMode;
  /** A value to beat: until the monitored value beats it, `wait` is never reset. */
  baseline?: number;
  /** Whether to ask for weight snapshots and a restore at the stop (default false). */
  restoreBestWeights?: boolean;
  /** Epochs before this one are not monitored (a warm-up; default 0). */
  startFromEpoch?: number;
}

/** What `update` decided for one epoch. */
export interface EarlyStoppingDecision {
  /** Stop training after this epoch. */
  stop: boolean;
  /** The value is the new best (it beat the best by more than minDelta). */
  improved: boolean;
}

/** The counters, for checkpoints (`stateDict`/`loadStateDict`). */
export interface EarlyStoppingState {
  bestValue: number;
  bestEpoch: number;
  wait: number;
  stoppedEpoch: number;
  epochsSeen: number;
  hasSnapshot: boolean;
}

/**
 * Monitored names for which larger is better in 'auto' mode, matched against the end of the name
 * lowercased (so 'val_accuracy', 'valAccuracy', 'topKAccuracy', 'rocAuc' all match). Keras 2
 * checks acc/accuracy/auc; the metric names of @tensile/metrics that also grow are added.
 */
const MAXIMIZED_SUFFIXES = [
  'acc',
  'accuracy',
  'auc',
  'precision',
  'recall',
  'f1',
  'fbeta',
  'r2',
  'r2score',
  'r2_score',
  'explainedvariance',
  'explained_variance',
];

/** The direction 'auto' picks for a monitored name. */
export function inferMode(monitor: string): 'min' | 'max' {
  const name = monitor.toLowerCase();
  return MAXIMIZED_SUFFIXES.some((s) => name.endsWith(s)) ? 'max' : 'min';
}

export class EarlyStopping {
  readonly monitor: string;
  /** The resolved direction ('auto' already decided). */
  readonly mode: 'min' | 'max';
  readonly patience: number;
  readonly minDelta: number;
  readonly baseline: number | undefined;
  readonly restoreBestWeights: boolean;
  readonly startFromEpoch: number;
  private state: EarlyStoppingState;
  private snapshotDue = false;
  private restoreDue = false;

  constructor(options: EarlyStoppingOptions = {}) {
    const op = 'earlyStopping';
    checkOptions(op, options, [
      'monitor',
      'patience',
      'minDelta',
      'mode',
      'baseline',
      'restoreBestWeights',
      'startFromEpoch',
    ]);
    const monitor = options.monitor ?? 'val_loss';
    if (typeof monitor !== 'string' || monitor === '') {
      throw invalidArgument(op, 'monitor', 'a non-empty string', monitor);
    }
    this.monitor = monitor;
    const mode = checkOneOf(op, 'mode', options.mode, ['auto', 'min', 'max'], 'auto');
    this.mode = mode === 'auto' ? inferMode(monitor) : mode;
    this.patience = checkNumber(op, 'patience', options.patience ?? 0, { ge: 0 }, true);
    this.minDelta = checkNumber(op, 'minDelta', options.minDelta ?? 0, { ge: 0 });
    this.baseline =
      options.baseline === undefined ? undefined : checkNumber(op, 'baseline', options.baseline);
    this.restoreBestWeights = checkBoolean(
      op,
      'restoreBestWeights',
      options.restoreBestWeights,
      false,
    );
    this.startFromEpoch = checkNumber(
      op,
      'startFromEpoch',
      options.startFromEpoch ?? 0,
      { ge: 0 },
      true,
    );
    this.state = this.initialState();
  }

  /** The best monitored value so far (+∞ in min mode, −∞ in max mode before any). */
  get bestValue(): number {
    return this.state.bestValue;
  }

  /** The epoch of the best value (−1 before any). */
  get bestEpoch(): number {
    return this.state.bestEpoch;
  }

  /** Monitored epochs since the last improvement that counted. */
  get wait(): number {
    return this.state.wait;
  }

  /** The epoch `update` first said stop at (−1 while it has not). */
  get stoppedEpoch(): number {
    return this.state.stoppedEpoch;
  }

  /**
   * After an `update` (restoreBestWeights only): this epoch's weights are the best so far, so
   * snapshot them now. Also true at the first monitored epoch, when no snapshot exists yet.
   */
  get shouldSnapshot(): boolean {
    return this.snapshotDue;
  }

  /** After an `update` that said stop (restoreBestWeights only): restore the snapshot now. */
  get shouldRestore(): boolean {
    return this.restoreDue;
  }

  /**
   * Feeds the monitored value of one epoch. `epoch` counts from 0; when omitted it is the number
   * of earlier calls. Warm-up epochs (< startFromEpoch) change nothing.
   */
  update(value: number, epoch?: number): EarlyStoppingDecision {
    const op = 'earlyStopping.update';
    if (typeof value !== 'number') throw invalidArgument(op, 'value', 'a number', value);
    const e =
      epoch === undefined
        ? this.state.epochsSeen
        : checkNumber(op, 'epoch', epoch, { ge: 0 }, true);
    this.state.epochsSeen = e + 1;
    this.snapshotDue = false;
    this.restoreDue = false;
    if (e < this.startFromEpoch) return { stop: false, improved: false };

    const s = this.state;
    if (this.restoreBestWeights && !s.hasSnapshot) {
      // Without any snapshot yet, the current weights are the best there is (Keras 3).
      this.snapshotDue = true;
      s.hasSnapshot = true;
      s.bestEpoch = e;
    }
    s.wait += 1;
    if (this.isImprovement(value, s.bestValue)) {
      s.bestValue = value;
      s.bestEpoch = e;
      this.snapshotDue = this.restoreBestWeights;
      if (this.baseline === undefined || this.isImprovement(value, this.baseline)) s.wait = 0;
      return { stop: false, improved: true };
    }
    const stop = s.wait >= this.patience && e > 0;
    if (stop) {
      if (s.stoppedEpoch < 0) s.stoppedEpoch = e;
      this.restoreDue = this.restoreBestWeights && s.hasSnapshot;
    }
    return { stop, improved: false };
  }

  /** Back to the state before the first epoch (Keras resets at the start of every `fit`). */
  reset(): void {
    this.state = this.initialState();
    this.snapshotDue = false;
    this.restoreDue = false;
  }

  stateDict(): EarlyStoppingState {
    return { ...this.state };
  }

  loadStateDict(state: EarlyStoppingState): void {
    const op = 'earlyStopping.loadStateDict';
    if (!isPlainRecord(state)) throw invalidArgument(op, 'state', 'an object', state);
    const keys = Object.keys(this.initialState());
    const missing = keys.filter((k) => !(k in state));
    if (missing.length) throw new ValueError(op, `state lacks ${missing.join(', ')}`);
    checkOptions(op, state, keys as (keyof EarlyStoppingState)[]);
    if (typeof state.bestValue !== 'number') {
      throw invalidArgument(op, 'bestValue', 'a number', state.bestValue);
    }
    this.state = {
      bestValue: state.bestValue,
      bestEpoch: checkNumber(op, 'bestEpoch', state.bestEpoch, { ge: -1 }, true),
      wait: checkNumber(op, 'wait', state.wait, { ge: 0 }, true),
      stoppedEpoch: checkNumber(op, 'stoppedEpoch', state.stoppedEpoch, { ge: -1 }, true),
      epochsSeen: checkNumber(op, 'epochsSeen', state.epochsSeen, { ge: 0 }, true),
      hasSnapshot: checkBoolean(op, 'hasSnapshot', state.hasSnapshot, false),
    };
  }

  /** value beats reference by more than minDelta in the monitored direction (NaN never does). */
  private isImprovement(value: number, reference: number): boolean {
    return this.mode === 'min'
      ? value < reference - this.minDelta
      : value > reference + this.minDelta;
  }

  private initialState(): EarlyStoppingState {
    return {
      bestValue: this.mode === 'min' ? Infinity : -Infinity,
      bestEpoch: -1,
      wait: 0,
      stoppedEpoch: -1,
      epochsSeen: 0,
      hasSnapshot: false,
    };
  }
}

/** `new EarlyStopping(options)`: see the file header for the rules. */
export function earlyStopping(options: EarlyStoppingOptions = {}): EarlyStopping {
  return new EarlyStopping(options);
}
