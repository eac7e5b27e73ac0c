// @tensile/layers: Keras-shaped layers, initializers, losses, models, callbacks and save/load.
export * as layers from './layers/index.js';
export * as initializers from './initializers.js';
export * as losses from './losses/index.js';
export * as callbacks from './callbacks/index.js';
export type { Callback, Logs, TrainingParams } from './callbacks/callback.js';
export { History } from './callbacks/history.js';

export { ACTIVATION_NAMES } from './activations.js';
export type { ActivationName } from './activations.js';

export { Layer } from './layers/layer.js';
export type { CallOptions, LayerArgs, LayerConfig, LayerWeight } from './layers/layer.js';
export { SymbolicTensor } from './layers/symbolic.js';
export type { SymbolicShape } from './layers/symbolic.js';
export { input } from './layers/input.js';
export type { InputArgs } from './layers/input.js';
export type { Initializer, InitializerSpec } from './initializers.js';
export type { Constraint, ConstraintSpec, Regularizer, RegularizerSpec } from './regularizers.js';

export { LayersModel } from './model/model.js';
export type { ModelTopology } from './model/model.js';
export { Sequential, sequential } from './model/sequential.js';
export type { SequentialArgs } from './model/sequential.js';
export { Functional, model } from './model/functional.js';
export type { ModelArgs } from './model/functional.js';
export type { CompileArgs } from './model/compile.js';
export type { FitArgs } from './model/training.js';
export type { EvaluateArgs, PredictArgs } from './model/evaluation.js';
export type { MetricSpec } from './model/metrics.js';
export type { GradientTransformation, LearningRate, OptimizerConfig } from './model/optimizer.js';
export { TrainingOptimizer } from './model/optimizer.js';

export { loadModel, loadWeights } from './io/load.js';
export type { LoadOptions } from './io/load.js';
export { saveWeights } from './io/save.js';
export type { SaveOptions } from './io/save.js';
export { decodeSafetensors, encodeSafetensors } from './io/safetensors.js';
export type { SafetensorsEntry, SafetensorsFile } from './io/safetensors.js';
