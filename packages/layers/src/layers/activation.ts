// Activation: applies an activation by name (every activation of core, plus softmax).
import type { Tensor } from '@tensile/core';
import * as tl from '@tensile/core';
import type { ActivationName } from '../activations.js';
import { applyActivation, resolveActivation } from '../activations.js';
import type { LayerArgs, LayerConfig, ResolvedCallOptions } from './layer.js';
import { SimpleLayer } from './layer.js';
import type { SymbolicShape } from './symbolic.js';

export interface ActivationArgs extends LayerArgs {
  activation: ActivationName;
}

export class Activation extends SimpleLayer {
  readonly className = 'Activation';
  private readonly activationName: ActivationName;

  constructor(args: ActivationArgs) {
    super('activation', args, ['activation']);
    if (args.activation === undefined) {
      throw new tl.ValueError('activation', "the 'activation' option is required");
    }
    this.activationName = resolveActivation('activation', args.activation);
  }

  override get activation(): ActivationName {
    return this.activationName;
  }

  protected outputShape(shape: SymbolicShape): SymbolicShape {
    return shape;
  }

  protected forwardOne(x: Tensor, { training, preActivation }: ResolvedCallOptions): Tensor {
    return applyActivation(preActivation ? 'linear' : this.activationName, x, training);
  }

  protected options(): LayerConfig {
    return { activation: this.activationName };
  }
}

export const activation = (args: ActivationArgs): Activation => new Activation(args);
