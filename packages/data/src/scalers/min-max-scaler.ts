// Min-max scaling fit on the training set and applied unchanged to dev and test (sklearn's
// MinMaxScaler). Like the Standardizer, it keeps its statistics on the host and holds no tensors.
import type { Tensor } from '@tensile/core';
import { FormatError, ValueError, clipByValue, describeValue } from '@tensile/core';
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

export interface MinMaxScalerOptions {
  /** [lo, hi] the training range of each feature maps onto (default [0, 1]); lo < hi. */
  featureRange?: readonly [number, number];
  /** Clip transformed values to featureRange (default false: test values may fall outside). */
  clip?: boolean;
}

export interface MinMaxScalerJSON {
  kind: 'minMaxScaler';
  featureRange: [number, number];
  clip: boolean;
  nSamplesSeen: number;
  dataMin: number[];
  dataMax: number[];
}

interface MinMaxState {
  fitShape: [number, number];
  dataMin: Float64Array;
  dataMax: Float64Array;
  /** (hi − lo) / range, with range replaced by 1 where it is 0. */
  scale: Float64Array;
}

/**
 * x' = (x − dataMin) / range · (hi − lo) + lo per feature (sklearn's MinMaxScaler), with dataMin,
 * dataMax over the training rows and range = dataMax − dataMin replaced by 1 where it is 0: a
 * constant feature maps to lo in train and to x − dataMin + lo elsewhere. No clipping by default.
 */
export class MinMaxScaler {
  readonly featureRange: readonly [number, number];
  readonly clip: boolean;
  private state: MinMaxState | undefined;

  constructor(options: MinMaxScalerOptions = {}) {
    const op = 'minMaxScaler';
    assertKnownOptions(op, options, ['featureRange', 'clip']);
    const { featureRange = [0, 1], clip = false } = options;
    if (
      !Array.isArray(featureRange) ||
      featureRange.length !== 2 ||
      !featureRange.every((v) => typeof v === 'number' && Number.isFinite(v)) ||
      !(featureRange[0] < featureRange[1])
    ) {
      throw new ValueError(
        op,
        `featureRange must be [lo, hi] with finite lo < hi, got ${describeValue(featureRange)}`,
      );
    }
    assertBoolean(op, 'clip', clip);
    this.featureRange = Object.freeze([featureRange[0], featureRange[1]] as [number, number]);
    this.clip = clip;
  }

  get isFitted(): boolean {
    return this.state !== undefined;
  }

  private fitted(op: string): MinMaxState {
    if (this.state === undefined) throw notFitted(op, 'MinMaxScaler');
    return this.state;
  }

  get nFeatures(): number {
    return this.fitted('MinMaxScaler.nFeatures').fitShape[1];
  }

  get nSamplesSeen(): number {
    return this.fitted('MinMaxScaler.nSamplesSeen').fitShape[0];
  }

  /** Per-feature minimum of the training rows (a copy). */
  get dataMin(): Float64Array {
    return this.fitted('MinMaxScaler.dataMin').dataMin.slice();
  }

  /** Per-feature maximum of the training rows (a copy). */
  get dataMax(): Float64Array {
    return this.fitted('MinMaxScaler.dataMax').dataMax.slice();
  }

  /** dataMax − dataMin (0 for a constant feature). */
  get dataRange(): Float64Array {
    const state = this.fitted('MinMaxScaler.dataRange');
    return state.dataMax.map((max, j) => max - state.dataMin[j]);
  }

  /** The per-feature factor (hi − lo) / range, range 0 replaced by 1 (sklearn's scale_). */
  get scale(): Float64Array {
    return this.fitted('MinMaxScaler.scale').scale.slice();
  }

  private setState(fitShape: [number, number], dataMin: Float64Array, dataMax: Float64Array) {
    const [lo, hi] = this.featureRange;
    const range = replaceZeros(dataMax.map((max, j) => max - dataMin[j]));
    this.state = { fitShape, dataMin, dataMax, scale: range.map((r) => (hi - lo) / r) };
  }

  /** Learns each feature's minimum and maximum from x [n, features]; returns this. */
  fit(x: Tensor): this {
    const op = 'MinMaxScaler.fit';
    checkInput(op, x);
    const stats = columnStats(op, x);
    this.setState([x.shape[0], x.shape[1]], stats.min, stats.max);
    return this;
  }

  /** (x − dataMin) · scale + lo, a new tensor in x's dtype (clipped to featureRange if clip). */
  transform(x: Tensor): Tensor {
    const op = 'MinMaxScaler.transform';
    const state = this.fitted(op);
    checkInput(op, x);
    checkFeatures(op, x, state.fitShape);
    const [lo, hi] = this.featureRange;
    const offset = new Float64Array(state.scale.length).fill(lo);
    const y = affine(x, state.dataMin, { multiply: state.scale }, offset);
    if (!this.clip) return y;
    const clipped = clipByValue(y, lo, hi);
    y.dispose();
    return clipped;
  }

  fitTransform(x: Tensor): Tensor {
    return this.fit(x).transform(x);
  }

  /** (x − lo) / scale + dataMin: back to the original units. */
  inverseTransform(x: Tensor): Tensor {
    const op = 'MinMaxScaler.inverseTransform';
    const state = this.fitted(op);
    checkInput(op, x);
    checkFeatures(op, x, state.fitShape);
    const shift = new Float64Array(state.scale.length).fill(this.featureRange[0]);
    return affine(x, shift, { divide: state.scale }, state.dataMin);
  }

  toJSON(): MinMaxScalerJSON {
    const state = this.fitted('MinMaxScaler.toJSON');
    return {
      kind: 'minMaxScaler',
      featureRange: [this.featureRange[0], this.featureRange[1]],
      clip: this.clip,
      nSamplesSeen: state.fitShape[0],
      dataMin: Array.from(state.dataMin),
      dataMax: Array.from(state.dataMax),
    };
  }

  /** A fitted MinMaxScaler from `toJSON()`'s output (FormatError when a field is missing or bad). */
  static fromJSON(json: unknown): MinMaxScaler {
    const op = 'MinMaxScaler.fromJSON';
    const obj = readObject(op, json, 'minMaxScaler');
    const range = obj.featureRange;
    if (!Array.isArray(range) || range.length !== 2 || typeof obj.clip !== 'boolean') {
      throw new FormatError(op, 'featureRange must be [lo, hi] and clip a boolean');
    }
    const n = readCount(op, obj, 'nSamplesSeen', 1);
    const f = Array.isArray(obj.dataMin) ? obj.dataMin.length : -1;
    const dataMin = readNumbers(op, obj, 'dataMin', f);
    const dataMax = readNumbers(op, obj, 'dataMax', f);
    if (!dataMin.every((v, j) => v <= dataMax[j])) {
      throw new FormatError(op, 'dataMin must not exceed dataMax for any feature');
    }
    let scaler: MinMaxScaler;
    try {
      scaler = new MinMaxScaler({ featureRange: range as [number, number], clip: obj.clip });
    } catch (error) {
      throw new FormatError(op, (error as Error).message);
    }
    scaler.setState([n, f], dataMin, dataMax);
    return scaler;
  }
}

/** A new, unfitted MinMaxScaler. */
export function minMaxScaler(options: MinMaxScalerOptions = {}): MinMaxScaler {
  return new MinMaxScaler(options);
}

/** `MinMaxScaler.fromJSON`, reachable from the factory too. */
minMaxScaler.fromJSON = (json: unknown): MinMaxScaler => MinMaxScaler.fromJSON(json);
