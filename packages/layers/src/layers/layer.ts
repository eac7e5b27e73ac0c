// The base of every layer: weights (variables with their initializer, penalty, constraint and
// trainability), lazy building from the first input shape, eager calls (`layer.apply(tensor)`) and
// symbolic ones (`layer.apply(symbolicTensor)`, the functional API), and a config that rebuilds
// the layer. Internally every layer maps a list of inputs to a list of outputs; most have one of
// each (see `SimpleLayer`).
import type { DType, Tensor, Variable } from '@tensile/core';
import * as tl from '@tensile/core';
import type { Initializer } from '../initializers.js';
import type { Constraint, Regularizer } from '../regularizers.js';
import { serializeWeightFunction } from '../regularizers.js';
import { makeVariable, uniqueLayerName } from './naming.js';
import type { SymbolicShape, SymbolicTensor } from './symbolic.js';
import { Node, formatSymbolicShape, isSymbolic } from './symbolic.js';

export interface LayerArgs {
  /** Unique within a model; default `<type>`, `<type>_1`, … */
  name?: string;
  /** False freezes every weight of the layer (transfer learning); default true. */
  trainable?: boolean;
  /** The input shape without the batch axis; lets a Sequential model build at construction. */
  inputShape?: readonly (number | null)[];
}

/** A layer's options as JSON: what `getConfig()` returns and `layerFromConfig` rebuilds from. */
export type LayerConfig = Record<string, unknown>;

export interface CallOptions {
  /** Training mode: dropout drops, batch normalization uses batch statistics. Default false. */
  training?: boolean;
  /**
   * Leave out the layer's output activation (its caller applies it inside the loss: softmax with
   * categorical cross-entropy is computed from the logits).
   */
  preActivation?: boolean;
  /** A recurrent layer's initial state ([h] or [h, c]). */
  initialState?: Tensor[];
}

export interface ResolvedCallOptions {
  training: boolean;
  preActivation: boolean;
}

export interface LayerWeight {
  /** The name within the layer: 'kernel', 'bias', 'movingMean', … */
  readonly name: string;
  /** The name within a model, `<layer>/<weight>`: the key in weights.safetensors. */
  readonly path: string;
  readonly variable: Variable;
  /** Whether the weight learns at all (false for running statistics). */
  readonly learnable: boolean;
  readonly regularizer?: Regularizer;
  readonly constraint?: Constraint;
}

export interface AddWeightOptions {
  initializer: Initializer | ((shape: number[], dtype: DType) => Tensor);
  learnable?: boolean;
  regularizer?: Regularizer;
  constraint?: Constraint;
  dtype?: DType;
}

function checkArgs(op: string, args: LayerArgs, extraKeys: readonly string[]): void {
  if (typeof args !== 'object' || args === null)
    throw tl.invalidArgument(op, 'args', 'an object', args);
  const allowed = new Set(['name', 'trainable', 'inputShape', ...extraKeys]);
  for (const key of Object.keys(args)) {
    if (!allowed.has(key)) {
      throw new tl.ValueError(op, `unknown option '${key}' (accepted: ${[...allowed].join(', ')})`);
    }
  }
  if (args.name !== undefined && (typeof args.name !== 'string' || args.name === '')) {
    throw tl.invalidArgument(op, 'name', 'a non-empty string', args.name);
  }
  if (args.trainable !== undefined && typeof args.trainable !== 'boolean') {
    throw tl.invalidArgument(op, 'trainable', 'a boolean', args.trainable);
  }
  if (
    args.inputShape !== undefined &&
    (!Array.isArray(args.inputShape) ||
      args.inputShape.some((d) => d !== null && (!Number.isInteger(d) || d < 1)))
  ) {
    throw tl.invalidArgument(
      op,
      'inputShape',
      'an array of positive integers (or null)',
      args.inputShape,
    );
  }
}

