// SimpleRNN (Elman): h_t = activation(x_t·W + h_{t−1}·U + b); torch `nn.RNN` with b = b_ih + b_hh.
import type { Tensor, Variable } from '@tensile/core';
import * as tl from '@tensile/core';
import { applyActivation } from '../activations.js';
import type { RecurrentArgs } from './recurrent.js';
import { Recurrent } from './recurrent.js';

export type SimpleRNNArgs = RecurrentArgs;

export class SimpleRNN extends Recurrent {
  readonly className = 'SimpleRNN';
  protected readonly gates = 1;
  protected readonly stateCount = 1;

  constructor(args: SimpleRNNArgs) {
    super('simpleRNN', args, []);
  }

  protected step(projected: Tensor, [h]: Tensor[]): Tensor[] {
    const z = tl.add(projected, tl.matMul(h, this.recurrentKernel as Variable));
    return [applyActivation(this.activationName, z)];
  }
}

export const simpleRNN = (args: SimpleRNNArgs): SimpleRNN => new SimpleRNN(args);
