// A model: a graph of layers with its weights, the training configuration set by `compile`, and
// the user-facing methods (apply, predict, fit, evaluate, summary, save). The training and
// evaluation loops, the summary and the save format live in their own files.
import type { Tensor, Variable } from '@tensile/core';
import * as tl from '@tensile/core';
import type { InputLayer } from '../layers/input.js';
import type { Layer, LayerWeight } from '../layers/layer.js';
import type { SymbolicTensor } from '../layers/symbolic.js';
import type { LossFunction } from '../losses/loss.js';
import type { CompileArgs, Compiled } from './compile.js';
import { compileArgs } from './compile.js';
import type { EvaluateArgs, PredictArgs } from './evaluation.js';
import { evaluateModel, predictModel } from './evaluation.js';
import type { Graph } from './graph.js';
import { execute } from './graph.js';
import { TrainingOptimizer } from './optimizer.js';
import { summarize } from './summary.js';
import type { FitArgs, History } from './training.js';
import { fitModel } from './training.js';
import type { SaveOptions } from '../io/save.js';
import { saveModel } from '../io/save.js';

/** What `toJSON()` writes into model.json's "model" entry. */
export interface ModelTopology {
  className: 'Sequential' | 'Functional';
  config: Record<string, unknown>;
}

export abstract class LayersModel {
  readonly name: string;
  /** Set by a callback to end `fit` after the current batch. */
  stopTraining = false;
  private compiledValue: Compiled | null = null;
  private optimizerValue: TrainingOptimizer | null = null;

  protected constructor(name: string) {
    this.name = name;
  }

  // ---- structure ----------------------------------------------------------------------------

  /** The graph, built (a Sequential model without an input shape builds on first data). */
  protected abstract get graph(): Graph | null;

  /** Builds the graph for these inputs if it is not built yet (Sequential). */
  protected abstract buildFor(inputs: readonly Tensor[]): void;

  abstract toJSON(): ModelTopology;

  get built(): boolean {
    return this.graph !== null;
  }

  protected requireGraph(op: string): Graph {
    const g = this.graph;
    if (g === null) {
      throw new tl.ValueError(
        op,
        `the model '${this.name}' is not built: give the first layer an inputShape, or call it on data first`,
      );
    }
    return g;
  }

  /** The layers, in order. */
  get layers(): readonly Layer[] {
    return this.graph?.layers ?? [];
  }

  get inputs(): readonly SymbolicTensor[] {
    return this.requireGraph('inputs').inputs;
  }

  get outputs(): readonly SymbolicTensor[] {
    return this.requireGraph('outputs').outputs;
  }

  /** The layer whose output is the model's (first) output. */
  get outputLayer(): Layer | undefined {
    return this.graph?.outputs[0].node.layer;
  }

  getLayer(name: string): Layer {
    const layer = this.layers.find((l) => l.name === name);
    if (layer === undefined) {
      throw new tl.ValueError(
        'getLayer',
        `no layer named '${name}'; layers: ${this.layers.map((l) => l.name).join(', ')}`,
      );
    }
    return layer;
  }

  // ---- weights ------------------------------------------------------------------------------

  /** Every weight of every layer, in layer order (the order of getWeights and the saved file). */
  get weights(): LayerWeight[] {
    return this.layers.flatMap((l) => [...l.weights]);
  }

  get trainableWeights(): LayerWeight[] {
    return this.weights.filter((w) => w.variable.trainable);
  }

  get nonTrainableWeights(): LayerWeight[] {
    return this.weights.filter((w) => !w.variable.trainable);
  }

  /** Weights keyed by path (`dense/kernel`). */
  namedVariables(trainableOnly = false): Record<string, Variable> {
    const out: Record<string, Variable> = {};
    for (const w of trainableOnly ? this.trainableWeights : this.weights) out[w.path] = w.variable;
    return out;
  }

  /** Copies of every weight's value, in `weights` order (dispose them when done). */
  getWeights(): Tensor[] {
    return this.weights.map((w) => tl.clone(w.variable));
  }

  /** Assigns every weight, in `weights` order; shapes and dtypes must match. */
  setWeights(values: readonly Tensor[]): void {
    const weights = this.weights;
    if (!Array.isArray(values) || values.length !== weights.length) {
      throw new tl.ValueError(
        'setWeights',
        `the model has ${weights.length} weights, got ${Array.isArray(values) ? values.length : tl.describeValue(values)}`,
      );
    }
    let offset = 0;
    for (const layer of this.layers) {
      const n = layer.weights.length;
      if (n > 0) layer.setWeights(values.slice(offset, offset + n));
      offset += n;
    }
  }

  countParams(): number {
    return this.layers.reduce((n, l) => n + l.countParams(), 0);
  }

  // ---- inference ----------------------------------------------------------------------------

  /** The model's output for `x` (one tensor per input), in inference mode unless `training`. */
  apply(x: Tensor | Tensor[], options: { training?: boolean } = {}): Tensor {
    const outputs = this.applyMulti(x, options);
    if (outputs.length !== 1) {
      tl.dispose(outputs);
      throw new tl.ValueError('apply', `the model has ${outputs.length} outputs; use applyMulti()`);
    }
    return outputs[0];
  }

