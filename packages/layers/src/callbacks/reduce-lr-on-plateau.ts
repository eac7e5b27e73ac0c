// reduceLROnPlateau: the callback around @tensile/schedulers' ReduceLROnPlateau (PyTorch's rules).
// It watches an epoch log value; each reduction multiplies the optimizer's learning rate by
// `factor`. A scheduled learning rate keeps its schedule, scaled (Keras crashes there instead).
import * as tl from '@tensile/core';
import { inferMode } from '@tensile/regularization';
import type { ReduceLROnPlateauOptions, Schedule } from '@tensile/schedulers';
import { ReduceLROnPlateau, defineSchedule } from '@tensile/schedulers';
import type { LayersModel } from '../model/model.js';
import type { TrainingOptimizer } from '../model/optimizer.js';
import type { Callback, Logs } from './callback.js';
import { scaledSchedule } from './scaled-schedule.js';

export interface ReduceLROnPlateauCallbackOptions extends Omit<
  ReduceLROnPlateauOptions,
  'lr0' | 'mode'
> {
  /** The log value watched; default 'val_loss'. */
  monitor?: string;
  /** 'auto' (default): 'max' for accuracy-like names, else 'min'. */
  mode?: 'min' | 'max' | 'auto';
}

export class ReduceLROnPlateauCallback implements Callback {
  private model?: LayersModel;
  private plateau?: ReduceLROnPlateau;
  private base?: number | Schedule;
  private reductions = 0;
  readonly monitor: string;

  constructor(private readonly options: ReduceLROnPlateauCallbackOptions = {}) {
    this.monitor = options.monitor ?? 'val_loss';
    if (typeof this.monitor !== 'string')
      throw tl.invalidArgument('reduceLROnPlateau', 'monitor', 'a string', this.monitor);
    this.makePlateau(0.1);
  }

  setModel(model: LayersModel): void {
    this.model = model;
  }

  private makePlateau(lr0: number | Schedule): ReduceLROnPlateau {
    const { monitor: _m, mode = 'auto', ...rest } = this.options;
    this.plateau = new ReduceLROnPlateau({
      ...rest,
      lr0,
      mode: mode === 'auto' ? inferMode(this.monitor) : mode,
    });
    return this.plateau;
  }

  private optimizer(): TrainingOptimizer {
    const opt = this.model?.optimizer;
    if (opt === null || opt === undefined || opt.lr === undefined) {
      throw new tl.ValueError(
        'reduceLROnPlateau',
        "the model's optimizer has no learning rate to reduce",
      );
    }
    return opt;
  }

  /** A fresh plateau per fit (Keras resets it), scaling the optimizer's current learning rate. */
  onTrainBegin(): void {
    const lr = this.optimizer().lr as number | ((t: number) => number);
    const schedule = lr as Partial<Schedule>;
    this.base =
      typeof lr === 'number'
        ? lr
        : typeof schedule.toJSON === 'function'
          ? (lr as Schedule)
          : defineSchedule('learningRate', {}, lr);
    this.makePlateau(this.base);
    this.reductions = 0;
  }

  onEpochEnd(_epoch: number, logs: Logs): void {
    const value = logs[this.monitor];
    if (value === undefined) {
      throw new tl.ValueError(
        'reduceLROnPlateau',
        `monitor '${this.monitor}' is not in the epoch logs (available: ${Object.keys(logs).join(', ')})`,
      );
    }
    const opt = this.optimizer();
    const plateau = this.plateau as ReduceLROnPlateau;
    plateau.step(value, opt.iterations);
    if (plateau.numReductions !== this.reductions) {
      this.reductions = plateau.numReductions;
      const base = this.base as number | Schedule;
      opt.setLearningRate(
        typeof base === 'number' ? base * plateau.scale : scaledSchedule(base, plateau.scale),
      );
    }
    const lr = opt.currentLearningRate;
    if (lr !== undefined) logs.lr = lr;
  }

  /** Reductions applied during the current (or last) fit. */
  get numReductions(): number {
    return this.reductions;
  }
}

/** Multiplies the learning rate by `factor` (default 0.1) after `patience` epochs without improvement. */
export const reduceLROnPlateau = (
  options: ReduceLROnPlateauCallbackOptions = {},
): ReduceLROnPlateauCallback => new ReduceLROnPlateauCallback(options);