export abstract class Layer {
  /** The registry key and summary type, e.g. 'Dense'. */
  abstract readonly className: string;
  readonly name: string;
  /** The input shape without the batch axis, when given. */
  readonly inputShape?: readonly (number | null)[];
  private trainableFlag: boolean;
  private readonly weightList: LayerWeight[] = [];
  private builtShapes: SymbolicShape[] | null = null;

  /**
   * @param op the factory name (for messages and the default layer name)
   * @param extraKeys the option keys the layer accepts besides name, trainable and inputShape
   */
  protected constructor(op: string, args: LayerArgs, extraKeys: readonly string[]) {
    checkArgs(op, args, extraKeys);
    this.name = args.name ?? uniqueLayerName(op);
    this.trainableFlag = args.trainable ?? true;
    if (args.inputShape !== undefined) this.inputShape = [...args.inputShape];
  }

  // ---- subclass hooks -------------------------------------------------------------------------

  /** Creates the weights for these input shapes (batch axis included, as null). */
  protected build(_inputShapes: SymbolicShape[]): void {}

  /** The output shapes for these input shapes. */
  abstract computeOutputShapes(inputShapes: SymbolicShape[]): SymbolicShape[];

  /** The forward computation (inside a tidy scope). */
  protected abstract forward(inputs: Tensor[], options: ResolvedCallOptions): Tensor[];

  /** The layer's own options as JSON (name, trainable and inputShape are added by getConfig). */
  protected abstract options(): LayerConfig;

  /** How many inputs the layer takes: [min, max]. */
  protected inputArity(): [number, number] {
    return [1, 1];
  }

  /** The output activation (dense, conv2d, activation layers), for softmax/cross-entropy fusion. */
  get activation(): string | undefined {
    return undefined;
  }

  /** The dtype the layer expects as input (a Sequential model's input takes it); float32. */
  get inputDtype(): DType {
    return 'float32';
  }

  /** Axes (besides the batch axis) whose size may change between calls, e.g. an RNN's time axis. */
  protected flexibleAxes(_shape: SymbolicShape): number[] {
    return [];
  }

  // ---- weights ------------------------------------------------------------------------------

  get trainable(): boolean {
    return this.trainableFlag;
  }

  /** Freezing a layer takes it out of the optimizer at the next `fit` (and BN runs in inference). */
  set trainable(value: boolean) {
    if (typeof value !== 'boolean')
      throw tl.invalidArgument(this.name, 'trainable', 'a boolean', value);
    this.trainableFlag = value;
    for (const w of this.weightList) w.variable.trainable = value && w.learnable;
  }

  get built(): boolean {
    return this.builtShapes !== null;
  }

  /** Every weight, in creation order (Keras's order: kernel, bias; gamma, beta, moving stats). */
  get weights(): readonly LayerWeight[] {
    return this.weightList;
  }

  get trainableWeights(): LayerWeight[] {
    return this.weightList.filter((w) => w.variable.trainable);
  }

  get nonTrainableWeights(): LayerWeight[] {
    return this.weightList.filter((w) => !w.variable.trainable);
  }

  protected addWeight(name: string, shape: number[], options: AddWeightOptions): Variable {
    const learnable = options.learnable ?? true;
    const initial = options.initializer(shape, options.dtype ?? 'float32');
    const variable = makeVariable(initial, `${this.name}/${name}`, this.trainableFlag && learnable);
    initial.dispose();
    this.weightList.push({
      name,
      path: `${this.name}/${name}`,
      variable,
      learnable,
      regularizer: options.regularizer,
      constraint: options.constraint,
    });
    return variable;
  }

  /** Copies of the weight values, in `weights` order (dispose them when done). */
  getWeights(): Tensor[] {
    return this.weightList.map((w) => tl.clone(w.variable));
  }

  /** Assigns new values, in `weights` order; shapes must match exactly. */
  setWeights(values: readonly Tensor[]): void {
    const op = `${this.name}.setWeights`;
    if (!Array.isArray(values) || values.length !== this.weightList.length) {
      throw new tl.ValueError(
        op,
        `expected ${this.weightList.length} tensors (${this.weightList.map((w) => w.name).join(', ') || 'none'}), got ${Array.isArray(values) ? values.length : typeof values}`,
      );
    }
    values.forEach((v, i) => checkWeightValue(op, this.weightList[i], v));
    values.forEach((v, i) => this.weightList[i].variable.assign(v));
  }

