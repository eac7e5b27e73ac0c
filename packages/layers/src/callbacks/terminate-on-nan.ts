// terminateOnNaN: ends training quietly at a NaN/Infinity batch loss (fit has already restored the
// weights of the last good epoch); without it, fit throws a NonFiniteError there.
import type { LayersModel } from '../model/model.js';
import type { Callback, Logs } from './callback.js';

export class TerminateOnNaN implements Callback {
  private model?: LayersModel;
  /** The batch of the epoch whose loss was not finite, or −1. */
  terminatedAtBatch = -1;

  setModel(model: LayersModel): void {
    this.model = model;
  }

  onTrainBegin(): void {
    this.terminatedAtBatch = -1;
  }

  onBatchEnd(batch: number, logs: Logs): void {
    const loss = logs.loss;
    if (loss !== undefined && !Number.isFinite(loss) && this.model !== undefined) {
      this.terminatedAtBatch = batch;
      this.model.stopTraining = true;
    }
  }
}

export const terminateOnNaN = (): TerminateOnNaN => new TerminateOnNaN();
