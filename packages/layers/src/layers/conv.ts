// Conv2D in NHWC with an HWIO kernel [kernelH, kernelW, inChannels, filters] (TensorFlow/Keras
// layout; torch's OIHW weight permuted by (2, 3, 1, 0)).
import type { Tensor, Variable } from '@tensile/core';
import * as tl from '@tensile/core';
import type { Padding } from '@tensile/core';
import type { ActivationName } from '../activations.js';
import { applyActivation, resolveActivation } from '../activations.js';
import { checkPadding, checkPair, windowOutputShape } from './conv-options.js';
import type { LayerArgs, LayerConfig, ResolvedCallOptions } from './layer.js';
import { SimpleLayer } from './layer.js';
import { checkRank, knownDim } from './shape-checks.js';
import type { SymbolicShape } from './symbolic.js';
import type { KernelBias, KernelBiasArgs } from './weight-options.js';
import { KERNEL_BIAS_KEYS, resolveKernelBias } from './weight-options.js';

export interface Conv2DArgs extends LayerArgs, KernelBiasArgs {
  filters: number;
  kernelSize: number | [number, number];
  /** Default 1. */
  strides?: number | [number, number];
  /** 'valid' (default), 'same' (TensorFlow's: the odd pixel goes bottom/right) or zeros per side. */
  padding?: Padding;
  /** Default 1. */
  dilationRate?: number | [number, number];
  activation?: ActivationName;
  useBias?: boolean;
  /** Only 'channelsLast' (NHWC); transpose NCHW data first. */
  dataFormat?: 'channelsLast';
}

export class Conv2D extends SimpleLayer {
  readonly className = 'Conv2D';
  readonly filters: number;
  readonly kernelSize: [number, number];
  readonly strides: [number, number];
  readonly padding: Padding;
  readonly dilationRate: [number, number];
  readonly useBias: boolean;
  private readonly activationName: ActivationName;
  private readonly init: KernelBias;
  kernel?: Variable;
  bias?: Variable;

  constructor(args: Conv2DArgs) {
    const op = 'conv2d';
    super(op, args, [
      'filters',
      'kernelSize',
      'strides',
      'padding',
      'dilationRate',
      'activation',
      'useBias',
      'dataFormat',
      ...KERNEL_BIAS_KEYS,
    ]);
    if (!Number.isInteger(args.filters) || args.filters < 1) {
      throw tl.invalidArgument(op, 'filters', 'a positive integer', args.filters);
    }
    if (args.dataFormat !== undefined && args.dataFormat !== 'channelsLast') {
      throw tl.invalidArgument(op, 'dataFormat', "'channelsLast' (NHWC)", args.dataFormat);
    }
    this.filters = args.filters;
    this.kernelSize = checkPair(op, 'kernelSize', args.kernelSize);
    this.strides = checkPair(op, 'strides', args.strides ?? 1);
    this.padding = checkPadding(op, args.padding ?? 'valid');
    this.dilationRate = checkPair(op, 'dilationRate', args.dilationRate ?? 1);
    this.useBias = args.useBias ?? true;
    this.activationName = resolveActivation(op, args.activation);
    this.init = resolveKernelBias(op, args, this.activationName);
  }

  override get activation(): ActivationName {
    return this.activationName;
  }

  private window(channels: number): [number, number, number, number] {
    return [...this.kernelSize, channels, this.filters];
  }

  protected override buildOne(shape: SymbolicShape): void {
    checkRank(this.name, shape, 4);
    const channels = knownDim(this.name, shape, 3, 'channel axis (NHWC)');
    this.kernel = this.addWeight('kernel', this.window(channels), {
      initializer: this.init.kernelInitializer,
      regularizer: this.init.kernelRegularizer,
      constraint: this.init.kernelConstraint,
    });
    if (this.useBias) {
      this.bias = this.addWeight('bias', [this.filters], {
        initializer: this.init.biasInitializer,
        regularizer: this.init.biasRegularizer,
        constraint: this.init.biasConstraint,
      });
    }
  }

  protected outputShape(shape: SymbolicShape): SymbolicShape {
    const channels = knownDim(this.name, shape, 3, 'channel axis (NHWC)');
    return windowOutputShape(
      this.name,
      shape,
      this.window(channels),
      this.strides,
      this.padding,
      this.dilationRate,
    );
  }

  protected forwardOne(x: Tensor, { training, preActivation }: ResolvedCallOptions): Tensor {
    let y = tl.conv2d(x, this.kernel as Variable, {
      strides: this.strides,
      pad: this.padding,
      dilations: this.dilationRate,
    });
    if (this.bias !== undefined) y = tl.add(y, this.bias);
    return preActivation ? y : applyActivation(this.activationName, y, training);
  }

  protected options(): LayerConfig {
    return {
      filters: this.filters,
      kernelSize: [...this.kernelSize],
      strides: [...this.strides],
      padding: this.padding,
      dilationRate: [...this.dilationRate],
      activation: this.activationName,
      useBias: this.useBias,
      kernelInitializer: this.init.kernelInitializer.toJSON(),
      biasInitializer: this.init.biasInitializer.toJSON(),
      kernelRegularizer: this.serialized('kernelRegularizer', this.init.kernelRegularizer),
      biasRegularizer: this.serialized('biasRegularizer', this.init.biasRegularizer),
      kernelConstraint: this.serialized('kernelConstraint', this.init.kernelConstraint),
      biasConstraint: this.serialized('biasConstraint', this.init.biasConstraint),
    };
  }
}

export const conv2d = (args: Conv2DArgs): Conv2D => new Conv2D(args);
