// LSTM (Hochreiter & Schmidhuber 1997), torch `nn.LSTM`'s equations in Keras's layout: gate blocks
// in the order i, f, g (candidate), o, and
//   z = x_t·W + h·U + b;  i, f, o = σ(z_i), σ(z_f), σ(z_o);  g = tanh(z_g)
//   c' = f·c + i·g;  h' = o·tanh(c')
// torch's weights map as kernel = W_ihᵀ, recurrentKernel = W_hhᵀ, bias = b_ih + b_hh.
import type { DType, Tensor, Variable } from '@tensile/core';
import * as tl from '@tensile/core';
import type { ActivationName } from '../activations.js';
import { applyActivation, resolveActivation } from '../activations.js';
import type { LayerConfig } from './layer.js';
import type { RecurrentArgs } from './recurrent.js';
import { Recurrent, booleanOption } from './recurrent.js';

export interface LSTMArgs extends RecurrentArgs {
  /** The gates' activation; default sigmoid. */
  recurrentActivation?: ActivationName;
  /** Initialize the forget gate's bias to 1 (Jozefowicz et al. 2015; Keras's default true). */
  unitForgetBias?: boolean;
}

export class LSTM extends Recurrent {
  readonly className = 'LSTM';
  protected readonly gates = 4;
  protected readonly stateCount = 2;
  readonly unitForgetBias: boolean;
  private readonly recurrentActivationName: ActivationName;

  constructor(args: LSTMArgs) {
    super('lstm', args, ['recurrentActivation', 'unitForgetBias']);
    this.recurrentActivationName = resolveActivation('lstm', args.recurrentActivation ?? 'sigmoid');
    this.unitForgetBias = booleanOption('lstm', 'unitForgetBias', args.unitForgetBias, true);
  }

  /** The bias initializer for the i, g and o blocks, ones for the forget block. */
  protected override effectiveBiasInitializer(): (shape: number[], dtype: DType) => Tensor {
    if (!this.unitForgetBias) return this.biasInitializer;
    const base = this.biasInitializer;
    const units = this.units;
    return (shape, dtype) =>
      tl.tidy(() => {
        const [i, , g, o] = tl.split(base([4 * units], dtype), 4);
        return tl.reshape(tl.concat([i, tl.ones([units], dtype), g, o]), shape);
      });
  }

  protected step(projected: Tensor, [h, c]: Tensor[]): Tensor[] {
    const z = tl.add(projected, tl.matMul(h, this.recurrentKernel as Variable));
    const [zi, zf, zg, zo] = tl.split(z, 4, 1);
    const gate = (t: Tensor) => applyActivation(this.recurrentActivationName, t);
    const c1 = tl.add(
      tl.mul(gate(zf), c),
      tl.mul(gate(zi), applyActivation(this.activationName, zg)),
    );
    const h1 = tl.mul(gate(zo), applyActivation(this.activationName, c1));
    return [h1, c1];
  }

  protected override options(): LayerConfig {
    return {
      ...super.options(),
      recurrentActivation: this.recurrentActivationName,
      unitForgetBias: this.unitForgetBias,
    };
  }
}

export const lstm = (args: LSTMArgs): LSTM => new LSTM(args);
