// The `layers` namespace: one factory per layer, Keras's names in camelCase.
export { dense, Dense } from './dense.js';
export type { DenseArgs } from './dense.js';
export { activation, Activation } from './activation.js';
export type { ActivationArgs } from './activation.js';
export { dropout, alphaDropout, Dropout, AlphaDropout } from './dropout.js';
export type { DropoutArgs } from './dropout.js';
export {
  batchNormalization,
  layerNormalization,
  BatchNormalization,
  LayerNormalization,
} from './normalization.js';
export type { BatchNormalizationArgs, LayerNormalizationArgs } from './normalization.js';
export { flatten, reshape, Flatten, Reshape } from './reshape.js';
export type { ReshapeArgs } from './reshape.js';
export { conv2d, Conv2D } from './conv.js';
export type { Conv2DArgs } from './conv.js';
export { maxPooling2d, averagePooling2d, MaxPooling2D, AveragePooling2D } from './pooling.js';
export type { Pooling2DArgs } from './pooling.js';
export { embedding, Embedding } from './embedding.js';
export type { EmbeddingArgs } from './embedding.js';
export { simpleRNN, SimpleRNN } from './simple-rnn.js';
export type { SimpleRNNArgs } from './simple-rnn.js';
export { lstm, LSTM } from './lstm.js';
export type { LSTMArgs } from './lstm.js';
export { gru, GRU } from './gru.js';
export type { GRUArgs } from './gru.js';
export type { RecurrentArgs } from './recurrent.js';
export { add, Add } from './merge.js';
export { InputLayer } from './input.js';
export { Layer } from './layer.js';
export { layerFromConfig, listLayers, registerLayer, serializeLayer } from './registry.js';
