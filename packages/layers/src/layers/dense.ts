// Dense: y = activation(x·W + b) with the kernel W in [inputs, units] layout (Keras; torch's
// Linear.weight transposed), through one fused matMul + bias + activation kernel where the
// activation has one. Inputs of rank > 2 are mapped over their last axis.
import type { Tensor, Variable } from '@tensile/core';
import * as tl from '@tensile/core';
import type { ActivationName } from '../activations.js';
import { applyActivation, fusedActivation, resolveActivation } from '../activations.js';
import type { LayerArgs, LayerConfig, ResolvedCallOptions } from './layer.js';
import { SimpleLayer } from './layer.js';
import { checkRank, knownDim } from './shape-checks.js';
import type { SymbolicShape } from './symbolic.js';
import type { KernelBias, KernelBiasArgs } from './weight-options.js';
import { KERNEL_BIAS_KEYS, resolveKernelBias } from './weight-options.js';

export interface DenseArgs extends LayerArgs, KernelBiasArgs {
  units: number;
  /** An activation by name (see ACTIVATION_NAMES); default linear. */
  activation?: ActivationName;
  /** Default true. */
  useBias?: boolean;
}

export class Dense extends SimpleLayer {
  readonly className = 'Dense';
  readonly units: number;
  readonly useBias: boolean;
  private readonly activationName: ActivationName;
  private readonly init: KernelBias;
  kernel?: Variable;
  bias?: Variable;

  constructor(args: DenseArgs) {
    super('dense', args, ['units', 'activation', 'useBias', ...KERNEL_BIAS_KEYS]);
    if (!Number.isInteger(args.units) || args.units < 1) {
      throw tl.invalidArgument('dense', 'units', 'a positive integer', args.units);
    }
    this.units = args.units;
    this.activationName = resolveActivation('dense', args.activation);
    this.useBias = args.useBias ?? true;
    this.init = resolveKernelBias('dense', args, this.activationName);
  }

  override get activation(): ActivationName {
    return this.activationName;
  }

  protected override buildOne(shape: SymbolicShape): void {
    checkRank(this.name, shape, 2, false);
    const inputs = knownDim(this.name, shape, -1, 'last axis');
    this.kernel = this.addWeight('kernel', [inputs, this.units], {
      initializer: this.init.kernelInitializer,
      regularizer: this.init.kernelRegularizer,
      constraint: this.init.kernelConstraint,
    });
    if (this.useBias) {
      this.bias = this.addWeight('bias', [this.units], {
        initializer: this.init.biasInitializer,
        regularizer: this.init.biasRegularizer,
        constraint: this.init.biasConstraint,
      });
    }
  }

  protected outputShape(shape: SymbolicShape): SymbolicShape {
    return [...shape.slice(0, -1), this.units];
  }

  protected forwardOne(x: Tensor, { training, preActivation }: ResolvedCallOptions): Tensor {
    const activation = preActivation ? 'linear' : this.activationName;
    const flat = x.rank === 2 ? x : tl.reshape(x, [-1, x.shape[x.rank - 1]]);
    const fused = fusedActivation(activation);
    let y = tl.fusedMatMul({
      a: flat,
      b: this.kernel as Variable,
      bias: this.bias,
      activation: fused ?? 'linear',
    });
    if (fused === undefined) y = applyActivation(activation, y, training);
    return x.rank === 2 ? y : tl.reshape(y, [...x.shape.slice(0, -1), this.units]);
  }

  protected options(): LayerConfig {
    return {
      units: this.units,
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

/** A densely connected layer (Keras `Dense`). */
export const dense = (args: DenseArgs): Dense => new Dense(args);
