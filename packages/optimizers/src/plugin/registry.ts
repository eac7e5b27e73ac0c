// Optimizers by name, so a saved model can rebuild its optimizer: `getOptimizer(config.name)(
// config.hyperparams)`. The built-ins register themselves; a plugin calls `registerOptimizer`.
import { ValueError } from '@tensile/core';
import { invalidOption, unknownName } from '../errors.js';
import type { GradientTransformation } from '../transform.js';

/** Any optimizer factory, whatever its options type. */
export type OptimizerFactoryLike = (options?: never) => GradientTransformation<unknown>;

/** A factory as the registry hands it out: options (checked by the factory) in. */
export type RegisteredOptimizerFactory = (
  options?: Readonly<Record<string, unknown>>,
) => GradientTransformation<unknown>;

const registry = new Map<string, OptimizerFactoryLike>();

export interface RegisterOptimizerOptions {
  /** Replace a different factory already registered under that name (default false). */
  override?: boolean;
}

/**
 * Makes `getOptimizer(name)` return `factory`. Registering the same factory again is harmless;
 * taking a name used by another factory throws unless `override` is set.
 */
export function registerOptimizer(
  name: string,
  factory: OptimizerFactoryLike,
  options: RegisterOptimizerOptions = {},
): void {
  const op = 'registerOptimizer';
  if (typeof name !== 'string' || name === '') {
    throw invalidOption(op, 'name', 'a non-empty string', name);
  }
  if (typeof factory !== 'function') throw invalidOption(op, 'factory', 'a function', factory);
  const existing = registry.get(name);
  if (existing !== undefined && existing !== factory && options.override !== true) {
    throw new ValueError(
      op,
      `an optimizer named '${name}' is already registered; pass {override: true} to replace it`,
    );
  }
  registry.set(name, factory);
}

/** The factory registered as `name`; an unknown name's error lists the registered ones. */
export function getOptimizer(name: string): RegisteredOptimizerFactory {
  const factory = registry.get(name);
  if (factory === undefined)
    throw unknownName('getOptimizer', 'optimizer', name, listOptimizers(), 'registered:');
  // Factories check every option at run time, so options from a file may be handed over as is.
  return factory as RegisteredOptimizerFactory;
}

/** Registered names, sorted. */
export function listOptimizers(): string[] {
  return [...registry.keys()].sort();
}
