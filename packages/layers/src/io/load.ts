// loadModel(path): rebuilds a saved model that predicts identically and, when it was compiled,
// resumes training identically (optimizer hyper-parameters, schedule, state and step count).
// Truncated, corrupted or mismatched files are rejected with a FormatError naming the file and
// what is wrong; a half-built model is disposed before the error propagates.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tl from '@tensile/core';
import type { LossFunction } from '../losses/loss.js';
import { Functional } from '../model/functional.js';
import type { LayersModel } from '../model/model.js';
import { optimizerFromConfig } from '../model/optimizer.js';
import { Sequential } from '../model/sequential.js';
import type { ModelJson } from './format.js';
import { FORMAT, FORMAT_VERSION, MODEL_FILE, OPTIMIZER_FILE, WEIGHTS_FILE } from './format.js';
import { localPath } from './paths.js';
import type { SafetensorsEntry, SafetensorsFile } from './safetensors.js';
import { decodeSafetensors } from './safetensors.js';
import { joinStateDict } from './optimizer-state.js';

export interface LoadOptions {
  /** Restore the training configuration (loss, metrics, optimizer and its state); default true. */
  compile?: boolean;
  /** Custom loss functions the model was compiled with, by name. */
  customLosses?: Record<string, LossFunction>;
}

const OP = 'loadModel';

async function readBytes(path: string, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new tl.FormatError(
      OP,
      `cannot read ${what} '${path}'${code === 'ENOENT' ? ': no such file' : `: ${String(error)}`}`,
    );
  }
}

function parseModelJson(text: string, path: string): ModelJson {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new tl.FormatError(
      OP,
      `${path} is not valid JSON (${error instanceof Error ? error.message : String(error)}); the file may be truncated`,
    );
  }
  const json = parsed as Partial<ModelJson>;
  if (typeof json !== 'object' || json === null || json.format !== FORMAT) {
    throw new tl.FormatError(
      OP,
      `${path} is not a Tensile model (its "format" is ${tl.describeValue(json?.format)}, expected '${FORMAT}')`,
    );
  }
  if (json.formatVersion !== FORMAT_VERSION) {
    throw new tl.FormatError(
      OP,
      `${path} has format version ${tl.describeValue(json.formatVersion)}; this version of @tensile/layers reads version ${FORMAT_VERSION}`,
    );
  }
  if (
    typeof json.model !== 'object' ||
    json.model === null ||
    !Array.isArray(json.weights) ||
    typeof json.saveId !== 'string'
  ) {
    throw new tl.FormatError(OP, `${path} lacks its "model", "weights" or "saveId" entry`);
  }
  return json as ModelJson;
}

function buildModel(json: ModelJson): LayersModel {
  const { className, config } = json.model;
  if (className === 'Sequential') return Sequential.fromConfig(config);
  if (className === 'Functional') return Functional.fromConfig(config);
  throw new tl.FormatError(
    OP,
    `model.json: unknown model class ${tl.describeValue(className)} (expected Sequential or Functional)`,
  );
}

function checkSaveId(file: SafetensorsFile, json: ModelJson, label: string): void {
  const id = file.metadata.saveId;
  if (id !== json.saveId) {
    throw new tl.FormatError(
      OP,
      `${label} does not belong to this model.json (save id ${tl.describeValue(id)} ≠ ${tl.describeValue(json.saveId)}): the files come from different saves`,
    );
  }
}

/** Assigns every weight from a decoded weights file; names, shapes and dtypes must match exactly. */
export function assignWeights(model: LayersModel, file: SafetensorsFile, label: string): void {
  const weights = model.weights;
  const expected = new Set(weights.map((w) => w.path));
  const unexpected = [...file.tensors.keys()].filter((k) => !expected.has(k));
  const missing = weights.filter((w) => !file.tensors.has(w.path)).map((w) => w.path);
  if (missing.length || unexpected.length) {
    throw new tl.FormatError(
      OP,
      `${label} does not match the model: missing ${missing.join(', ') || 'none'}; unexpected ${unexpected.join(', ') || 'none'}`,
    );
  }
  for (const w of weights) {
    const entry = file.tensors.get(w.path) as SafetensorsEntry;
    if (!tl.shapesEqual(entry.shape, w.variable.shape) || entry.dtype !== w.variable.dtype) {
      throw new tl.FormatError(
        OP,
        `${label}: '${w.path}' is ${tl.formatShape(entry.shape)} ${entry.dtype}, the model needs ${tl.formatShape(w.variable.shape)} ${w.variable.dtype}`,
      );
    }
  }
  for (const w of weights) {
    const entry = file.tensors.get(w.path);
    if (entry === undefined) continue;
    const value = tl.tensor(entry.data, [...entry.shape], entry.dtype);
    w.variable.assign(value);
    value.dispose();
  }
}

async function restoreTraining(
  model: LayersModel,
  json: ModelJson,
  dir: string,
  options: LoadOptions,
): Promise<void> {
  const training = json.training;
  if (training === null || options.compile === false) return;
  if (training.optimizer === null) return;
  const customLosses = options.customLosses ?? {};
  model.compile(
    {
      optimizer: optimizerFromConfig(training.optimizer),
      loss: { name: training.loss.name, options: training.loss.options },
      metrics: training.metrics,
    },
    customLosses,
  );
  const saved = training.optimizerState;
  const optimizer = model.optimizer;
  if (saved === null || optimizer === null) return;
  const label = join(dir, OPTIMIZER_FILE);
  const file = decodeSafetensors(await readBytes(label, 'the optimizer state'), label);
  checkSaveId(file, json, label);
  const dict = joinStateDict(OP, saved, file, label);
  try {
    optimizer.loadStateDict(dict);
  } catch (error) {
    if (error instanceof tl.FormatError) throw error;
    throw new tl.FormatError(
      OP,
      `${label} does not fit the model's optimizer: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Loads a model saved by `model.save(path)` (a directory path or file:// URL). */
export async function loadModel(path: string, options: LoadOptions = {}): Promise<LayersModel> {
  const dir = localPath(OP, path);
  const jsonPath = join(dir, MODEL_FILE);
  const text = new TextDecoder().decode(await readBytes(jsonPath, 'the model description'));
  const json = parseModelJson(text, jsonPath);
  let model: LayersModel | undefined;
  try {
    model = buildModel(json);
    const label = join(dir, WEIGHTS_FILE);
    const file = decodeSafetensors(await readBytes(label, 'the weights'), label);
    checkSaveId(file, json, label);
    assignWeights(model, file, label);
    await restoreTraining(model, json, dir, options);
    return model;
  } catch (error) {
    model?.dispose();
    if (error instanceof tl.TensileError) throw error;
    throw new tl.FormatError(
      OP,
      `${dir}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Loads weights.safetensors from the directory `path` into a built model (names must match). */
export async function loadWeights(model: LayersModel, path: string): Promise<void> {
  const dir = localPath('loadWeights', path);
  const label = join(dir, WEIGHTS_FILE);
  const file = decodeSafetensors(await readBytes(label, 'the weights'), label);
  assignWeights(model, file, label);
}
