// Batch and layer normalization, PyTorch-exact.
//
// BatchNormalization keeps Keras's option names with PyTorch's numbers. In training it normalizes
// with the batch mean and the biased batch variance and updates the running statistics with the
// unbiased one, as torch does:
//   running ← momentum·running + (1 − momentum)·batch          (Keras's convention for `momentum`)
// so the default momentum = 0.9 is torch's momentum = 0.1, and epsilon defaults to torch's 1e-5
// (Keras's defaults are 0.99 and 1e-3). In inference, and whenever the layer is frozen
// (`trainable = false`, as Keras does for fine-tuning), it uses the running statistics.
import type { Tensor, Variable } from '@tensile/core';
import * as tl from '@tensile/core';
import type { Initializer, InitializerSpec } from '../initializers.js';
import { getInitializer, ones, zeros } from '../initializers.js';
import type { Constraint, ConstraintSpec, Regularizer, RegularizerSpec } from '../regularizers.js';
import { resolveConstraint, resolveRegularizer } from '../regularizers.js';
import type { LayerArgs, LayerConfig, ResolvedCallOptions } from './layer.js';
import { SimpleLayer } from './layer.js';
import { knownDim } from './shape-checks.js';
import type { SymbolicShape } from './symbolic.js';

interface AffineArgs {
  /** Learn an offset β; default true. */
  center?: boolean;
  /** Learn a scale γ; default true. */
  scale?: boolean;
  betaInitializer?: InitializerSpec;
  gammaInitializer?: InitializerSpec;
  betaRegularizer?: RegularizerSpec;
  gammaRegularizer?: RegularizerSpec;
  betaConstraint?: ConstraintSpec;
  gammaConstraint?: ConstraintSpec;
}

const AFFINE_KEYS = [
  'center',
  'scale',
  'betaInitializer',
  'gammaInitializer',
  'betaRegularizer',
  'gammaRegularizer',
  'betaConstraint',
  'gammaConstraint',
] as const;

interface Affine {
  center: boolean;
  scale: boolean;
  betaInitializer: Initializer;
  gammaInitializer: Initializer;
  betaRegularizer?: Regularizer;
  gammaRegularizer?: Regularizer;
  betaConstraint?: Constraint;
  gammaConstraint?: Constraint;
}

function resolveAffine(op: string, args: AffineArgs): Affine {
  for (const key of ['center', 'scale'] as const) {
    if (args[key] !== undefined && typeof args[key] !== 'boolean') {
      throw tl.invalidArgument(op, key, 'a boolean', args[key]);
    }
  }
  return {
    center: args.center ?? true,
    scale: args.scale ?? true,
    betaInitializer: getInitializer(args.betaInitializer, zeros, op),
    gammaInitializer: getInitializer(args.gammaInitializer, ones, op),
    betaRegularizer: resolveRegularizer(op, 'betaRegularizer', args.betaRegularizer),
    gammaRegularizer: resolveRegularizer(op, 'gammaRegularizer', args.gammaRegularizer),
    betaConstraint: resolveConstraint(op, 'betaConstraint', args.betaConstraint),
    gammaConstraint: resolveConstraint(op, 'gammaConstraint', args.gammaConstraint),
  };
}

function checkEpsilon(op: string, epsilon: unknown): number {
  if (typeof epsilon !== 'number' || !(epsilon > 0) || !Number.isFinite(epsilon)) {
    throw tl.invalidArgument(op, 'epsilon', 'a finite number > 0', epsilon);
  }
  return epsilon;
}

abstract class AffineNormalization extends SimpleLayer {
  protected readonly affine: Affine;
  gamma?: Variable;
  beta?: Variable;

  protected constructor(op: string, args: LayerArgs & AffineArgs, extraKeys: readonly string[]) {
    super(op, args, [...AFFINE_KEYS, ...extraKeys]);
    this.affine = resolveAffine(op, args);
  }

