// Opening a model directory for `evaluate` and `predict`: the model saved by @tensile/layers
// (model.json + weights.safetensors), loaded for inference, and the run record of `tensile train`
// when there is one. The CLI scores and predicts MNIST digits, so the model must take 784 inputs
// and give 10 class probabilities.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { LayersModel } from '@tensile/layers';
import { loadModel } from '@tensile/layers';
import type { CliContext } from './context.js';
import { resolvePath } from './context.js';
import { CliError, messageOf } from './errors.js';
import type { RunRecord } from './run-record.js';
import { readRunRecord } from './run-record.js';

export interface OpenModel {
  dir: string;
  model: LayersModel;
  record?: RunRecord;
}

const MODEL_FILE = 'model.json';

export async function openModelDir(ctx: CliContext, path: string): Promise<OpenModel> {
  const dir = resolvePath(ctx, path);
  const info = await stat(dir).catch(() => undefined);
  if (info === undefined) throw new CliError(`no such directory: ${path}`);
  if (!info.isDirectory()) {
    throw new CliError(`${path} is not a directory; give the folder that holds model.json`);
  }
  if ((await stat(join(dir, MODEL_FILE)).catch(() => undefined)) === undefined) {
    throw new CliError(
      `${path} holds no ${MODEL_FILE}: give a directory written by \`tensile train\` (or model.save())`,
    );
  }
  let model: LayersModel;
  try {
    model = await loadModel(dir, { compile: false });
  } catch (error) {
    throw new CliError(`cannot load the model in ${path}: ${messageOf(error)}`);
  }
  const inputShape = model.inputs[0]?.shape ?? [];
  const outputShape = model.outputs[0]?.shape ?? [];
  const shapeText = (s: readonly (number | null)[]): string =>
    `[${s.map((d) => d ?? 'batch').join(', ')}]`;
  if (model.inputs.length !== 1 || inputShape.length !== 2 || inputShape[1] !== 784) {
    model.dispose();
    throw new CliError(
      `the model in ${path} takes inputs of shape ${shapeText(inputShape)}; MNIST models take [batch, 784]`,
    );
  }
  if (outputShape.length !== 2 || outputShape[1] !== 10) {
    model.dispose();
    throw new CliError(
      `the model in ${path} outputs shape ${shapeText(outputShape)}; MNIST models output [batch, 10] class probabilities`,
    );
  }
  return { dir, model, record: await readRunRecord(dir) };
}
