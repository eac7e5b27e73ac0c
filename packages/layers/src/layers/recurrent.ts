// The recurrent layers' shared machinery, in Keras's weight layout: kernel [inputs, G·units],
// recurrentKernel [units, G·units] and bias [G·units] with the G gate blocks side by side
// (G = 1 for simpleRNN, 3 for gru, 4 for lstm). Sequences are batch-major [batch, time, features]
// (Keras); the input projection x·W + b of every time step is one matMul before the loop.
import type { DType, Tensor, Variable } from '@tensile/core';
import * as tl from '@tensile/core';
import type { ActivationName } from '../activations.js';
import { resolveActivation } from '../activations.js';
import type { Initializer, InitializerSpec } from '../initializers.js';
import { getInitializer, glorotUniform, orthogonal, zeros } from '../initializers.js';
import type { Constraint, ConstraintSpec, Regularizer, RegularizerSpec } from '../regularizers.js';
import { resolveConstraint, resolveRegularizer } from '../regularizers.js';
import type { LayerArgs, LayerConfig, ResolvedCallOptions } from './layer.js';
import { Layer } from './layer.js';
import { checkRank, knownDim } from './shape-checks.js';
import type { SymbolicShape } from './symbolic.js';
import { formatSymbolicShape } from './symbolic.js';

export interface RecurrentArgs extends LayerArgs {
  units: number;
  /** The output/candidate activation; default tanh. */
  activation?: ActivationName;
  /** Default true. */
  useBias?: boolean;
  /** Default glorotUniform (Keras). */
  kernelInitializer?: InitializerSpec;
  /** Default orthogonal (Keras). */
  recurrentInitializer?: InitializerSpec;
  /** Default zeros. */
  biasInitializer?: InitializerSpec;
  kernelRegularizer?: RegularizerSpec;
  recurrentRegularizer?: RegularizerSpec;
  biasRegularizer?: RegularizerSpec;
  kernelConstraint?: ConstraintSpec;
  recurrentConstraint?: ConstraintSpec;
  biasConstraint?: ConstraintSpec;
  /** Return the output of every step [batch, time, units] instead of the last [batch, units]. */
  returnSequences?: boolean;
  /** Also return the final state(s): [output, h] or [output, h, c] (use `applyMulti`). */
  returnState?: boolean;
  /** Process the sequence from the last step to the first. */
  goBackwards?: boolean;
}

const RECURRENT_KEYS = [
  'units',
  'activation',
  'useBias',
  'kernelInitializer',
  'recurrentInitializer',
  'biasInitializer',
  'kernelRegularizer',
  'recurrentRegularizer',
  'biasRegularizer',
  'kernelConstraint',
  'recurrentConstraint',
  'biasConstraint',
  'returnSequences',
  'returnState',
  'goBackwards',
] as const;

function flag(op: string, name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw tl.invalidArgument(op, name, 'a boolean', value);
  return value;
}

export abstract class Recurrent extends Layer {
  readonly units: number;
  readonly useBias: boolean;
  readonly returnSequences: boolean;
  readonly returnState: boolean;
  readonly goBackwards: boolean;
  protected readonly activationName: ActivationName;
  protected readonly kernelInitializer: Initializer;
  protected readonly recurrentInitializer: Initializer;
  protected readonly biasInitializer: Initializer;
  private readonly regularizers: Record<'kernel' | 'recurrent' | 'bias', Regularizer | undefined>;
  private readonly constraints: Record<'kernel' | 'recurrent' | 'bias', Constraint | undefined>;
  kernel?: Variable;
  recurrentKernel?: Variable;
  bias?: Variable;

  /** How many gate blocks the kernels hold. */
  protected abstract readonly gates: number;
  /** How many state tensors the cell carries (h, or h and c). */
  protected abstract readonly stateCount: number;

  protected constructor(op: string, args: RecurrentArgs, extraKeys: readonly string[]) {
    super(op, args, [...RECURRENT_KEYS, ...extraKeys]);
    if (!Number.isInteger(args.units) || args.units < 1) {
      throw tl.invalidArgument(op, 'units', 'a positive integer', args.units);
    }
    this.units = args.units;
    this.activationName = resolveActivation(op, args.activation ?? 'tanh');
    this.useBias = flag(op, 'useBias', args.useBias, true);
    this.returnSequences = flag(op, 'returnSequences', args.returnSequences, false);
    this.returnState = flag(op, 'returnState', args.returnState, false);
    this.goBackwards = flag(op, 'goBackwards', args.goBackwards, false);
    this.kernelInitializer = getInitializer(args.kernelInitializer, () => glorotUniform(), op);
    this.recurrentInitializer = getInitializer(args.recurrentInitializer, () => orthogonal(), op);
    this.biasInitializer = getInitializer(args.biasInitializer, zeros, op);
    this.regularizers = {
      kernel: resolveRegularizer(op, 'kernelRegularizer', args.kernelRegularizer),
      recurrent: resolveRegularizer(op, 'recurrentRegularizer', args.recurrentRegularizer),
      bias: resolveRegularizer(op, 'biasRegularizer', args.biasRegularizer),
    };
    this.constraints = {
      kernel: resolveConstraint(op, 'kernelConstraint', args.kernelConstraint),
      recurrent: resolveConstraint(op, 'recurrentConstraint', args.recurrentConstraint),
      bias: resolveConstraint(op, 'biasConstraint', args.biasConstraint),
    };
  }

