// learningRateScheduler: sets the learning rate at the start of every epoch from a function of the
// epoch: a @tensile/schedulers schedule counting epochs (`stepLR({lr0: 0.1, stepSize: 10})`) or
// Keras's `(epoch, lr) => newLr`. (For a per-step schedule, pass it as the optimizer's lr.)
import * as tl from '@tensile/core';
import type { LayersModel } from '../model/model.js';
import type { Callback, Logs } from './callback.js';

export type EpochSchedule = ((epoch: number) => number) | ((epoch: number, lr: number) => number);

export class LearningRateScheduler implements Callback {
  private model?: LayersModel;

  constructor(private readonly schedule: EpochSchedule) {
    if (typeof schedule !== 'function') {
      throw tl.invalidArgument(
        'learningRateScheduler',
        'schedule',
        'a function of the epoch',
        schedule,
      );
    }
  }

  setModel(model: LayersModel): void {
    this.model = model;
  }

  onEpochBegin(epoch: number): void {
    const opt = this.model?.optimizer;
    if (opt === null || opt === undefined)
      throw new tl.ValueError('learningRateScheduler', 'the model has no optimizer');
    const current = opt.currentLearningRate ?? 0;
    const lr = (this.schedule as (epoch: number, lr: number) => number)(epoch, current);
    if (typeof lr !== 'number' || !Number.isFinite(lr) || lr < 0) {
      throw new tl.ValueError(
        'learningRateScheduler',
        `the schedule returned ${tl.describeValue(lr)} for epoch ${epoch}; it must be a finite number ≥ 0`,
      );
    }
    opt.setLearningRate(lr);
  }

  onEpochEnd(_epoch: number, logs: Logs): void {
    const lr = this.model?.optimizer?.currentLearningRate;
    if (lr !== undefined) logs.lr = lr;
  }
}

export const learningRateScheduler = (schedule: EpochSchedule): LearningRateScheduler =>
  new LearningRateScheduler(schedule);
