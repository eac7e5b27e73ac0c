// run.json: what `tensile train` writes next to the saved model (model.json +
// weights.safetensors) so that `evaluate` and `predict` know the data set and its preprocessing,
// and a person can see how the model was made: the command, the full recipe, the backend, every
// epoch's metrics and the final scores.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CliError } from './errors.js';
import type { EpochRecord } from './progress.js';
import type { MnistRecipe } from './recipes/mnist.js';

export const RUN_FILE = 'run.json';
export const RUN_FORMAT = 'tensile-run';

/** How the images were turned into model inputs; `predict` applies the same. */
export interface Preprocessing {
  /** Pixel value v (0 … 255) → v / 255. */
  scale: number;
  /** Input layout: [784] flattened 28 × 28, white digit on black, as MNIST. */
  inputShape: number[];
}

export const MNIST_PREPROCESSING: Preprocessing = { scale: 1 / 255, inputShape: [784] };

export interface RunResults {
  trainError: number;
  validationError: number;
  testError: number;
  testAccuracy: number;
  testLoss: number;
  bestEpoch: number;
  epochs: number;
  stoppedEarly: boolean;
  /** Wall time of the whole command and of the epochs alone, seconds. */
  seconds: number;
  trainSeconds: number;
}

export interface RunRecord {
  format: typeof RUN_FORMAT;
  formatVersion: 1;
  createdAt: string;
  tensileVersion: string;
  command: string;
  dataset: 'mnist';
  examples: { train: number; validation: number; test: number };
  preprocessing: Preprocessing;
  recipe: MnistRecipe;
  backend: string;
  /** Threads of the backend (wasm may use several; cpu uses one). */
  threads: number;
  parameters: number;
  results: RunResults;
  history: EpochRecord[];
  confusionMatrix: number[][];
  diagnosis: { summary: string; humanError: number; avoidableBias: number; variance: number };
}

export async function writeRunRecord(dir: string, record: RunRecord): Promise<void> {
  await writeFile(join(dir, RUN_FILE), `${JSON.stringify(record, null, 2)}\n`);
}

/** The run record of a model directory, or undefined when it has none (a model saved by other code). */
export async function readRunRecord(dir: string): Promise<RunRecord | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, RUN_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CliError(`cannot read ${join(dir, RUN_FILE)}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${join(dir, RUN_FILE)} is not valid JSON: ${(error as Error).message}`);
  }
  const record = parsed as Partial<RunRecord> | null;
  if (record === null || typeof record !== 'object' || record.format !== RUN_FORMAT) {
    throw new CliError(`${join(dir, RUN_FILE)} is not a Tensile run record`);
  }
  return record as RunRecord;
}
