// Dropout layers over @tensile/regularization's functions: inverted dropout (kept units scaled by
// 1/(1 − rate)) and alpha dropout (SELU networks). Both are the identity outside training. A
// `seed` makes the masks reproducible: call k of the layer uses seed + k, so successive batches
// still draw different masks; without a seed they come from core's global stream (tl.setSeed).
import type { Tensor } from '@tensile/core';
import * as tl from '@tensile/core';
import { alphaDropout as alphaDropoutFn, dropout as dropoutFn } from '@tensile/regularization';
import type { LayerArgs, LayerConfig, ResolvedCallOptions } from './layer.js';
import { SimpleLayer } from './layer.js';
import type { SymbolicShape } from './symbolic.js';

export interface DropoutArgs extends LayerArgs {
  /** The fraction of units dropped, in [0, 1). */
  rate: number;
  /** The mask's shape, broadcast against the input (null takes the input's size). */
  noiseShape?: readonly (number | null)[] | null;
  seed?: number | null;
}

abstract class DropoutBase extends SimpleLayer {
  readonly rate: number;
  readonly noiseShape?: readonly (number | null)[];
  readonly seed?: number;
  private calls = 0;

  protected constructor(op: string, args: DropoutArgs) {
    super(op, args, ['rate', 'noiseShape', 'seed']);
    if (typeof args.rate !== 'number' || !(args.rate >= 0 && args.rate < 1)) {
      throw tl.invalidArgument(op, 'rate', 'a number in [0, 1)', args.rate);
    }
    // null is how a saved config writes "not set".
    const seed = args.seed ?? undefined;
    if (seed !== undefined && (!Number.isSafeInteger(seed) || seed < 0)) {
      throw tl.invalidArgument(op, 'seed', 'a non-negative safe integer', seed);
    }
    this.rate = args.rate;
    this.noiseShape = args.noiseShape == null ? undefined : [...args.noiseShape];
    this.seed = seed;
  }

  protected abstract readonly kind: 'dropout' | 'alphaDropout';

  protected outputShape(shape: SymbolicShape): SymbolicShape {
    return shape;
  }

  protected forwardOne(x: Tensor, { training }: ResolvedCallOptions): Tensor {
    if (!training || this.rate === 0) return tl.clone(x);
    const seed = this.seed === undefined ? undefined : this.seed + this.calls++;
    const noiseShape = this.noiseShape?.map((d, i) => (i === 0 && d === null ? x.shape[0] : d));
    const drop = this.kind === 'dropout' ? dropoutFn : alphaDropoutFn;
    return drop(x, this.rate, {
      training: true,
      ...(seed === undefined ? {} : { seed }),
      ...(noiseShape === undefined ? {} : { noiseShape }),
    });
  }

  protected options(): LayerConfig {
    return { rate: this.rate, noiseShape: this.noiseShape ?? null, seed: this.seed ?? null };
  }
}

export class Dropout extends DropoutBase {
  readonly className = 'Dropout';
  protected readonly kind = 'dropout';
  constructor(args: DropoutArgs) {
    super('dropout', args);
  }
}

/** Keeps the mean and variance of SELU activations (Klambauer et al. 2017). */
export class AlphaDropout extends DropoutBase {
  readonly className = 'AlphaDropout';
  protected readonly kind = 'alphaDropout';
  constructor(args: DropoutArgs) {
    super('alphaDropout', args);
  }
}

export const dropout = (args: DropoutArgs): Dropout => new Dropout(args);
export const alphaDropout = (args: DropoutArgs): AlphaDropout => new AlphaDropout(args);