  protected addAffineWeights(size: number): void {
    const a = this.affine;
    if (a.scale) {
      this.gamma = this.addWeight('gamma', [size], {
        initializer: a.gammaInitializer,
        regularizer: a.gammaRegularizer,
        constraint: a.gammaConstraint,
      });
    }
    if (a.center) {
      this.beta = this.addWeight('beta', [size], {
        initializer: a.betaInitializer,
        regularizer: a.betaRegularizer,
        constraint: a.betaConstraint,
      });
    }
  }

  protected outputShape(shape: SymbolicShape): SymbolicShape {
    return shape;
  }

  protected affineOptions(): LayerConfig {
    const a = this.affine;
    return {
      center: a.center,
      scale: a.scale,
      betaInitializer: a.betaInitializer.toJSON(),
      gammaInitializer: a.gammaInitializer.toJSON(),
      betaRegularizer: this.serialized('betaRegularizer', a.betaRegularizer),
      gammaRegularizer: this.serialized('gammaRegularizer', a.gammaRegularizer),
      betaConstraint: this.serialized('betaConstraint', a.betaConstraint),
      gammaConstraint: this.serialized('gammaConstraint', a.gammaConstraint),
    };
  }
}

export interface BatchNormalizationArgs extends LayerArgs, AffineArgs {
  /** The feature (channel) axis; default −1 (channels last). */
  axis?: number;
  /** Weight of the old running value (Keras's convention); default 0.9 = torch's momentum 0.1. */
  momentum?: number;
  /** Default 1e-5 (torch). */
  epsilon?: number;
  movingMeanInitializer?: InitializerSpec;
  movingVarianceInitializer?: InitializerSpec;
}

export class BatchNormalization extends AffineNormalization {
  readonly className = 'BatchNormalization';
  readonly axis: number;
  readonly momentum: number;
  readonly epsilon: number;
  private readonly movingMeanInitializer: Initializer;
  private readonly movingVarianceInitializer: Initializer;
  movingMean?: Variable;
  movingVariance?: Variable;

  constructor(args: BatchNormalizationArgs = {}) {
    const op = 'batchNormalization';
    super(op, args, [
      'axis',
      'momentum',
      'epsilon',
      'movingMeanInitializer',
      'movingVarianceInitializer',
    ]);
    this.axis = args.axis ?? -1;
    if (!Number.isInteger(this.axis)) throw tl.invalidArgument(op, 'axis', 'an integer', args.axis);
    this.momentum = args.momentum ?? 0.9;
    if (typeof this.momentum !== 'number' || !(this.momentum >= 0 && this.momentum <= 1)) {
      throw tl.invalidArgument(op, 'momentum', 'a number in [0, 1]', args.momentum);
    }
    this.epsilon = checkEpsilon(op, args.epsilon ?? 1e-5);
    this.movingMeanInitializer = getInitializer(args.movingMeanInitializer, zeros, op);
    this.movingVarianceInitializer = getInitializer(args.movingVarianceInitializer, ones, op);
  }

  private channelAxis(rank: number): number {
    const a = this.axis < 0 ? this.axis + rank : this.axis;
    if (a < 1 || a >= rank) {
      throw new tl.AxisError(
        this.name,
        `axis ${this.axis} is not a feature axis of an input of rank ${rank} (axis 0 is the batch)`,
      );
    }
    return a;
  }

  protected override buildOne(shape: SymbolicShape): void {
    const channels = knownDim(this.name, shape, this.channelAxis(shape.length), 'feature axis');
    this.addAffineWeights(channels);
    this.movingMean = this.addWeight('movingMean', [channels], {
      initializer: this.movingMeanInitializer,
      learnable: false,
    });
    this.movingVariance = this.addWeight('movingVariance', [channels], {
      initializer: this.movingVarianceInitializer,
      learnable: false,
    });
  }

