// The symbolic side of the functional API: a layer applied to `SymbolicTensor`s records a `Node`
// (layer, inputs, outputs) instead of computing, and a model is the graph between its inputs and
// outputs. Shapes carry `null` for the batch axis (and any other unknown size).
import type { DType } from '@tensile/core';
import type { Layer } from './layer.js';

/** A shape with `null` for sizes not known before data arrives (the batch axis). */
export type SymbolicShape = readonly (number | null)[];

let nextSymbolicId = 0;

export class SymbolicTensor {
  readonly id = nextSymbolicId++;
  constructor(
    readonly shape: SymbolicShape,
    readonly dtype: DType,
    /** The node that produces this tensor. */
    readonly node: Node,
    /** Which of the node's outputs this is. */
    readonly outputIndex: number,
  ) {}

  /** The layer that produces this tensor. */
  get sourceLayer(): Layer {
    return this.node.layer;
  }

  get rank(): number {
    return this.shape.length;
  }

  toString(): string {
    return `SymbolicTensor(${this.node.layer.name}, ${formatSymbolicShape(this.shape)})`;
  }
}

/** One application of a layer: its symbolic inputs and outputs. */
export class Node {
  readonly outputs: SymbolicTensor[];
  constructor(
    readonly layer: Layer,
    readonly inputs: readonly SymbolicTensor[],
    outputShapes: readonly SymbolicShape[],
    dtype: DType,
  ) {
    this.outputs = outputShapes.map((s, i) => new SymbolicTensor(s, dtype, this, i));
  }
}

/** `(None, 28, 28, 1)`, Keras's notation with None for unknown sizes. */
export function formatSymbolicShape(shape: SymbolicShape): string {
  const parts = shape.map((d) => (d === null ? 'None' : String(d)));
  return `(${parts.join(', ')}${parts.length === 1 ? ',' : ''})`;
}

export function isSymbolic(value: unknown): value is SymbolicTensor {
  return value instanceof SymbolicTensor;
}
