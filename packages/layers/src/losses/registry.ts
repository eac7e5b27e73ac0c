// Losses by name, as `compile({loss})` and a saved model refer to them.
import * as tl from '@tensile/core';
import { hinge, huber, meanAbsoluteError, meanSquaredError } from './regression.js';
import {
  binaryCrossentropy,
  categoricalCrossentropy,
  sparseCategoricalCrossentropy,
} from './crossentropy.js';
import { kld } from './divergence.js';
import type { BuiltinLoss, LossFunction, LossOptions } from './loss.js';

const BUILTINS: Record<string, BuiltinLoss> = {
  meanSquaredError,
  meanAbsoluteError,
  huber,
  binaryCrossentropy,
  categoricalCrossentropy,
  sparseCategoricalCrossentropy,
  kld,
  hinge,
};

/** Keras's short names. */
const ALIASES: Record<string, string> = {
  mse: 'meanSquaredError',
  mae: 'meanAbsoluteError',
  kullbackLeiblerDivergence: 'kld',
};

export type LossName = keyof typeof BUILTINS | keyof typeof ALIASES;

/** A loss with options, as `compile` accepts and `model.json` stores it. */
export interface LossConfig {
  name: string;
  options?: LossOptions;
}

/** What `compile({loss})` accepts. */
export type LossSpec = string | LossFunction | LossConfig;

/** A resolved loss: the function, its options, and the name a saved model stores. */
export interface ResolvedLoss {
  name: string;
  options: LossOptions;
  fn: LossFunction;
  /** The built-in definition, when the loss is a built-in (enables the per-sample form). */
  builtin?: BuiltinLoss;
}

export function listLosses(): string[] {
  return [...Object.keys(BUILTINS), ...Object.keys(ALIASES)];
}

function isBuiltin(fn: unknown): fn is BuiltinLoss {
  return typeof fn === 'function' && typeof (fn as BuiltinLoss).lossName === 'string';
}

/** The built-in loss called `name` (aliases allowed). */
export function getLoss(name: string): BuiltinLoss {
  const canonical = Object.prototype.hasOwnProperty.call(ALIASES, name) ? ALIASES[name] : name;
  if (!Object.prototype.hasOwnProperty.call(BUILTINS, canonical)) {
    throw tl.invalidArgument('getLoss', 'loss', `one of ${listLosses().join(', ')}`, name);
  }
  return BUILTINS[canonical];
}

/**
 * Resolves `compile`'s loss. Custom functions are named by `fn.name` (pass the same function to
 * `loadModel`'s `customLosses` to restore a model compiled with it).
 */
export function resolveLoss(
  spec: LossSpec,
  customLosses: Readonly<Record<string, LossFunction>> = {},
): ResolvedLoss {
  if (typeof spec === 'string') {
    if (Object.prototype.hasOwnProperty.call(customLosses, spec)) {
      return { name: spec, options: {}, fn: customLosses[spec] };
    }
    const builtin = getLoss(spec);
    return { name: builtin.lossName, options: {}, fn: builtin, builtin };
  }
  if (isBuiltin(spec)) return { name: spec.lossName, options: {}, fn: spec, builtin: spec };
  if (typeof spec === 'function') {
    const name = spec.name || 'customLoss';
    return { name, options: {}, fn: spec };
  }
  if (typeof spec === 'object' && spec !== null && typeof spec.name === 'string') {
    const resolved = resolveLoss(spec.name, customLosses);
    const options = { ...(spec.options ?? {}) };
    if ('reduction' in options) {
      throw new tl.ValueError(
        'compile',
        "loss options cannot set 'reduction': training always reduces by the (weighted) mean",
      );
    }
    return { ...resolved, options };
  }
  throw tl.invalidArgument(
    'compile',
    'loss',
    'a loss name, a loss function or {name, options}',
    spec,
  );
}
