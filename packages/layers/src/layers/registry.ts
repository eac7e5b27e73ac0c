// Layers by class name, so a saved model's config rebuilds them; third-party layers join with
// `registerLayer`.
import * as tl from '@tensile/core';
import { Activation } from './activation.js';
import { Conv2D } from './conv.js';
import { Dense } from './dense.js';
import { AlphaDropout, Dropout } from './dropout.js';
import { Embedding } from './embedding.js';
import { GRU } from './gru.js';
import { InputLayer } from './input.js';
import type { Layer, LayerConfig } from './layer.js';
import { LSTM } from './lstm.js';
import { Add } from './merge.js';
import { BatchNormalization, LayerNormalization } from './normalization.js';
import { AveragePooling2D, MaxPooling2D } from './pooling.js';
import { Flatten, Reshape } from './reshape.js';
import { SimpleRNN } from './simple-rnn.js';

/** Rebuilds a layer from its `getConfig()` output. */
export type LayerFactory = (config: LayerConfig) => Layer;

/** How a layer is stored in model.json. */
export interface SerializedLayer {
  className: string;
  config: LayerConfig;
}

// The saved configs were validated by the constructors when the layer was first made, and are
// validated again here: every constructor checks its options.
const factories = new Map<string, LayerFactory>([
  ['Dense', (c) => new Dense(c as never)],
  ['Activation', (c) => new Activation(c as never)],
  ['Dropout', (c) => new Dropout(c as never)],
  ['AlphaDropout', (c) => new AlphaDropout(c as never)],
  ['BatchNormalization', (c) => new BatchNormalization(c as never)],
  ['LayerNormalization', (c) => new LayerNormalization(c as never)],
  ['Flatten', (c) => new Flatten(c as never)],
  ['Reshape', (c) => new Reshape(c as never)],
  ['Conv2D', (c) => new Conv2D(c as never)],
  ['MaxPooling2D', (c) => new MaxPooling2D(c as never)],
  ['AveragePooling2D', (c) => new AveragePooling2D(c as never)],
  ['Embedding', (c) => new Embedding(c as never)],
  ['SimpleRNN', (c) => new SimpleRNN(c as never)],
  ['LSTM', (c) => new LSTM(c as never)],
  ['GRU', (c) => new GRU(c as never)],
  ['Add', (c) => new Add(c as never)],
  ['InputLayer', ({ name, shape, dtype }) => new InputLayer({ name, shape, dtype } as never)],
]);

/** Makes `layerFromConfig` (and `loadModel`) know a custom layer class. */
export function registerLayer(className: string, factory: LayerFactory): void {
  if (typeof className !== 'string' || className === '') {
    throw tl.invalidArgument('registerLayer', 'className', 'a non-empty string', className);
  }
  if (typeof factory !== 'function') {
    throw tl.invalidArgument('registerLayer', 'factory', 'a function', factory);
  }
  factories.set(className, factory);
}

export function listLayers(): string[] {
  return [...factories.keys()];
}

/** `{className, config}` of a layer. */
export function serializeLayer(layer: Layer): SerializedLayer {
  return { className: layer.className, config: layer.getConfig() };
}

/** Rebuilds a layer from `{className, config}`. */
export function layerFromConfig(serialized: unknown): Layer {
  const op = 'layerFromConfig';
  if (typeof serialized !== 'object' || serialized === null) {
    throw new tl.FormatError(
      op,
      `a layer entry must be an object, got ${tl.describeValue(serialized)}`,
    );
  }
  const { className, config } = serialized as Partial<SerializedLayer>;
  const factory = typeof className === 'string' ? factories.get(className) : undefined;
  if (factory === undefined) {
    throw new tl.FormatError(
      op,
      `unknown layer class ${tl.describeValue(className)}; known: ${listLayers().join(', ')} (register custom layers with registerLayer)`,
    );
  }
  if (typeof config !== 'object' || config === null) {
    throw new tl.FormatError(op, `layer '${className}' has no config object`);
  }
  return factory(config);
}
