// model.save(path): a directory with model.json (architecture, compile configuration, optimizer
// name + hyper-parameters + schedule, the optimizer state's structure), weights.safetensors and,
// when compiled, optimizer.safetensors. Each file is written atomically; model.json goes last, so
// a directory with a model.json always has the files it describes.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Tensor } from '@tensile/core';
import * as tl from '@tensile/core';
import type { LayersModel } from '../model/model.js';
import { writeFileAtomic } from './atomic.js';
import type { ModelJson, TrainingConfig } from './format.js';
import { FORMAT, FORMAT_VERSION, MODEL_FILE, OPTIMIZER_FILE, WEIGHTS_FILE } from './format.js';
import { localPath } from './paths.js';
import type { SafetensorsEntry } from './safetensors.js';
import { encodeSafetensors } from './safetensors.js';
import { splitStateDict } from './optimizer-state.js';

export interface SaveOptions {
  /** Save the optimizer (configuration and state) to resume training; default true. */
  includeOptimizer?: boolean;
}

const GENERATED_BY = '@tensile/layers 0.1.0';

function entries(named: Iterable<[string, Tensor]>): SafetensorsEntry[] {
  return [...named].map(([name, t]) => ({
    name,
    dtype: t.dtype,
    shape: t.shape,
    data: t.dataSync(),
  }));
}

function newSaveId(): string {
  return `${Date.now().toString(36)}-${Math.floor(Math.random() * 2 ** 48).toString(36)}`;
}

function weightsFile(model: LayersModel, saveId: string): Uint8Array {
  const weights = model.weights;
  return encodeSafetensors(entries(weights.map((w) => [w.path, w.variable])), {
    producer: GENERATED_BY,
    saveId,
    model: model.name,
    layout: 'keras (dense kernels [in, out], conv HWIO)',
  });
}

export async function saveModel(
  model: LayersModel,
  path: string,
  options: SaveOptions = {},
): Promise<void> {
  const op = 'save';
  const dir = localPath(op, path);
  if (!model.built)
    throw new tl.ValueError(
      op,
      `the model '${model.name}' is not built yet, so it has no weights to save`,
    );
  const includeOptimizer = options.includeOptimizer ?? true;
  const saveId = newSaveId();
  let training: TrainingConfig | null = null;
  let optimizerBytes: Uint8Array | null = null;
  const compiled = model.isCompiled ? model.compiled(op) : null;
  if (compiled !== null) {
    training = {
      loss: { name: compiled.loss.name, options: compiled.loss.options },
      metrics: compiled.metrics.map((m) => m.saved),
      optimizer: null,
      optimizerState: null,
    };
    const optimizer = model.optimizer;
    if (includeOptimizer && optimizer !== null) {
      training.optimizer = optimizer.config(op);
      const { saved, tensors } = splitStateDict(optimizer.stateDict());
      training.optimizerState = saved;
      optimizerBytes = encodeSafetensors(tensors, { producer: GENERATED_BY, saveId });
    } else if (includeOptimizer) {
      // Compiled before the model was built: the optimizer has no state yet, only a config.
      const s = compiled.transformation as { toJSON?: () => TrainingConfig['optimizer'] };
      training.optimizer = typeof s.toJSON === 'function' ? s.toJSON() : null;
    }
  }
  const modelJson: ModelJson = {
    format: FORMAT,
    formatVersion: FORMAT_VERSION,
    generatedBy: GENERATED_BY,
    saveId,
    model: model.toJSON(),
    weights: model.weights.map((w) => ({
      name: w.path,
      shape: [...w.variable.shape],
      dtype: w.variable.dtype,
    })),
    training,
  };
  const text = JSON.stringify(modelJson, null, 2);
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(join(dir, WEIGHTS_FILE), weightsFile(model, saveId));
  if (optimizerBytes !== null) await writeFileAtomic(join(dir, OPTIMIZER_FILE), optimizerBytes);
  await writeFileAtomic(join(dir, MODEL_FILE), text);
}

/** Writes only weights.safetensors into the directory `path` (see loadWeights). */
export async function saveWeights(model: LayersModel, path: string): Promise<void> {
  const dir = localPath('saveWeights', path);
  if (!model.built)
    throw new tl.ValueError('saveWeights', `the model '${model.name}' is not built yet`);
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(join(dir, WEIGHTS_FILE), weightsFile(model, newSaveId()));
}
