export { ScheduleError } from './errors.js';
export { defineSchedule } from './schedule.js';
export type { CyclicalSchedule, Schedule, ScheduleConfig, ScheduleParams } from './schedule.js';

export {
  constant,
  exponentialDecay,
  inverseSqrtDecay,
  inverseTimeDecay,
  piecewiseConstant,
  powerDecay,
} from './closed-form.js';
export type {
  ConstantOptions,
  ConstantParams,
  ExponentialDecayOptions,
  ExponentialDecayParams,
  InverseSqrtDecayOptions,
  InverseSqrtDecayParams,
  InverseTimeDecayOptions,
  InverseTimeDecayParams,
  PiecewiseConstantOptions,
  PiecewiseConstantParams,
  PowerDecayOptions,
  PowerDecayParams,
} from './closed-form.js';

export { stepLR } from './torch/step-lr.js';
export type { StepLROptions, StepLRParams } from './torch/step-lr.js';
export { multiStepLR } from './torch/multi-step-lr.js';
export type { MultiStepLROptions, MultiStepLRParams } from './torch/multi-step-lr.js';
export { exponentialLR } from './torch/exponential-lr.js';
export type { ExponentialLROptions, ExponentialLRParams } from './torch/exponential-lr.js';
export { cosineAnnealingLR } from './torch/cosine-annealing-lr.js';
export type {
  CosineAnnealingLROptions,
  CosineAnnealingLRParams,
} from './torch/cosine-annealing-lr.js';
export { cosineAnnealingWarmRestarts } from './torch/cosine-annealing-warm-restarts.js';
export type {
  CosineAnnealingWarmRestartsOptions,
  CosineAnnealingWarmRestartsParams,
} from './torch/cosine-annealing-warm-restarts.js';
export { linearLR } from './torch/linear-lr.js';
export type { LinearLROptions, LinearLRParams } from './torch/linear-lr.js';
export { oneCycleLR } from './torch/one-cycle-lr.js';
export type { OneCycleLROptions, OneCycleLRParams } from './torch/one-cycle-lr.js';
export { cyclicLR } from './torch/cyclic-lr.js';
export type { CyclicLRMode, CyclicLROptions, CyclicLRParams } from './torch/cyclic-lr.js';

export { sequential } from './sequential.js';
export type { SequentialParams } from './sequential.js';

export { ReduceLROnPlateau, reduceLROnPlateau } from './plateau.js';
export type {
  ReduceLROnPlateauOptions,
  ReduceLROnPlateauParams,
  ReduceLROnPlateauState,
} from './plateau.js';

export { lrRangeTest } from './range-test.js';
export type { LrRangeTestOptions, LrRangeTestResult } from './range-test.js';

export {
  fromConfig,
  listSchedules,
  registerSchedule,
  scheduleFromConfig,
  scheduleToConfig,
} from './config.js';
export type { ScheduleBuilder } from './config.js';

export { sampleSchedule } from './sample.js';
export type { ScheduleSamples } from './sample.js';
