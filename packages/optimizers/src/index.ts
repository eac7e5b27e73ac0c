// @tensile/optimizers: optax-shaped gradient transformations with PyTorch's numerics, the
// built-in optimizers and their fused kernels, gradient clipping, the stateful wrapper and the
// plugin API. Importing the package registers the built-ins and their cpu kernels.
export type { Params, ParamsRecord } from './params.js';
export { disposeState } from './ownership.js';
export type { LearningRate, Schedule } from './hyperparams.js';

export {
  applyUpdates,
  chain,
  defineTransformation,
  hasHyperparams,
  identity,
} from './transform.js';
export type {
  AnyHyperparams,
  ChainTransformation,
  GradientTransformation,
  HyperparameterizedTransformation,
  TransformationSpec,
  UpdateResult,
} from './transform.js';

export { addDecayedWeights, addWeightDecay } from './transforms/weight-decay.js';
export type { EmptyState } from './transforms/weight-decay.js';
export { scaleByLearningRate } from './transforms/scale-by-learning-rate.js';
export type {
  ScaleByLearningRate,
  ScaleByLearningRateState,
} from './transforms/scale-by-learning-rate.js';
export { traceMomentum } from './transforms/trace-momentum.js';
export type { TraceMomentumOptions, TraceMomentumState } from './transforms/trace-momentum.js';
export { scaleByAdam } from './transforms/scale-by-adam.js';
export type { ScaleByAdamOptions, ScaleByAdamState } from './transforms/scale-by-adam.js';
export { scaleByAdamax } from './transforms/scale-by-adamax.js';
export type { ScaleByAdamaxOptions, ScaleByAdamaxState } from './transforms/scale-by-adamax.js';
export { scaleByNadam } from './transforms/scale-by-nadam.js';
export type { ScaleByNadamOptions, ScaleByNadamState } from './transforms/scale-by-nadam.js';
export { scaleByRadam } from './transforms/scale-by-radam.js';
export type { ScaleByRadamOptions, ScaleByRadamState } from './transforms/scale-by-radam.js';
export { scaleByRss } from './transforms/scale-by-rss.js';
export type { ScaleByRssOptions, ScaleByRssState } from './transforms/scale-by-rss.js';
export { scaleByRms } from './transforms/scale-by-rms.js';
export type { ScaleByRmsOptions, ScaleByRmsState } from './transforms/scale-by-rms.js';
export { scaleByAdadelta } from './transforms/scale-by-adadelta.js';
export type {
  ScaleByAdadeltaOptions,
  ScaleByAdadeltaState,
} from './transforms/scale-by-adadelta.js';

export { clipByGlobalNorm, clipByNorm, clipByValue, globalNorm } from './clip.js';
export type { GlobalNormOptions, NormOptions } from './clip.js';

export { sgd, SGD_KERNEL } from './optimizers/sgd.js';
export type { SgdHyperparams, SgdOptions, SgdState } from './optimizers/sgd.js';
export { adagrad, ADAGRAD_KERNEL } from './optimizers/adagrad.js';
export type { AdagradHyperparams, AdagradState } from './optimizers/adagrad.js';
export { adadelta, ADADELTA_KERNEL } from './optimizers/adadelta.js';
export type { AdadeltaHyperparams, AdadeltaState } from './optimizers/adadelta.js';
export { rmsprop, RMSPROP_KERNEL } from './optimizers/rmsprop.js';
export type { RmspropHyperparams, RmspropState } from './optimizers/rmsprop.js';
export { adam, ADAM_KERNEL } from './optimizers/adam.js';
export type { AdamHyperparams, AdamState } from './optimizers/adam.js';
export { adamw, ADAMW_KERNEL } from './optimizers/adamw.js';
export type { AdamwHyperparams, AdamwState } from './optimizers/adamw.js';
export { nadam, NADAM_KERNEL } from './optimizers/nadam.js';
export type { NadamHyperparams, NadamState } from './optimizers/nadam.js';
export { adamax, ADAMAX_KERNEL } from './optimizers/adamax.js';
export type { AdamaxHyperparams, AdamaxState } from './optimizers/adamax.js';
export { radam, RADAM_KERNEL } from './optimizers/radam.js';
export type { RadamHyperparams, RadamState } from './optimizers/radam.js';
export { BUILTIN_OPTIMIZERS } from './builtins.js';

export { defineOptimizer } from './plugin/define-optimizer.js';
export type {
  BaseHyperparams,
  CommonOptions,
  OptimizerConfig,
  OptimizerDefinition,
  OptimizerFactory,
  OptimizerOptions,
  OptimizerState,
  OptimizerTransformation,
  ResolvedHyperparams,
} from './plugin/define-optimizer.js';
export { fromChain } from './plugin/from-chain.js';
export type { StateOf } from './plugin/from-chain.js';
export type { FusedSpec, FusedState } from './plugin/fused-spec.js';
export { getOptimizer, listOptimizers, registerOptimizer } from './plugin/registry.js';
export type {
  OptimizerFactoryLike,
  RegisteredOptimizerFactory,
  RegisterOptimizerOptions,
} from './plugin/registry.js';

export { hasNativeKernel, registerOptimizerKernel } from './fused/kernel.js';
export type {
  OptimizerKernelArrays,
  OptimizerKernelAttrs,
  OptimizerKernelConfig,
  OptimizerKernelInputs,
  OptimizerKernelLoop,
} from './fused/kernel.js';

export { optimizer } from './stateful/optimizer.js';
export type { Optimizer } from './stateful/optimizer.js';
export type {
  OptimizerWrapperOptions,
  ParamGroupInfo,
  ParamGroupOptions,
} from './stateful/groups.js';
export type { OptimizerStateDict } from './stateful/checkpoint.js';
export type { StateScalar, TensorData } from './state-dict.js';
