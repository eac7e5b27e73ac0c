// Standardization fit on the training set and applied unchanged to dev and test (sklearn's
// StandardScaler). Statistics live on the host as Float64Array, so a scaler holds no tensors and
// needs no disposing; transforms run as tensor ops in the input's dtype on the active backend.
import type { Tensor } from '@tensile/core';
import { FormatError } from '@tensile/core';
import { assertBoolean, assertKnownOptions } from '../validate.js';
import {
  affine,
  checkFeatures,
  checkInput,
  columnStats,
  notFitted,
  readCount,
  readNumbers,
  readObject,
  replaceZeros,
} from './common.js';

export interface StandardizerOptions {
  /** Subtract the mean (default true). */
  withMean?: boolean;
  /** Divide by the standard deviation (default true). */
  withStd?: boolean;
}

export interface StandardizerJSON {
  kind: 'standardizer';
  withMean: boolean;
  withStd: boolean;
  nSamplesSeen: number;
  mean: number[];
  variance: number[];
  scale: number[];
}

interface StandardizerState {
  fitShape: [number, number];
  mean: Float64Array;
  variance: Float64Array;
  scale: Float64Array;
}

/**
 * z = (x − mean) / scale per feature (sklearn's StandardScaler): mean and population variance
 * (ddof = 0) over the training rows, scale = √variance replaced by 1 where the variance is 0, so a
 * constant feature is only centred (train → 0, test → x − mean).
 */
export class Standardizer {
  readonly withMean: boolean;
  readonly withStd: boolean;
  private state: StandardizerState | undefined;

  constructor(options: StandardizerOptions = {}) {
    const op = 'standardizer';
    assertKnownOptions(op, options, ['withMean', 'withStd']);
    const { withMean = true, withStd = true } = options;
    assertBoolean(op, 'withMean', withMean);
    assertBoolean(op, 'withStd', withStd);
    this.withMean = withMean;
    this.withStd = withStd;
  }

  get isFitted(): boolean {
    return this.state !== undefined;
  }

  private fitted(op: string): StandardizerState {
    if (this.state === undefined) throw notFitted(op, 'Standardizer');
    return this.state;
  }

  /** Features seen by fit. */
  get nFeatures(): number {
    return this.fitted('Standardizer.nFeatures').fitShape[1];
  }

  /** Training rows seen by fit. */
  get nSamplesSeen(): number {
    return this.fitted('Standardizer.nSamplesSeen').fitShape[0];
  }

  /** Per-feature mean of the training rows (a copy). */
  get mean(): Float64Array {
    return this.fitted('Standardizer.mean').mean.slice();
  }

  /** Per-feature population variance of the training rows (a copy). */
  get variance(): Float64Array {
    return this.fitted('Standardizer.variance').variance.slice();
  }

  /** The divisor: √variance, 1 where the variance is 0 (all ones with withStd false). */
  get scale(): Float64Array {
    return this.fitted('Standardizer.scale').scale.slice();
  }

  /** Learns mean and variance from x [n, features]; returns this. */
  fit(x: Tensor): this {
    const op = 'Standardizer.fit';
    checkInput(op, x);
    const stats = columnStats(op, x);
    const scale = this.withStd
      ? replaceZeros(stats.variance.map(Math.sqrt))
      : new Float64Array(stats.mean.length).fill(1);
    this.state = {
      fitShape: [x.shape[0], x.shape[1]],
      mean: stats.mean,
      variance: stats.variance,
      scale,
    };
    return this;
  }

  /** (x − mean) / scale, a new tensor in x's dtype. */
  transform(x: Tensor): Tensor {
    const op = 'Standardizer.transform';
    const state = this.fitted(op);
    checkInput(op, x);
    checkFeatures(op, x, state.fitShape);
    const f = state.mean.length;
    const shift = this.withMean ? state.mean : new Float64Array(f);
    return affine(x, shift, { divide: state.scale }, new Float64Array(f));
  }

  fitTransform(x: Tensor): Tensor {
    return this.fit(x).transform(x);
  }

  /** x · scale + mean: back to the original units. */
  inverseTransform(x: Tensor): Tensor {
    const op = 'Standardizer.inverseTransform';
    const state = this.fitted(op);
    checkInput(op, x);
    checkFeatures(op, x, state.fitShape);
    const f = state.mean.length;
    const offset = this.withMean ? state.mean : new Float64Array(f);
    return affine(x, new Float64Array(f), { multiply: state.scale }, offset);
  }

  toJSON(): StandardizerJSON {
    const state = this.fitted('Standardizer.toJSON');
    return {
      kind: 'standardizer',
      withMean: this.withMean,
      withStd: this.withStd,
      nSamplesSeen: state.fitShape[0],
      mean: Array.from(state.mean),
      variance: Array.from(state.variance),
      scale: Array.from(state.scale),
    };
  }

  /** A fitted Standardizer from `toJSON()`'s output (FormatError when a field is missing or bad). */
  static fromJSON(json: unknown): Standardizer {
    const op = 'Standardizer.fromJSON';
    const obj = readObject(op, json, 'standardizer');
    const withMean = obj.withMean;
    const withStd = obj.withStd;
    if (typeof withMean !== 'boolean' || typeof withStd !== 'boolean') {
      throw new FormatError(op, 'withMean and withStd must be booleans');
    }
    const n = readCount(op, obj, 'nSamplesSeen', 1);
    const mean = readNumbers(op, obj, 'mean', Array.isArray(obj.mean) ? obj.mean.length : -1);
    const f = mean.length;
    const variance = readNumbers(op, obj, 'variance', f);
    const scale = readNumbers(op, obj, 'scale', f);
    if (!variance.every((v) => v >= 0) || !scale.every((v) => v > 0)) {
      throw new FormatError(op, 'variance must be ≥ 0 and scale > 0 for every feature');
    }
    const scaler = new Standardizer({ withMean, withStd });
    scaler.state = { fitShape: [n, f], mean, variance, scale };
    return scaler;
  }
}

/** A new, unfitted Standardizer (sklearn's StandardScaler). */
export function standardizer(options: StandardizerOptions = {}): Standardizer {
  return new Standardizer(options);
}

/** `Standardizer.fromJSON`, reachable from the factory too. */
standardizer.fromJSON = (json: unknown): Standardizer => Standardizer.fromJSON(json);
