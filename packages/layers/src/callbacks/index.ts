// The `callbacks` namespace.
export type { Callback, Logs, TrainingParams } from './callback.js';
export { History } from './history.js';
export { earlyStopping, EarlyStoppingCallback } from './early-stopping.js';
export type { EarlyStoppingOptions } from './early-stopping.js';
export { reduceLROnPlateau, ReduceLROnPlateauCallback } from './reduce-lr-on-plateau.js';
export type { ReduceLROnPlateauCallbackOptions } from './reduce-lr-on-plateau.js';
export { learningRateScheduler, LearningRateScheduler } from './learning-rate-scheduler.js';
export type { EpochSchedule } from './learning-rate-scheduler.js';
export { modelCheckpoint, ModelCheckpoint, formatFilepath } from './model-checkpoint.js';
export type { ModelCheckpointOptions } from './model-checkpoint.js';
export { terminateOnNaN, TerminateOnNaN } from './terminate-on-nan.js';
export { progressBar, ProgressBar } from './progress-bar.js';
export type { OutputStream, ProgressBarOptions } from './progress-bar.js';
export { csvLogger, CsvLogger } from './csv-logger.js';
export type { CsvLoggerOptions } from './csv-logger.js';
export { scaledSchedule } from './scaled-schedule.js';
