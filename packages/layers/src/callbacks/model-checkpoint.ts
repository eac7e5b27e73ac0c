// modelCheckpoint: saves the model (or only its weights) after every epoch, or only when the
// monitored value improves (saveBestOnly). `filepath` may hold `{epoch}` (1-based, as Keras) and
// log keys, with Python-style formats: 'ckpt/epoch-{epoch:02d}-{val_loss:.3f}'.
import * as tl from '@tensile/core';
import { inferMode } from '@tensile/regularization';
import { saveWeights } from '../io/save.js';
import type { LayersModel } from '../model/model.js';
import type { Callback, Logs } from './callback.js';

export interface ModelCheckpointOptions {
  /** The directory to save into; a template with {epoch} and log keys. */
  filepath: string;
  /** Default 'val_loss'. */
  monitor?: string;
  /** 'auto' (default): 'max' for accuracy-like names, else 'min'. */
  mode?: 'min' | 'max' | 'auto';
  /** Save only when the monitored value improves on the best so far; default false. */
  saveBestOnly?: boolean;
  /** Write only weights.safetensors; default false (the whole model, optimizer included). */
  saveWeightsOnly?: boolean;
}

/** Fills `{name}` / `{name:02d}` / `{name:.4f}` from `values`. */
export function formatFilepath(template: string, values: Record<string, number>): string {
  return template.replace(
    /\{([A-Za-z0-9_]+)(?::([^}]*))?\}/g,
    (_all, key: string, format?: string) => {
      const value = values[key];
      if (value === undefined) {
        throw new tl.ValueError(
          'modelCheckpoint',
          `filepath refers to '{${key}}', which is not in the logs (${Object.keys(values).join(', ')})`,
        );
      }
      if (format === undefined || format === '') return String(value);
      const fixed = /^\.(\d+)f$/.exec(format);
      if (fixed) return value.toFixed(Number(fixed[1]));
      const padded = /^0(\d+)d$/.exec(format);
      if (padded) return String(Math.round(value)).padStart(Number(padded[1]), '0');
      const exp = /^\.(\d+)e$/.exec(format);
      if (exp) return value.toExponential(Number(exp[1]));
      throw new tl.ValueError(
        'modelCheckpoint',
        `unsupported format '${format}' for {${key}} (use :.Nf, :0Nd or :.Ne)`,
      );
    },
  );
}

export class ModelCheckpoint implements Callback {
  private model?: LayersModel;
  private best: number;
  private readonly mode: 'min' | 'max';
  /** The paths written, in order. */
  readonly saved: string[] = [];

  constructor(private readonly options: ModelCheckpointOptions) {
    if (typeof options?.filepath !== 'string' || options.filepath === '') {
      throw tl.invalidArgument(
        'modelCheckpoint',
        'filepath',
        'a non-empty string',
        options?.filepath,
      );
    }
    const monitor = options.monitor ?? 'val_loss';
    this.mode =
      options.mode === undefined || options.mode === 'auto' ? inferMode(monitor) : options.mode;
    this.best = this.mode === 'min' ? Infinity : -Infinity;
  }

  setModel(model: LayersModel): void {
    this.model = model;
  }

  async onEpochEnd(epoch: number, logs: Logs): Promise<void> {
    const monitor = this.options.monitor ?? 'val_loss';
    if (this.options.saveBestOnly) {
      const value = logs[monitor];
      if (value === undefined) {
        throw new tl.ValueError(
          'modelCheckpoint',
          `monitor '${monitor}' is not in the epoch logs (${Object.keys(logs).join(', ')})`,
        );
      }
      const better = this.mode === 'min' ? value < this.best : value > this.best;
      if (!better) return;
      this.best = value;
    }
    const path = formatFilepath(this.options.filepath, { ...logs, epoch: epoch + 1 });
    const model = this.model as LayersModel;
    if (this.options.saveWeightsOnly) await saveWeights(model, path);
    else await model.save(path);
    this.saved.push(path);
  }
}

export const modelCheckpoint = (options: ModelCheckpointOptions): ModelCheckpoint =>
  new ModelCheckpoint(options);
