// @tensile/optimizers/testing: the battery an optimizer (built-in or plugin) runs in its tests.
export { runOptimizerBattery } from './battery.js';
export type { BatteryOptions, ConvergenceSettings } from './context.js';
export { quadratic, rosenbrock, testValues } from './problems.js';
export type { Problem } from './problems.js';
export { maxRelativeDifference, runFunctional } from './trajectory.js';
export type { RunOptions, Trajectory } from './trajectory.js';
export { withoutNativeKernel } from '../fused/kernel.js';
