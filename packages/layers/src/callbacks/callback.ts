// The callback protocol (Keras's): objects with any of onTrainBegin/End, onEpochBegin/End and
// onBatchBegin/End, called in order and awaited. A callback stops training by setting
// `model.stopTraining = true`.
import * as tl from '@tensile/core';
import type { LayersModel } from '../model/model.js';

/** Values logged at a batch or epoch end: 'loss', the metrics, their 'val_' forms, 'lr'. */
export type Logs = Record<string, number>;

/** What fit tells its callbacks before training starts. */
export interface TrainingParams {
  epochs: number;
  initialEpoch: number;
  /** Batches per epoch. */
  steps: number;
  samples: number;
  batchSize: number;
  verbose: 0 | 1 | 2;
  /** The epoch log keys: 'loss', the metric names, and the 'val_' ones with validation data. */
  metrics: string[];
  doValidation: boolean;
}

export interface Callback {
  /** Called by fit before onTrainBegin. */
  setModel?(model: LayersModel): void;
  setParams?(params: TrainingParams): void;
  onTrainBegin?(logs: Logs): void | Promise<void>;
  onTrainEnd?(logs: Logs): void | Promise<void>;
  onEpochBegin?(epoch: number, logs: Logs): void | Promise<void>;
  onEpochEnd?(epoch: number, logs: Logs): void | Promise<void>;
  onBatchBegin?(batch: number, logs: Logs): void | Promise<void>;
  onBatchEnd?(batch: number, logs: Logs): void | Promise<void>;
}

type Hook =
  'onTrainBegin' | 'onTrainEnd' | 'onEpochBegin' | 'onEpochEnd' | 'onBatchBegin' | 'onBatchEnd';

/** Calls every callback's hook in order, awaiting each. */
export class CallbackList {
  constructor(readonly callbacks: readonly Callback[]) {}

  setup(model: LayersModel, params: TrainingParams): void {
    for (const cb of this.callbacks) {
      cb.setModel?.(model);
      cb.setParams?.(params);
    }
  }

  async trainBegin(logs: Logs = {}): Promise<void> {
    await this.run('onTrainBegin', (cb) => cb.onTrainBegin?.(logs));
  }
  async trainEnd(logs: Logs = {}): Promise<void> {
    await this.run('onTrainEnd', (cb) => cb.onTrainEnd?.(logs));
  }
  async epochBegin(epoch: number, logs: Logs = {}): Promise<void> {
    await this.run('onEpochBegin', (cb) => cb.onEpochBegin?.(epoch, logs));
  }
  async epochEnd(epoch: number, logs: Logs): Promise<void> {
    await this.run('onEpochEnd', (cb) => cb.onEpochEnd?.(epoch, logs));
  }
  async batchBegin(batch: number, logs: Logs): Promise<void> {
    await this.run('onBatchBegin', (cb) => cb.onBatchBegin?.(batch, logs));
  }
  async batchEnd(batch: number, logs: Logs): Promise<void> {
    await this.run('onBatchEnd', (cb) => cb.onBatchEnd?.(batch, logs));
  }

  private async run(_hook: Hook, call: (cb: Callback) => void | Promise<void>): Promise<void> {
    for (const cb of this.callbacks) {
      const result = call(cb);
      if (result instanceof Promise) await result;
    }
  }
}

export function checkCallbacks(op: string, callbacks: unknown): Callback[] {
  if (callbacks === undefined) return [];
  if (!Array.isArray(callbacks)) throw tl.invalidArgument(op, 'callbacks', 'an array', callbacks);
  return callbacks.map((cb, i) => {
    if (typeof cb !== 'object' || cb === null) {
      throw tl.invalidArgument(op, `callbacks[${i}]`, 'an object with onEpochEnd/… methods', cb);
    }
    return cb as Callback;
  });
}
