// earlyStopping: the callback around @tensile/regularization's early-stopping state machine.
// Every epoch it feeds the monitored log value; with restoreBestWeights it snapshots the weights
// when the machine says so (`shouldSnapshot`) and restores them when it stops (`shouldRestore`).
import * as tl from '@tensile/core';
import type { EarlyStoppingOptions, WeightsSnapshot } from '@tensile/regularization';
import { EarlyStopping, snapshotWeights } from '@tensile/regularization';
import type { LayersModel } from '../model/model.js';
import type { Callback, Logs } from './callback.js';

export type { EarlyStoppingOptions };

export class EarlyStoppingCallback implements Callback {
  private model?: LayersModel;
  private machine: EarlyStopping;
  private snapshot?: WeightsSnapshot;
  /** The epoch training stopped at, or −1. */
  stoppedEpoch = -1;

  constructor(private readonly options: EarlyStoppingOptions = {}) {
    // Validates the options now, so a typo fails where the callback is made.
    this.machine = new EarlyStopping(options);
  }

  get monitor(): string {
    return this.machine.monitor;
  }

  /** The best epoch of the current (or last) fit, −1 before any. */
  get bestEpoch(): number {
    return this.machine.bestEpoch;
  }

  get bestValue(): number {
    return this.machine.bestValue;
  }

  setModel(model: LayersModel): void {
    this.model = model;
  }

  /** A fresh state machine per fit (Keras resets at the start of training). */
  onTrainBegin(): void {
    this.machine = new EarlyStopping(this.options);
    this.stoppedEpoch = -1;
    this.release();
  }

  onEpochEnd(epoch: number, logs: Logs): void {
    const model = this.model as LayersModel;
    const value = logs[this.monitor];
    if (value === undefined) {
      throw new tl.ValueError(
        'earlyStopping',
        `monitor '${this.monitor}' is not in the epoch logs (available: ${Object.keys(logs).join(', ')}); 'val_' values need validationData or validationSplit`,
      );
    }
    const { stop } = this.machine.update(value, epoch);
    if (this.machine.shouldSnapshot) {
      this.release();
      this.snapshot = snapshotWeights(model.namedVariables());
    }
    if (stop) {
      model.stopTraining = true;
      this.stoppedEpoch = epoch;
      if (this.machine.shouldRestore) this.snapshot?.restore(model.namedVariables());
    }
  }

  onTrainEnd(): void {
    this.release();
  }

  private release(): void {
    this.snapshot?.dispose();
    this.snapshot = undefined;
  }
}

/**
 * Stops training when `monitor` (default 'val_loss') has not improved by more than `minDelta`
 * for `patience` epochs; with `restoreBestWeights` the model ends with its best epoch's weights.
 */
export const earlyStopping = (options: EarlyStoppingOptions = {}): EarlyStoppingCallback =>
  new EarlyStoppingCallback(options);
