// History: every epoch's logs, what `fit` resolves to (Keras's History callback).
import type { Callback, Logs, TrainingParams } from './callback.js';

export class History implements Callback {
  /** The epochs run, in order. */
  readonly epoch: number[] = [];
  /** One list per log key: 'loss', the metrics, the 'val_' ones, 'lr' when a callback logs it. */
  readonly history: Record<string, number[]> = {};
  params?: TrainingParams;

  setParams(params: TrainingParams): void {
    this.params = params;
  }

  onEpochEnd(epoch: number, logs: Logs): void {
    this.epoch.push(epoch);
    for (const [key, value] of Object.entries(logs)) (this.history[key] ??= []).push(value);
  }
}
