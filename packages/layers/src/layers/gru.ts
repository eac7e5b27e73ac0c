// GRU (Cho et al. 2014) in Keras's layout: gate blocks in the order z (update), r (reset), h
// (candidate). With resetAfter = true (the default, Keras 2's and torch's `nn.GRU` variant) the
// bias is [2, 3·units]: an input bias b_x and a recurrent bias b_h, and
//   z = σ(x·W_z + b_xz + h·U_z + b_hz);  r = σ(x·W_r + b_xr + h·U_r + b_hr)
//   ĥ = tanh(x·W_h + b_xh + r·(h·U_h + b_hh));  h' = z·h + (1 − z)·ĥ
// (torch's r, z, n blocks reordered; torch's n is ĥ). resetAfter = false applies r before U_h:
// ĥ = tanh(x·W_h + (r·h)·U_h + b_h) with one bias [3·units].
import type { Tensor, Variable } from '@tensile/core';
import * as tl from '@tensile/core';
import type { ActivationName } from '../activations.js';
import { applyActivation, resolveActivation } from '../activations.js';
import type { LayerConfig } from './layer.js';
import type { RecurrentArgs } from './recurrent.js';
import { Recurrent, booleanOption } from './recurrent.js';

export interface GRUArgs extends RecurrentArgs {
  /** The gates' activation; default sigmoid. */
  recurrentActivation?: ActivationName;
  /** Apply the reset gate after the recurrent matMul (torch's GRU); default true. */
  resetAfter?: boolean;
}

export class GRU extends Recurrent {
  readonly className = 'GRU';
  protected readonly gates = 3;
  protected readonly stateCount = 1;
  readonly resetAfter: boolean;
  private readonly recurrentActivationName: ActivationName;

  constructor(args: GRUArgs) {
    super('gru', args, ['recurrentActivation', 'resetAfter']);
    this.recurrentActivationName = resolveActivation('gru', args.recurrentActivation ?? 'sigmoid');
    this.resetAfter = booleanOption('gru', 'resetAfter', args.resetAfter, true);
  }

  protected override biasShape(): number[] {
    return this.resetAfter ? [2, 3 * this.units] : [3 * this.units];
  }

  protected override inputBias(): Tensor | undefined {
    if (this.bias === undefined || !this.resetAfter) return this.bias;
    return tl.reshape(tl.slice(this.bias, [0, 0], [1, 3 * this.units]), [3 * this.units]);
  }

  private recurrentBias(): Tensor | undefined {
    if (this.bias === undefined || !this.resetAfter) return undefined;
    return tl.reshape(tl.slice(this.bias, [1, 0], [1, 3 * this.units]), [3 * this.units]);
  }

  protected step(projected: Tensor, [h]: Tensor[]): Tensor[] {
    const u = this.recurrentKernel as Variable;
    const gate = (t: Tensor) => applyActivation(this.recurrentActivationName, t);
    const [xz, xr, xh] = tl.split(projected, 3, 1);
    let z: Tensor;
    let candidate: Tensor;
    if (this.resetAfter) {
      const bias = this.recurrentBias();
      const hu = tl.matMul(h, u);
      const [hz, hr, hh] = tl.split(bias === undefined ? hu : tl.add(hu, bias), 3, 1);
      z = gate(tl.add(xz, hz));
      const r = gate(tl.add(xr, hr));
      candidate = applyActivation(this.activationName, tl.add(xh, tl.mul(r, hh)));
    } else {
      const [uz, ur, uh] = tl.split(u, 3, 1);
      z = gate(tl.add(xz, tl.matMul(h, uz)));
      const r = gate(tl.add(xr, tl.matMul(h, ur)));
      candidate = applyActivation(this.activationName, tl.add(xh, tl.matMul(tl.mul(r, h), uh)));
    }
    // h' = z·h + (1 − z)·ĥ = ĥ + z·(h − ĥ)
    return [tl.add(candidate, tl.mul(z, tl.sub(h, candidate)))];
  }

  protected override options(): LayerConfig {
    return {
      ...super.options(),
      recurrentActivation: this.recurrentActivationName,
      resetAfter: this.resetAfter,
    };
  }
}

export const gru = (args: GRUArgs): GRU => new GRU(args);
