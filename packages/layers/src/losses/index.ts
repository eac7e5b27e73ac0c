// The `losses` namespace.
export { meanSquaredError, meanAbsoluteError, huber, hinge } from './regression.js';
export {
  binaryCrossentropy,
  categoricalCrossentropy,
  sparseCategoricalCrossentropy,
} from './crossentropy.js';
export { kld } from './divergence.js';
export { perSampleLoss } from './loss.js';
export type { BuiltinLoss, LossFunction, LossOptions, Reduction } from './loss.js';
export { getLoss, listLosses } from './registry.js';
export type { LossConfig, LossName, LossSpec } from './registry.js';
