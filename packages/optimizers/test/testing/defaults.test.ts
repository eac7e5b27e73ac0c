// The battery with no settings at all: what a plugin author gets before tuning anything.
import * as tl from '@tensile/core';
import '@tensile/backend-cpu';
import { describe, expect, it } from 'vitest';
import { adam, defineOptimizer } from '../../src/index.js';
import { runOptimizerBattery } from '../../src/testing/index.js';

/** Plain gradient descent, written as a plugin author would first write it. */
const descent = defineOptimizer<{ lr: number }, Record<string, never>>({
  name: 'descent',
  defaults: { lr: 0.1 },
  init: () => ({}),
  update: (grads, state, _params, hp) => ({
    updates: Object.fromEntries(Object.entries(grads).map(([n, g]) => [n, tl.mul(g, -hp.lr)])),
    state,
  }),
});

runOptimizerBattery('descent (defaults)', descent, {}, { describe, it, expect });
runOptimizerBattery('adam (defaults)', adam, {}, { describe, it, expect });
