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
