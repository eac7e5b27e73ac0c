// runOptimizerBattery: the checks every optimizer passes, built-in or plugin, registered with
// any runner that has describe/it/expect (vitest, jest, node:test adapters), like core's
// runBackendConformance.
import type { TestApi } from '@tensile/core/testing';
import type { OptimizerFactoryLike } from '../plugin/registry.js';
import { backendChecks } from './checks/backends.js';
import { convergenceChecks } from './checks/convergence.js';
import { hygieneChecks } from './checks/hygiene.js';
import { learningRateChecks } from './checks/learning-rate.js';
import { stateChecks } from './checks/state.js';
import type { BatteryOptions } from './context.js';
import { makeContext } from './context.js';

/**
 * Registers the battery for `factory` (a `defineOptimizer` factory): accepts a schedule and lr
 * changes, state-dict round trip and rejections, state shapes stable, converges on a quadratic
 * and on Rosenbrock, runs on every registered backend, fused equals composite, no leaks, bad lr
 * rejected, maximize, lists of tensors. Import a backend first.
 */
export function runOptimizerBattery(
  name: string,
  factory: OptimizerFactoryLike,
  options: BatteryOptions,
  api: TestApi,
): void {
  const ctx = makeContext(name, factory, options, api);
  api.describe(`optimizer battery: ${name}`, () => {
    learningRateChecks(ctx);
    stateChecks(ctx);
    convergenceChecks(ctx);
    backendChecks(ctx);
    hygieneChecks(ctx);
  });
}
