// Importing the plugin registers Lion by name (so a saved model can rebuild it) and its cpu kernel.
import { registerOptimizer } from '@tensile/optimizers';
import { registerLionKernels } from './kernel.js';
import { lion } from './lion.js';

registerOptimizer('lion', lion);
registerLionKernels();

export { lion, LION_KERNEL } from './lion.js';
export type { LionHyperparams, LionState } from './lion.js';
