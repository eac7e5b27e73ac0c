// earlyStopping: the callback around @tensile/regularization's early-stopping state machine.
// Every epoch it feeds the monitored log value; it snapshots the weights when the machine asks
// (restoreBestWeights) and, when it says stop, ends training and restores the best weights.
import * as tl from '@tensile/core';
import type { EarlyStoppingMachine, EarlyStoppingOptions } from '../interop/regularization.js';
import { fromRegularization } from '../interop/regularization.js';
import type { LayersModel } from '../model/model.js';
import type { WeightsSnapshot } from '../model/snapshot.js';
import { snapshotWeights } from '../model/snapshot.js';
import type { Callback, Logs } from './callback.js';

export type { EarlyStoppingOptions };

export class EarlyStoppingCallback implements Callback {
  private model?: LayersModel;
  private machine?: EarlyStoppingMachine;
  private snapshot?: WeightsSnapshot;
  /** The epoch training stopped at, or −1. */
  stoppedEpoch = -1;

  constructor(private readonly options: EarlyStoppingOptions = {}) {
    if (typeof options !== 'object' || options === null) {
      throw tl.invalidArgument('earlyStopping', 'options', 'an object', options);
    }
  }

  get monitor(): string {
    return this.options.monitor ?? 'val_loss';
  }

  /** The best epoch of the current (or last) fit, −1 before any. */
  get bestEpoch(): number {
    return this.machine?.bestEpoch ?? -1;
  }

  get bestValue(): number | undefined {
    return this.machine?.bestValue;
  }

  setModel(model: LayersModel): void {
    this.model = model;
  }

  /** A fresh state machine per fit (Keras resets at the start of training). */
  onTrainBegin(): void {
    this.machine = fromRegularization('earlyStopping', 'earlyStopping')(this.options);
    this.stoppedEpoch = -1;
    this.release();
  }

  onEpochEnd(epoch: number, logs: Logs): void {
    const model = this.model as LayersModel;
    const machine = this.machine as EarlyStoppingMachine;
    const value = logs[this.monitor];
    if (value === undefined) {
      throw new tl.ValueError(
        'earlyStopping',
        `monitor '${this.monitor}' is not in the epoch logs (available: ${Object.keys(logs).join(', ')}); 'val_' values need validationData or validationSplit`,
      );
    }
    const decision = machine.update(value, epoch);
    // The machine says when to snapshot and restore (restoreBestWeights); a machine that only
    // reports {stop, improved} gets Keras's rule: snapshot on improvement, restore on stop.
    const keep = this.options.restoreBestWeights === true;
    const snapshot =
      decision.snapshot ??
      machine.shouldSnapshot ??
      (keep && (decision.improved || !this.snapshot));
    const restore = decision.restore ?? machine.shouldRestore ?? (keep && decision.stop);
    if (snapshot) {
      this.release();
      this.snapshot = snapshotWeights(model.namedVariables());
    }
    if (decision.stop) {
      model.stopTraining = true;
      this.stoppedEpoch = epoch;
      if (restore) this.snapshot?.restore(model.namedVariables());
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
