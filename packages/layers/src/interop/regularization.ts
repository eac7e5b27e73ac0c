// What layers takes from @tensile/regularization, typed by its contract (DESIGN §6, Appendix A):
// the dropout family, the early-stopping state machine and the config readers of penalties and
// constraints. Each is looked up when first used, so a missing export fails with a message naming
// it (and the rest of the package keeps working) instead of breaking every import.
import type { Tensor } from '@tensile/core';
import * as tl from '@tensile/core';
import * as regularization from '@tensile/regularization';

export interface DropoutCallOptions {
  training?: boolean;
  seed?: number;
  noiseShape?: readonly (number | null)[];
}

export interface EarlyStoppingOptions {
  /** The epoch log value watched; default 'val_loss'. */
  monitor?: string;
  /** Epochs without improvement tolerated before stopping; default 0. */
  patience?: number;
  /** The smallest change that counts as an improvement; default 0. */
  minDelta?: number;
  /** 'auto' (default): 'max' for accuracy-like names, else 'min'. */
  mode?: 'auto' | 'min' | 'max';
  /** A value the monitored one must beat before patience resets. */
  baseline?: number;
  /** End with the weights of the best epoch; default false. */
  restoreBestWeights?: boolean;
  /** Epochs before this one are not monitored; default 0. */
  startFromEpoch?: number;
}

/** One epoch's decision of the state machine (the contract: stop and improved). */
export interface EarlyStoppingDecision {
  stop: boolean;
  improved: boolean;
  /** Snapshot the weights now (restoreBestWeights), where the machine says so here. */
  snapshot?: boolean;
  /** Restore the last snapshot now, where the machine says so here. */
  restore?: boolean;
}

export interface EarlyStoppingMachine {
  readonly monitor: string;
  readonly bestEpoch: number;
  readonly bestValue: number;
  update(value: number, epoch?: number): EarlyStoppingDecision;
  /** After update: snapshot the weights now (restoreBestWeights). */
  readonly shouldSnapshot?: boolean;
  /** After update: restore the last snapshot now. */
  readonly shouldRestore?: boolean;
}

interface RegularizationApi {
  dropout(x: Tensor, rate: number, options?: DropoutCallOptions): Tensor;
  alphaDropout(x: Tensor, rate: number, options?: DropoutCallOptions): Tensor;
  earlyStopping(options?: EarlyStoppingOptions): EarlyStoppingMachine;
  penaltyFromConfig(serialized: unknown): (w: Tensor) => Tensor;
  constraintFromConfig(serialized: unknown): (w: Tensor) => Tensor;
}

/** The package's export `name`, or a clear error when the installed version lacks it. */
export function fromRegularization<K extends keyof RegularizationApi>(
  op: string,
  name: K,
): RegularizationApi[K] {
  const found = (regularization as unknown as Partial<RegularizationApi>)[name];
  if (typeof found !== 'function') {
    throw new tl.ValueError(
      op,
      `needs '${name}' from @tensile/regularization, which the installed version does not export`,
    );
  }
  return found as RegularizationApi[K];
}