  protected forwardOne(x: Tensor, { training }: ResolvedCallOptions): Tensor {
    const axis = this.channelAxis(x.rank);
    const broadcast = x.shape.map((d, i) => (i === axis ? d : 1));
    const shaped = (v: Variable | undefined) =>
      v === undefined ? undefined : tl.reshape(v, broadcast);
    const beta = shaped(this.beta);
    const gamma = shaped(this.gamma);
    if (!training || !this.trainable) {
      const mean = shaped(this.movingMean) as Tensor;
      const variance = shaped(this.movingVariance) as Tensor;
      return tl.batchNorm(x, mean, variance, beta, gamma, this.epsilon);
    }
    const axes = x.shape.map((_, i) => i).filter((i) => i !== axis);
    const count = axes.reduce((n, i) => n * x.shape[i], 1);
    if (count < 2) {
      throw new tl.ValueError(
        this.name,
        `training needs more than one value per channel, got input shape ${tl.formatShape(x.shape)}`,
      );
    }
    const { mean, variance } = tl.moments(x, axes, true);
    this.updateRunningStatistics(mean, variance, count);
    return tl.batchNorm(x, mean, variance, beta, gamma, this.epsilon);
  }

  /** running ← m·running + (1 − m)·batch, with the unbiased variance n/(n − 1)·σ²_biased. */
  private updateRunningStatistics(mean: Tensor, biasedVariance: Tensor, count: number): void {
    const m = this.momentum;
    const runMean = this.movingMean as Variable;
    const runVar = this.movingVariance as Variable;
    const flatMean = tl.reshape(mean, runMean.shape);
    const unbiased = tl.mul(tl.reshape(biasedVariance, runVar.shape), count / (count - 1));
    runMean.assign(tl.add(tl.mul(runMean, m), tl.mul(flatMean, 1 - m)));
    runVar.assign(tl.add(tl.mul(runVar, m), tl.mul(unbiased, 1 - m)));
  }

  protected options(): LayerConfig {
    return {
      axis: this.axis,
      momentum: this.momentum,
      epsilon: this.epsilon,
      ...this.affineOptions(),
      movingMeanInitializer: this.movingMeanInitializer.toJSON(),
      movingVarianceInitializer: this.movingVarianceInitializer.toJSON(),
    };
  }
}

export interface LayerNormalizationArgs extends LayerArgs, AffineArgs {
  /** Only −1 (the last axis), as torch's `LayerNorm(normalized_shape=(D,))`. */
  axis?: number;
  /** Default 1e-5 (torch; Keras's is 1e-3). */
  epsilon?: number;
}

/** γ·(x − μ)/√(σ² + ε) + β over the last axis, with the biased variance (torch `F.layer_norm`). */
export class LayerNormalization extends AffineNormalization {
  readonly className = 'LayerNormalization';
  readonly epsilon: number;

  constructor(args: LayerNormalizationArgs = {}) {
    const op = 'layerNormalization';
    super(op, args, ['axis', 'epsilon']);
    if (args.axis !== undefined && args.axis !== -1) {
      throw tl.invalidArgument(op, 'axis', '−1 (the last axis)', args.axis);
    }
    this.epsilon = checkEpsilon(op, args.epsilon ?? 1e-5);
  }

  protected override buildOne(shape: SymbolicShape): void {
    this.addAffineWeights(knownDim(this.name, shape, -1, 'last axis'));
  }

  protected forwardOne(x: Tensor): Tensor {
    return tl.layerNorm(x, this.gamma, this.beta, this.epsilon);
  }

  protected options(): LayerConfig {
    return { axis: -1, epsilon: this.epsilon, ...this.affineOptions() };
  }
}

export const batchNormalization = (args: BatchNormalizationArgs = {}): BatchNormalization =>
  new BatchNormalization(args);
export const layerNormalization = (args: LayerNormalizationArgs = {}): LayerNormalization =>
  new LayerNormalization(args);
