// The functional API: `model({inputs, outputs})` over symbolic tensors made by `input()` and
// `layer.apply()`, for graphs with branches and merges such as residual blocks.
import type { Tensor } from '@tensile/core';
import * as tl from '@tensile/core';
import { uniqueLayerName } from '../layers/naming.js';
import type { SymbolicTensor } from '../layers/symbolic.js';
import type { Graph, SerializedGraph } from './graph.js';
import { buildGraph, deserializeGraph, serializeGraph } from './graph.js';
import type { ModelTopology } from './model.js';
import { LayersModel } from './model.js';

export interface ModelArgs {
  inputs: SymbolicTensor | SymbolicTensor[];
  outputs: SymbolicTensor | SymbolicTensor[];
  name?: string;
}

export class Functional extends LayersModel {
  private readonly graphValue: Graph;

  constructor(graph: Graph, name?: string) {
    super(name ?? uniqueLayerName('model'));
    this.graphValue = graph;
  }

  protected get graph(): Graph {
    return this.graphValue;
  }

  protected buildFor(_inputs: readonly Tensor[]): void {}

  toJSON(): ModelTopology {
    return {
      className: 'Functional',
      config: { name: this.name, ...serializeGraph(this.graphValue) },
    };
  }

  static fromConfig(config: Record<string, unknown>): Functional {
    const graph = deserializeGraph('loadModel', config as unknown as SerializedGraph);
    return new Functional(graph, typeof config.name === 'string' ? config.name : undefined);
  }
}

/** A model from the graph between symbolic `inputs` and `outputs` (Keras `Model(inputs, outputs)`). */
export function model(args: ModelArgs): Functional {
  if (typeof args !== 'object' || args === null)
    throw tl.invalidArgument('model', 'args', '{inputs, outputs}', args);
  const list = (v: SymbolicTensor | SymbolicTensor[]) => (Array.isArray(v) ? v : [v]);
  return new Functional(buildGraph('model', list(args.inputs), list(args.outputs)), args.name);
}