  countParams(): number {
    return this.weightList.reduce((n, w) => n + w.variable.size, 0);
  }

  /** The sum of the penalties on this layer's trainable weights, or null when there are none. */
  regularizationLoss(): Tensor | null {
    const terms = this.weightList
      .filter((w) => w.regularizer !== undefined && w.variable.trainable)
      .map((w) => (w.regularizer as Regularizer)(w.variable));
    if (terms.length === 0) return null;
    return terms.reduce((a, b) => tl.add(a, b));
  }

  /** Projects every constrained trainable weight (after an optimizer step). */
  applyConstraints(): void {
    for (const w of this.weightList) {
      if (w.constraint === undefined || !w.variable.trainable) continue;
      const projected = tl.tidy(() => (w.constraint as Constraint)(w.variable));
      if (projected !== w.variable) {
        checkWeightValue(`${this.name} constraint`, w, projected);
        w.variable.assign(projected);
        projected.dispose();
      }
    }
  }

  /** Frees the weights; the layer cannot be used afterwards. */
  dispose(): void {
    for (const w of this.weightList) w.variable.dispose();
  }

  // ---- calling ------------------------------------------------------------------------------

  /**
   * On tensors: builds the layer on first use and computes (eager mode); intermediates are freed.
   * On symbolic tensors: records a node of the functional graph. A layer with several outputs
   * (an RNN with `returnState`) needs `applyMulti`.
   */
  apply(inputs: Tensor | Tensor[], options?: CallOptions): Tensor;
  apply(inputs: SymbolicTensor | SymbolicTensor[], options?: CallOptions): SymbolicTensor;
  apply(
    inputs: Tensor | Tensor[] | SymbolicTensor | SymbolicTensor[],
    options: CallOptions = {},
  ): Tensor | SymbolicTensor {
    const out = this.applyMulti(inputs as Tensor[], options);
    if (out.length !== 1) {
      throw new tl.ValueError(
        this.name,
        `has ${out.length} outputs; call applyMulti() to get all of them`,
      );
    }
    return out[0];
  }

  /** `apply` for layers with several outputs: always returns the list. */
  applyMulti(inputs: Tensor | Tensor[], options?: CallOptions): Tensor[];
  applyMulti(inputs: SymbolicTensor | SymbolicTensor[], options?: CallOptions): SymbolicTensor[];
  applyMulti(
    inputs: Tensor | Tensor[] | SymbolicTensor | SymbolicTensor[],
    options: CallOptions = {},
  ): Tensor[] | SymbolicTensor[] {
    const list: unknown[] = Array.isArray(inputs) ? [...inputs] : [inputs];
    if (options.initialState !== undefined) list.push(...options.initialState);
    if (list.length > 0 && list.every(isSymbolic)) {
      return this.applySymbolic(list as SymbolicTensor[]);
    }
    if (list.length > 0 && list.every((t) => t instanceof tl.Tensor)) {
      return this.call(list as Tensor[], resolveCallOptions(options));
    }
    throw tl.invalidArgument(
      this.name,
      'inputs',
      'tensors or symbolic tensors (not a mix)',
      inputs,
    );
  }

  /** Records this layer's node in a functional graph. */
  private applySymbolic(inputs: SymbolicTensor[]): SymbolicTensor[] {
    const shapes = inputs.map((t) => t.shape);
    this.ensureBuilt(shapes);
    return new Node(this, inputs, this.computeOutputShapes(shapes), 'float32').outputs;
  }

  /** Eager forward pass on concrete tensors (what models call node by node). */
  call(inputs: Tensor[], options: ResolvedCallOptions): Tensor[] {
    inputs.forEach((t, i) => t.assertUsable(this.name, `inputs[${i}]`));
    this.ensureBuilt(inputs.map((t) => [null, ...t.shape.slice(1)]));
    return tl.tidy(() => this.forward(inputs, options));
  }

