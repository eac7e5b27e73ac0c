// @tensile/layers: Keras-shaped layers, initializers, losses and models for Tensile.
export * as layers from './layers/index.js';
export * as initializers from './initializers.js';
export * as losses from './losses/index.js';
export { ACTIVATION_NAMES } from './activations.js';
export type { ActivationName } from './activations.js';
export type { CallOptions, LayerArgs, LayerConfig, LayerWeight, Layer } from './layers/layer.js';
export { SymbolicTensor } from './layers/symbolic.js';
export type { SymbolicShape } from './layers/symbolic.js';
export { input } from './layers/input.js';
export type { InputArgs } from './layers/input.js';
