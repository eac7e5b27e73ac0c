export type { WeightFunctionConfig, SerializedConfig } from './serialization.js';

export {
  definePenalty,
  l1,
  l1l2,
  l2,
  listPenalties,
  penaltyFromConfig,
  penaltyToConfig,
  registerPenalty,
} from './penalties.js';
export type { L1L2Options, Penalty } from './penalties.js';

export {
  applyConstraints,
  constraintFromConfig,
  constraintToConfig,
  defineConstraint,
  listConstraints,
  maxNorm,
  minMaxNorm,
  nonNeg,
  registerConstraint,
  unitNorm,
} from './constraints.js';
export type {
  Constraint,
  ConstraintAxis,
  MaxNormOptions,
  MinMaxNormOptions,
  UnitNormOptions,
} from './constraints.js';

export { dropout } from './dropout/dropout.js';
export type { DropoutOptions } from './dropout/dropout.js';
export type { NoiseShape } from './dropout/noise-shape.js';
export { ALPHA_PRIME, alphaDropout, alphaDropoutCoefficients } from './dropout/alpha-dropout.js';
export { mcDropoutPredict } from './dropout/mc-dropout.js';
export type {
  McDropoutOptions,
  McDropoutResult,
  StochasticModel,
  StochasticPredict,
} from './dropout/mc-dropout.js';

export { EarlyStopping, earlyStopping, inferMode } from './early-stopping.js';
export type {
  EarlyStoppingDecision,
  EarlyStoppingMode,
  EarlyStoppingOptions,
  EarlyStoppingState,
} from './early-stopping.js';
export { snapshotWeights } from './weights-snapshot.js';
export type { WeightsSnapshot } from './weights-snapshot.js';

export { magnitudePrune } from './pruning/magnitude-prune.js';
export type { MagnitudePruneOptions, PruningScope } from './pruning/magnitude-prune.js';
export type { MatchingCollection, WeightCollection } from './pruning/collection.js';
export { applyMasks, measureSparsity } from './pruning/masks.js';
export { constantSparsity, polynomialDecaySparsity } from './pruning/schedules.js';
export type {
  ConstantSparsityOptions,
  PolynomialDecaySparsityOptions,
  SparsitySchedule,
} from './pruning/schedules.js';
export { gradualPruner } from './pruning/gradual-pruner.js';
export type {
  GradualPruner,
  GradualPrunerOptions,
  GradualPruningStep,
} from './pruning/gradual-pruner.js';

export type { AugmentationOptions } from './augmentation/images.js';
export type { FactorRange } from './augmentation/factor.js';
export type { FillMode, Interpolation, SamplingOptions } from './augmentation/sampling.js';
export { randomFlip } from './augmentation/flip.js';
export type { FlipMode, RandomFlipOptions } from './augmentation/flip.js';
export { randomShift } from './augmentation/shift.js';
export type { RandomShiftOptions } from './augmentation/shift.js';
export { randomRotation } from './augmentation/rotation.js';
export type { RandomRotationOptions } from './augmentation/rotation.js';
export { randomZoom } from './augmentation/zoom.js';
export type { RandomZoomOptions } from './augmentation/zoom.js';
export { randomCrop } from './augmentation/crop.js';
export type { RandomCropOptions } from './augmentation/crop.js';
export { gaussianNoise } from './augmentation/noise.js';
export type { GaussianNoiseOptions } from './augmentation/noise.js';
export { randomContrast } from './augmentation/contrast.js';
export type { RandomContrastOptions } from './augmentation/contrast.js';
export { augment } from './augmentation/compose.js';
export type { Augmentation, AugmentationFn, AugmentationStep } from './augmentation/compose.js';