  /** Builds on the first call; checks later calls against the built shapes. */
  ensureBuilt(shapes: SymbolicShape[]): void {
    const [lo, hi] = this.inputArity();
    if (shapes.length < lo || shapes.length > hi) {
      throw new tl.ValueError(
        this.name,
        `expects ${lo === hi ? lo : `${lo} to ${hi}`} input${hi === 1 ? '' : 's'}, got ${shapes.length}`,
      );
    }
    if (this.builtShapes === null) {
      const flexible = this.flexibleAxes(shapes[0]);
      const normalized = shapes.map((s, i) =>
        i === 0
          ? s.map((d, axis) => (axis === 0 || flexible.includes(axis) ? null : d))
          : [null, ...s.slice(1)],
      );
      this.build(normalized);
      this.builtShapes = normalized;
      return;
    }
    shapes.forEach((shape, i) => {
      const expected = this.builtShapes?.[i];
      if (expected === undefined) return;
      const mismatch =
        shape.length !== expected.length ||
        shape.some((d, axis) => expected[axis] !== null && d !== null && d !== expected[axis]);
      if (mismatch) {
        throw new tl.ShapeError(
          this.name,
          `input ${i} has shape ${formatSymbolicShape(shape)}, but the layer was built for ${formatSymbolicShape(expected)}`,
        );
      }
    });
  }

  /** The input shapes the layer was built for (batch axis null), or null before building. */
  get builtInputShapes(): readonly SymbolicShape[] | null {
    return this.builtShapes;
  }

  // ---- config -------------------------------------------------------------------------------

  /** `{name, trainable, inputShape?, ...options}`: `layerFromConfig` rebuilds the layer from it. */
  getConfig(): LayerConfig {
    const config: LayerConfig = { name: this.name, trainable: this.trainable };
    if (this.inputShape !== undefined) config.inputShape = [...this.inputShape];
    return { ...config, ...this.options() };
  }

  /** The saved form of a penalty or constraint option. */
  protected serialized(arg: string, fn: Regularizer | Constraint | undefined) {
    return serializeWeightFunction(this.name, arg, fn);
  }

  toString(): string {
    return `${this.className}(${this.name})`;
  }
}

/** A layer with one input and one output. */
export abstract class SimpleLayer extends Layer {
  protected abstract forwardOne(x: Tensor, options: ResolvedCallOptions): Tensor;
  protected abstract outputShape(inputShape: SymbolicShape): SymbolicShape;
  protected buildOne(_inputShape: SymbolicShape): void {}

  computeOutputShapes(inputShapes: SymbolicShape[]): SymbolicShape[] {
    return [this.outputShape(inputShapes[0])];
  }

  protected override build(inputShapes: SymbolicShape[]): void {
    this.buildOne(inputShapes[0]);
  }

  protected forward(inputs: Tensor[], options: ResolvedCallOptions): Tensor[] {
    return [this.forwardOne(inputs[0], options)];
  }
}

export function resolveCallOptions(options: CallOptions): ResolvedCallOptions {
  if (typeof options !== 'object' || options === null) {
    throw tl.invalidArgument('apply', 'options', 'an object', options);
  }
  const training = options.training ?? false;
  if (typeof training !== 'boolean')
    throw tl.invalidArgument('apply', 'training', 'a boolean', training);
  return { training, preActivation: options.preActivation ?? false };
}

function checkWeightValue(op: string, weight: LayerWeight, value: Tensor): void {
  if (!(value instanceof tl.Tensor)) throw tl.invalidArgument(op, weight.name, 'a tensor', value);
  value.assertUsable(op, weight.name);
  if (
    !tl.shapesEqual(value.shape, weight.variable.shape) ||
    value.dtype !== weight.variable.dtype
  ) {
    throw new tl.ShapeError(
      op,
      `'${weight.path}' must be ${tl.formatShape(weight.variable.shape)} ${weight.variable.dtype}, got ${tl.formatShape(value.shape)} ${value.dtype}`,
    );
  }
}