  applyMulti(x: Tensor | Tensor[], options: { training?: boolean } = {}): Tensor[] {
    const feeds = this.feedsFor('apply', x);
    const graph = this.requireGraph('apply');
    return tl.tidy(() =>
      execute(graph, feeds, { training: options.training ?? false, preActivation: false }),
    );
  }

  /** Checks the inputs against the model's and returns them as a list (building if needed). */
  feedsFor(op: string, x: Tensor | readonly Tensor[]): Tensor[] {
    const feeds = Array.isArray(x) ? [...x] : [x as Tensor];
    feeds.forEach((t, i) => {
      if (!(t instanceof tl.Tensor))
        throw tl.invalidArgument(op, feeds.length > 1 ? `x[${i}]` : 'x', 'a tensor', t);
      t.assertUsable(op, 'x');
    });
    if (!this.built) this.buildFor(feeds);
    const graph = this.requireGraph(op);
    if (feeds.length !== graph.inputs.length) {
      throw new tl.ValueError(
        op,
        `the model has ${graph.inputs.length} input(s), got ${feeds.length} tensor(s)`,
      );
    }
    graph.inputs.forEach((s, i) => (s.node.layer as InputLayer).checkFeed(op, feeds[i]));
    return feeds;
  }

  /** Predictions for `x` in batches (inference mode); one tensor, owned by the caller. */
  predict(x: Tensor | Tensor[], args: PredictArgs = {}): Tensor {
    const feeds = this.feedsFor('predict', x);
    return predictModel(this.requireGraph('predict'), feeds, args);
  }

  // ---- training -----------------------------------------------------------------------------

  /**
   * Sets the optimizer, loss and metrics. The optimizer state is made now when the model is built
   * (so `fit` leaves `memory().numTensors` unchanged), else at the first `fit`.
   */
  compile(args: CompileArgs, customLosses?: Readonly<Record<string, LossFunction>>): void {
    const compiled = compileArgs(args, this.outputLayerForCompile(), customLosses);
    this.optimizerValue?.dispose();
    this.optimizerValue = null;
    this.compiledValue = compiled;
    if (this.built) this.syncOptimizer();
  }

  /** The output layer, known before building for a Sequential model. */
  protected outputLayerForCompile(): Layer | undefined {
    return this.outputLayer;
  }

  get isCompiled(): boolean {
    return this.compiledValue !== null;
  }

  /** The compiled configuration (throws before `compile`). */
  compiled(op: string): Compiled {
    if (this.compiledValue === null) {
      throw new tl.ValueError(
        op,
        `the model '${this.name}' must be compiled first: model.compile({optimizer, loss, metrics})`,
      );
    }
    return this.compiledValue;
  }

  /** The optimizer bound to the current trainable weights (null before compile and build). */
  get optimizer(): TrainingOptimizer | null {
    return this.optimizerValue;
  }

  /**
   * Makes sure the optimizer covers exactly the trainable weights; freezing or unfreezing layers
   * between fits starts a fresh optimizer state (Keras asks for a new compile instead).
   */
  syncOptimizer(): TrainingOptimizer {
    const compiled = this.compiled('fit');
    const variables = this.namedVariables(true);
    const names = Object.keys(variables);
    const current = this.optimizerValue;
    if (
      current !== null &&
      current.names.length === names.length &&
      current.names.every((n, i) => n === names[i])
    ) {
      return current;
    }
    const transformation = current?.transformation ?? compiled.transformation;
    current?.dispose();
    this.optimizerValue = new TrainingOptimizer(transformation, variables);
    return this.optimizerValue;
  }

  /** Trains the model; resolves to the history of the epoch logs. */
  fit(x: Tensor | Tensor[], y: Tensor, args: FitArgs = {}): Promise<History> {
    return fitModel(this, x, y, args);
  }

  /** `{loss, ...metrics}` over the whole data set (inference mode). */
  evaluate(
    x: Tensor | Tensor[],
    y: Tensor,
    args: EvaluateArgs = {},
  ): Promise<Record<string, number>> {
    return evaluateModel(this, x, y, args);
  }

  /** Training and evaluation work on models with one output (the loss compares one target). */
  requireSingleOutput(op: string): void {
    const n = this.graph?.outputs.length ?? 1;
    if (n !== 1) {
      throw new tl.ValueError(
        op,
        `the model has ${n} outputs; ${op} supports models with one output`,
      );
    }
  }

  /** Runs the graph (training loop internals). */
  run(feeds: readonly Tensor[], training: boolean, preActivation: boolean): Tensor[] {
    return execute(this.requireGraph('run'), feeds, { training, preActivation });
  }

  // ---- description and persistence ----------------------------------------------------------

  /** Keras's table of layers, output shapes and parameter counts; printed unless printFn is null. */
  summary(printFn: ((line: string) => void) | null = console.log): string {
    const text = summarize(this);
    if (printFn !== null) printFn(text);
    return text;
  }

  /**
   * Writes `model.json`, `weights.safetensors` and (when compiled) `optimizer.safetensors` into
   * the directory `path` (a plain path or a file:// URL), each atomically.
   */
  save(path: string, options: SaveOptions = {}): Promise<void> {
    return saveModel(this, path, options);
  }

  /** Frees every weight and the optimizer state. */
  dispose(): void {
    this.optimizerValue?.dispose();
    this.optimizerValue = null;
    for (const layer of this.layers) layer.dispose();
  }
}