  // ---- cell hooks -----------------------------------------------------------------------------

  /**
   * One step: `projected` is x_t·W + b for this step [batch, G·units]; returns the new states,
   * the first of which (h) is the step's output.
   */
  protected abstract step(projected: Tensor, states: Tensor[]): Tensor[];

  /** The bias shape; GRU with resetAfter keeps an input and a recurrent bias, [2, 3·units]. */
  protected biasShape(): number[] {
    return [this.gates * this.units];
  }

  /** The bias initializer actually used (LSTM adds the unit forget bias). */
  protected effectiveBiasInitializer(): (shape: number[], dtype: DType) => Tensor {
    return this.biasInitializer;
  }

  /** The part of the bias added to the input projection. */
  protected inputBias(): Tensor | undefined {
    return this.bias;
  }

  // ---- Layer ----------------------------------------------------------------------------------

  protected override inputArity(): [number, number] {
    return [1, 1 + this.stateCount];
  }

  protected override flexibleAxes(): number[] {
    return [1];
  }

  protected override build(shapes: SymbolicShape[]): void {
    const shape = shapes[0];
    checkRank(this.name, shape, 3);
    const features = knownDim(this.name, shape, 2, 'feature axis ([batch, time, features])');
    const width = this.gates * this.units;
    this.kernel = this.addWeight('kernel', [features, width], {
      initializer: this.kernelInitializer,
      regularizer: this.regularizers.kernel,
      constraint: this.constraints.kernel,
    });
    this.recurrentKernel = this.addWeight('recurrentKernel', [this.units, width], {
      initializer: this.recurrentInitializer,
      regularizer: this.regularizers.recurrent,
      constraint: this.constraints.recurrent,
    });
    if (this.useBias) {
      this.bias = this.addWeight('bias', this.biasShape(), {
        initializer: this.effectiveBiasInitializer(),
        regularizer: this.regularizers.bias,
        constraint: this.constraints.bias,
      });
    }
  }

  computeOutputShapes(shapes: SymbolicShape[]): SymbolicShape[] {
    const [batch, time] = shapes[0];
    shapes.slice(1).forEach((s, i) => this.checkStateShape(i, s, batch ?? null));
    const output: SymbolicShape = this.returnSequences
      ? [batch ?? null, time ?? null, this.units]
      : [batch ?? null, this.units];
    const states: SymbolicShape[] = Array.from({ length: this.stateCount }, () => [
      batch ?? null,
      this.units,
    ]);
    return this.returnState ? [output, ...states] : [output];
  }

  private checkStateShape(i: number, shape: SymbolicShape, batch: number | null): void {
    const ok =
      shape.length === 2 &&
      (shape[1] === null || shape[1] === this.units) &&
      (shape[0] === null || batch === null || shape[0] === batch);
    if (!ok) {
      throw new tl.ShapeError(
        this.name,
        `initial state ${i} must be [batch, ${this.units}], got ${formatSymbolicShape(shape)}`,
      );
    }
  }

  protected forward(inputs: Tensor[], _options: ResolvedCallOptions): Tensor[] {
    const [x, ...given] = inputs;
    const [batch, time, features] = x.shape;
    if (time < 1) throw new tl.ShapeError(this.name, 'the sequence has no time steps');
    given.forEach((s, i) => this.checkStateShape(i, s.shape, batch));
    if (given.length !== 0 && given.length !== this.stateCount) {
      throw new tl.ValueError(
        this.name,
        `initialState must hold ${this.stateCount} tensor(s), got ${given.length}`,
      );
    }
    let states =
      given.length > 0
        ? given
        : Array.from({ length: this.stateCount }, () => tl.zeros([batch, this.units]));
    const width = this.gates * this.units;
    const bias = this.inputBias();
    const flat = tl.matMul(tl.reshape(x, [batch * time, features]), this.kernel as Variable);
    const projected = tl.reshape(bias === undefined ? flat : tl.add(flat, bias), [
      batch,
      time,
      width,
    ]);
    const steps = time === 1 ? [projected] : tl.split(projected, time, 1);
    if (this.goBackwards) steps.reverse();
    const outputs: Tensor[] = [];
    for (const s of steps) {
      states = this.step(tl.reshape(s, [batch, width]), states);
      if (this.returnSequences) outputs.push(states[0]);
    }
    const output = this.returnSequences ? tl.stack(outputs, 1) : states[0];
    return this.returnState ? [output, ...states] : [output];
  }

  protected options(): LayerConfig {
    return {
      units: this.units,
      activation: this.activationName,
      useBias: this.useBias,
      kernelInitializer: this.kernelInitializer.toJSON(),
      recurrentInitializer: this.recurrentInitializer.toJSON(),
      biasInitializer: this.biasInitializer.toJSON(),
      kernelRegularizer: this.serialized('kernelRegularizer', this.regularizers.kernel),
      recurrentRegularizer: this.serialized('recurrentRegularizer', this.regularizers.recurrent),
      biasRegularizer: this.serialized('biasRegularizer', this.regularizers.bias),
      kernelConstraint: this.serialized('kernelConstraint', this.constraints.kernel),
      recurrentConstraint: this.serialized('recurrentConstraint', this.constraints.recurrent),
      biasConstraint: this.serialized('biasConstraint', this.constraints.bias),
      returnSequences: this.returnSequences,
      returnState: this.returnState,
      goBackwards: this.goBackwards,
    };
  }
}

export { flag as booleanOption };
