// The plugin battery on every built-in: the same checks a third-party optimizer runs. Each
// entry gives a working lr per problem (PyTorch's defaults are tuned for networks, not for these
// toy problems); everything else is the optimizer's default.
import '@tensile/backend-cpu';
import { describe, expect, it } from 'vitest';
import type { BatteryOptions } from '../../src/testing/index.js';
import { runOptimizerBattery } from '../../src/testing/index.js';
import { BUILTIN_OPTIMIZERS } from '../../src/index.js';

const SETTINGS: Record<keyof typeof BUILTIN_OPTIMIZERS, BatteryOptions> = {
  sgd: {
    options: { lr: 0.1 },
    rosenbrock: { options: { lr: 2e-3, momentum: 0.9 } },
  },
  adagrad: { options: { lr: 0.5 } },
  // Adadelta's first steps are ~√eps = 1e-3 whatever the gradient: slow on a valley.
  adadelta: { options: { lr: 5 }, rosenbrock: { options: { lr: 1 }, steps: 3000, ratio: 5e-2 } },
  rmsprop: { options: { lr: 0.01 } },
  adam: { options: { lr: 0.05 } },
  adamw: { options: { lr: 0.05, weightDecay: 0 } },
  nadam: { options: { lr: 0.05 } },
  adamax: { options: { lr: 0.1 } },
  // Before ρₜ > 5 RAdam is plain momentum SGD, so Rosenbrock's large gradients need a small lr.
  radam: { options: { lr: 0.05 }, rosenbrock: { options: { lr: 5e-3 }, steps: 3000 } },
};

for (const [name, factory] of Object.entries(BUILTIN_OPTIMIZERS)) {
  runOptimizerBattery(name, factory, SETTINGS[name as keyof typeof BUILTIN_OPTIMIZERS], {
    describe,
    it,
    expect,
  });
}
