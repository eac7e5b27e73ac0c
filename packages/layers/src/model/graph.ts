// A functional graph: the nodes between a model's symbolic inputs and outputs in topological
// order, how to run them on concrete tensors, and how to write and rebuild them for model.json.
import type { Tensor } from '@tensile/core';
import * as tl from '@tensile/core';
import { InputLayer } from '../layers/input.js';
import type { Layer } from '../layers/layer.js';
import type { SerializedLayer } from '../layers/registry.js';
import { layerFromConfig, serializeLayer } from '../layers/registry.js';
import type { Node, SymbolicTensor } from '../layers/symbolic.js';

export interface Graph {
  readonly inputs: readonly SymbolicTensor[];
  readonly outputs: readonly SymbolicTensor[];
  /** Every node, inputs' nodes first, in an order where a node follows its inputs' nodes. */
  readonly nodes: readonly Node[];
  /** Every layer once, in the order of its first node. */
  readonly layers: readonly Layer[];
}

/** Collects the graph between inputs and outputs, checking that the outputs depend on nothing else. */
export function buildGraph(
  op: string,
  inputs: readonly SymbolicTensor[],
  outputs: readonly SymbolicTensor[],
): Graph {
  if (inputs.length === 0) throw new tl.ValueError(op, 'a model needs at least one input');
  if (outputs.length === 0) throw new tl.ValueError(op, 'a model needs at least one output');
  const inputNodes = new Set<Node>();
  inputs.forEach((t, i) => {
    if (!(t.node.layer instanceof InputLayer)) {
      throw new tl.ValueError(
        op,
        `inputs[${i}] must come from input({shape}), got ${t.toString()}`,
      );
    }
    if (inputNodes.has(t.node)) throw new tl.ValueError(op, `inputs[${i}] is listed twice`);
    inputNodes.add(t.node);
  });
  const ordered: Node[] = [...inputNodes];
  const state = new Map<Node, 'visiting' | 'done'>();
  for (const n of inputNodes) state.set(n, 'done');
  const visit = (node: Node): void => {
    const seen = state.get(node);
    if (seen === 'done') return;
    if (seen === 'visiting')
      throw new tl.ValueError(op, `the graph has a cycle through '${node.layer.name}'`);
    if (node.layer instanceof InputLayer) {
      throw new tl.ValueError(
        op,
        `the outputs depend on input '${node.layer.name}', which is not among the model's inputs`,
      );
    }
    state.set(node, 'visiting');
    for (const t of node.inputs) visit(t.node);
    state.set(node, 'done');
    ordered.push(node);
  };
  for (const t of outputs) visit(t.node);
  const layers: Layer[] = [];
  for (const node of ordered) if (!layers.includes(node.layer)) layers.push(node.layer);
  const names = new Set<string>();
  for (const layer of layers) {
    if (names.has(layer.name)) {
      throw new tl.ValueError(
        op,
        `two layers are named '${layer.name}'; layer names must be unique within a model`,
      );
    }
    names.add(layer.name);
  }
  return { inputs: [...inputs], outputs: [...outputs], nodes: ordered, layers };
}

export interface ExecuteOptions {
  training: boolean;
  /** Run the first output's layer without its activation (the loss applies it, from logits). */
  preActivation: boolean;
}

/** Runs the graph on concrete tensors (call inside tidy: intermediates stay until it ends). */
export function execute(graph: Graph, feeds: readonly Tensor[], options: ExecuteOptions): Tensor[] {
  const values = new Map<number, Tensor>();
  graph.inputs.forEach((s, i) => values.set(s.id, feeds[i]));
  const logitsNode = options.preActivation ? graph.outputs[0].node : undefined;
  for (const node of graph.nodes) {
    if (node.layer instanceof InputLayer) continue;
    const inputs = node.inputs.map((s) => values.get(s.id) as Tensor);
    const outputs = node.layer.call(inputs, {
      training: options.training,
      preActivation: node === logitsNode,
    });
    node.outputs.forEach((s, j) => values.set(s.id, outputs[j]));
  }
  return graph.outputs.map((s) => values.get(s.id) as Tensor);
}

/** A node as model.json stores it: the layer's name and, per input, [node index, output index]. */
export interface SerializedNode {
  layer: string;
  inputs: [number, number][];
}

export interface SerializedGraph {
  layers: SerializedLayer[];
  nodes: SerializedNode[];
  inputs: number[];
  outputs: [number, number][];
}

export function serializeGraph(graph: Graph): SerializedGraph {
  const index = new Map<Node, number>(graph.nodes.map((n, i) => [n, i]));
  const ref = (t: SymbolicTensor): [number, number] => [index.get(t.node) as number, t.outputIndex];
  return {
    layers: graph.layers.map(serializeLayer),
    nodes: graph.nodes.map((n) => ({ layer: n.layer.name, inputs: n.inputs.map(ref) })),
    inputs: graph.inputs.map((t) => index.get(t.node) as number),
    outputs: graph.outputs.map(ref),
  };
}

/** Rebuilds layers and nodes from `serializeGraph`'s output. */
export function deserializeGraph(op: string, saved: SerializedGraph): Graph {
  const bad = (what: string): never => {
    throw new tl.FormatError(op, `model.json: ${what}`);
  };
  if (!Array.isArray(saved?.layers) || !Array.isArray(saved.nodes))
    bad('the graph needs layers and nodes lists');
  if (!Array.isArray(saved.inputs) || !Array.isArray(saved.outputs))
    bad('the graph needs inputs and outputs lists');
  const layers = new Map<string, Layer>();
  try {
    return rebuild(op, saved, layers, bad);
  } catch (error) {
    for (const layer of layers.values()) layer.dispose();
    throw error;
  }
}

function rebuild(
  op: string,
  saved: SerializedGraph,
  layers: Map<string, Layer>,
  bad: (what: string) => never,
): Graph {
  for (const entry of saved.layers) {
    const layer = layerFromConfig(entry);
    if (layers.has(layer.name)) bad(`two layers are named '${layer.name}'`);
    layers.set(layer.name, layer);
  }
  const produced: SymbolicTensor[][] = [];
  saved.nodes.forEach((entry, i) => {
    const layer = layers.get(entry?.layer);
    if (layer === undefined)
      bad(`node ${i} names an unknown layer ${tl.describeValue(entry?.layer)}`);
    const l = layer as Layer;
    if (l instanceof InputLayer) {
      produced.push([l.output]);
      return;
    }
    if (!Array.isArray(entry.inputs)) bad(`node ${i} has no inputs list`);
    const inputs = entry.inputs.map((r) => {
      const t = Array.isArray(r) ? produced[r[0]]?.[r[1]] : undefined;
      if (t === undefined)
        bad(`node ${i} refers to a tensor ${tl.describeValue(r)} not produced before it`);
      return t as SymbolicTensor;
    });
    produced.push(l.applyMulti(inputs));
  });
  const pick = (r: unknown): SymbolicTensor => {
    const t = Array.isArray(r) ? produced[r[0] as number]?.[r[1] as number] : undefined;
    return t ?? bad(`an output refers to a missing tensor ${tl.describeValue(r)}`);
  };
  const inputs = saved.inputs.map((n) => pick([n, 0]));
  const outputs = saved.outputs.map(pick);
  return buildGraph(op, inputs, outputs);
}
