// Sequential: a linear stack of single-input, single-output layers. It is a functional graph built
// from an input of the first layer's `inputShape`, or of the first data it sees.
import type { Tensor } from '@tensile/core';
import * as tl from '@tensile/core';
import { InputLayer, input } from '../layers/input.js';
import { Layer } from '../layers/layer.js';
import { layerFromConfig, serializeLayer } from '../layers/registry.js';
import type { SymbolicTensor } from '../layers/symbolic.js';
import type { Graph } from './graph.js';
import { buildGraph } from './graph.js';
import type { ModelTopology } from './model.js';
import { LayersModel } from './model.js';
import { uniqueLayerName } from '../layers/naming.js';

export interface SequentialArgs {
  name?: string;
}

export class Sequential extends LayersModel {
  private readonly stack: Layer[] = [];
  private graphValue: Graph | null = null;
  private inputDtype: tl.DType = 'float32';

  constructor(layerList: readonly Layer[] = [], args: SequentialArgs = {}) {
    super(args.name ?? uniqueLayerName('sequential'));
    if (!Array.isArray(layerList))
      throw tl.invalidArgument('sequential', 'layers', 'an array of layers', layerList);
    for (const layer of layerList) this.add(layer);
  }

  protected get graph(): Graph | null {
    return this.graphValue;
  }

  /** The layers without the implicit input layer. */
  override get layers(): readonly Layer[] {
    return this.stack;
  }

  protected override outputLayerForCompile(): Layer | undefined {
    return this.stack[this.stack.length - 1];
  }

  /** Appends a layer (building it at once when the input shape is known). */
  add(layer: Layer): void {
    if (!(layer instanceof Layer) || layer instanceof InputLayer) {
      throw tl.invalidArgument('Sequential.add', 'layer', 'a layer (not an input)', layer);
    }
    if (this.stack.some((l) => l.name === layer.name)) {
      throw new tl.ValueError(
        'Sequential.add',
        `the model already has a layer named '${layer.name}'`,
      );
    }
    if (this.stack.length > 0 && layer.inputShape !== undefined) {
      throw new tl.ValueError(
        'Sequential.add',
        `only the first layer may set inputShape ('${layer.name}' does)`,
      );
    }
    this.stack.push(layer);
    if (this.graphValue !== null) {
      this.graphValue = this.extend(this.graphValue.inputs[0], this.graphValue.outputs[0], [layer]);
    } else if (this.stack.length === 1 && layer.inputShape !== undefined) {
      this.buildWith([...layer.inputShape], layer.inputDtype);
    }
  }

  /** Builds the graph for inputs of shape [batch, ...shape]. */
  build(shape: readonly (number | null)[], dtype: tl.DType = 'float32'): void {
    if (this.graphValue !== null)
      throw new tl.ValueError('Sequential.build', 'the model is already built');
    this.buildWith(shape, dtype);
  }

  private buildWith(shape: readonly (number | null)[], dtype: tl.DType): void {
    if (this.stack.length === 0) throw new tl.ValueError('sequential', 'the model has no layers');
    const x = input({ shape, dtype, name: `${this.name}_input` });
    this.inputDtype = dtype;
    this.graphValue = this.extend(x, x, this.stack);
  }

  private extend(x: SymbolicTensor, from: SymbolicTensor, layers: readonly Layer[]): Graph {
    let out = from;
    for (const layer of layers) {
      const outputs = layer.applyMulti(out);
      if (outputs.length !== 1) {
        throw new tl.ValueError(
          'sequential',
          `layer '${layer.name}' has ${outputs.length} outputs; a Sequential model needs single-output layers (use the functional API)`,
        );
      }
      out = outputs[0];
    }
    return buildGraph('sequential', [x], [out]);
  }

  protected buildFor(inputs: readonly Tensor[]): void {
    if (inputs.length !== 1) {
      throw new tl.ValueError(
        'sequential',
        `a Sequential model has one input, got ${inputs.length} tensors`,
      );
    }
    this.buildWith(inputs[0].shape.slice(1), inputs[0].dtype);
  }

  toJSON(): ModelTopology {
    const first = this.graphValue?.inputs[0];
    return {
      className: 'Sequential',
      config: {
        name: this.name,
        layers: this.stack.map(serializeLayer),
        buildInputShape: first === undefined ? null : first.shape.slice(1),
        inputDtype: this.inputDtype,
      },
    };
  }

  /** Rebuilds a Sequential model from `toJSON()`'s output. */
  static fromConfig(config: Record<string, unknown>): Sequential {
    const layersConfig = config.layers;
    if (!Array.isArray(layersConfig)) {
      throw new tl.FormatError('loadModel', 'model.json: a Sequential model needs a layers list');
    }
    const model = new Sequential([], {
      name: typeof config.name === 'string' ? config.name : undefined,
    });
    try {
      for (const entry of layersConfig) model.add(layerFromConfig(entry));
      const shape = config.buildInputShape;
      if (!model.built && Array.isArray(shape)) {
        model.build(
          shape as (number | null)[],
          (config.inputDtype as tl.DType | undefined) ?? 'float32',
        );
      }
    } catch (error) {
      // Layers made before the failing entry already hold weights.
      model.dispose();
      throw error;
    }
    return model;
  }
}

/** A linear stack of layers (Keras `Sequential`). */
export function sequential(layers: readonly Layer[] = [], args: SequentialArgs = {}): Sequential {
  return new Sequential(layers, args);
}
