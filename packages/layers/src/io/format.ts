// The layout of a saved model directory and the shape of model.json.
import type { ModelTopology } from '../model/model.js';
import type { OptimizerConfig } from '../model/optimizer.js';
import type { LossOptions } from '../losses/loss.js';
import type { SavedStateDict } from './optimizer-state.js';

export const MODEL_FILE = 'model.json';
export const WEIGHTS_FILE = 'weights.safetensors';
export const OPTIMIZER_FILE = 'optimizer.safetensors';
export const FORMAT = 'tensile-layers-model';
export const FORMAT_VERSION = 1;

export interface WeightManifestEntry {
  name: string;
  shape: number[];
  dtype: string;
}

export interface TrainingConfig {
  loss: { name: string; options: LossOptions };
  metrics: string[];
  optimizer: OptimizerConfig | null;
  /** The optimizer's state dict, its tensors as {"$tensor": key} (in optimizer.safetensors). */
  optimizerState: SavedStateDict | null;
}

export interface ModelJson {
  format: typeof FORMAT;
  formatVersion: number;
  generatedBy: string;
  /** Written into every file of one save, so files from different saves are caught. */
  saveId: string;
  model: ModelTopology;
  weights: WeightManifestEntry[];
  training: TrainingConfig | null;
}
