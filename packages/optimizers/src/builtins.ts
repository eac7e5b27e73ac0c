// The built-in optimizers, registered by name, and their cpu kernels, registered with core.
import { registerCpuOptimizerKernels } from './fused/cpu/register.js';
import { adadelta } from './optimizers/adadelta.js';
import { adagrad } from './optimizers/adagrad.js';
import { adam } from './optimizers/adam.js';
import { adamax } from './optimizers/adamax.js';
import { adamw } from './optimizers/adamw.js';
import { nadam } from './optimizers/nadam.js';
import { radam } from './optimizers/radam.js';
import { rmsprop } from './optimizers/rmsprop.js';
import { sgd } from './optimizers/sgd.js';
import { registerOptimizer } from './plugin/registry.js';

/** Every built-in factory, by registry name. */
export const BUILTIN_OPTIMIZERS = {
  sgd,
  adagrad,
  adadelta,
  rmsprop,
  adam,
  adamw,
  nadam,
  adamax,
  radam,
} as const;

for (const [name, factory] of Object.entries(BUILTIN_OPTIMIZERS)) registerOptimizer(name, factory);
registerCpuOptimizerKernels();
