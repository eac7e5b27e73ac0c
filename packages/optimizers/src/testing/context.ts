// What every check of the battery gets: the optimizer under test, the runner, the settings.
import type { TestApi, Tolerance } from '@tensile/core/testing';
import type { BaseHyperparams, OptimizerTransformation } from '../plugin/define-optimizer.js';
import type { OptimizerFactoryLike, RegisteredOptimizerFactory } from '../plugin/registry.js';
import { hasHyperparams } from '../transform.js';

export interface ConvergenceSettings {
  /**
   * Options for this problem (merged over BatteryOptions.options). Without an `lr` here, the
   * check also tries 10×, 100× and 1000× larger and smaller rates than the optimizer's.
   */
  options?: Readonly<Record<string, unknown>>;
  /** Steps to run. */
  steps?: number;
  /** The final loss must be at most `ratio` × the initial loss. */
  ratio?: number;
}

export interface BatteryOptions {
  /** Options for every check (a working `lr`, …). */
  options?: Readonly<Record<string, unknown>>;
  /** Default: 300 steps, loss reduced 1000×. */
  quadratic?: ConvergenceSettings;
  /** Default: 2000 steps, loss reduced 100×. */
  rosenbrock?: ConvergenceSettings;
  /** Relative agreement of the fused kernel with the composite path (default 1e-6). */
  fusedTolerance?: number;
  /** Agreement between backends (default the golden files' rtol 1e-4, atol 1e-5). */
  backendTolerance?: Tolerance;
  /** Backends to run on (default: every registered backend). */
  backends?: readonly string[];
  /** Steps of the memory check (default 100 per API). */
  leakSteps?: number;
}

export type AnyOptimizer = OptimizerTransformation<BaseHyperparams, unknown>;

export interface BatteryContext {
  readonly name: string;
  readonly api: TestApi;
  readonly settings: BatteryOptions;
  /** The optimizer with the battery's options and these overrides. */
  make(overrides?: Readonly<Record<string, unknown>>): AnyOptimizer;
}

export function makeContext(
  name: string,
  factory: OptimizerFactoryLike,
  settings: BatteryOptions,
  api: TestApi,
): BatteryContext {
  // Factories check their options at run time; the battery hands them plain records.
  const build = factory as RegisteredOptimizerFactory;
  return {
    name,
    api,
    settings,
    make(overrides = {}) {
      const t = build({ ...settings.options, ...overrides });
      const candidate = t as Partial<AnyOptimizer>;
      if (!hasHyperparams(t) || typeof candidate.learningRate !== 'function') {
        throw new Error(
          `${name}: the factory must return an optimizer made by defineOptimizer (with hyperparams, withHyperparams and learningRate)`,
        );
      }
      return t as AnyOptimizer;
    },
  };
}
