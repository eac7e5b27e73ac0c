// The entry point of a functional graph: `input({shape})` is a symbolic tensor of shape
// [null, ...shape] produced by an InputLayer.
import type { DType, Tensor } from '@tensile/core';
import * as tl from '@tensile/core';
import type { LayerConfig } from './layer.js';
import { Layer } from './layer.js';
import { uniqueLayerName } from './naming.js';
import type { SymbolicShape } from './symbolic.js';
import { Node, SymbolicTensor } from './symbolic.js';

export interface InputArgs {
  /** The shape without the batch axis; null for sizes that vary (a sequence's length). */
  shape: readonly (number | null)[];
  /** Default float32; int32 for embedding indices. */
  dtype?: DType;
  name?: string;
}

export class InputLayer extends Layer {
  readonly className = 'InputLayer';
  readonly dtype: DType;
  readonly shape: readonly (number | null)[];
  readonly output: SymbolicTensor;

  constructor(args: InputArgs) {
    const op = 'input';
    if (typeof args !== 'object' || args === null)
      throw tl.invalidArgument(op, 'args', 'an object', args);
    const { shape, dtype = 'float32' } = args;
    if (!Array.isArray(shape) || shape.some((d) => d !== null && (!Number.isInteger(d) || d < 1))) {
      throw tl.invalidArgument(op, 'shape', 'an array of positive integers (or null)', shape);
    }
    if (!['float32', 'float64', 'int32', 'bool'].includes(dtype)) {
      throw tl.invalidArgument(op, 'dtype', 'a dtype', dtype);
    }
    super(op, { name: args.name ?? uniqueLayerName('input') }, []);
    this.shape = [...shape];
    this.dtype = dtype;
    const node = new Node(this, [], [], dtype);
    this.output = new SymbolicTensor([null, ...shape], dtype, node, 0);
    node.outputs.push(this.output);
  }

  protected override inputArity(): [number, number] {
    return [0, 0];
  }

  computeOutputShapes(): SymbolicShape[] {
    return [[null, ...this.shape]];
  }

  protected forward(): Tensor[] {
    throw new tl.ValueError(this.name, 'an input layer is fed by the model, not called');
  }

  /** Checks a tensor fed to this input. */
  checkFeed(op: string, t: Tensor): void {
    const expected = [null, ...this.shape];
    const ok =
      t.rank === expected.length && expected.every((d, i) => d === null || d === t.shape[i]);
    if (!ok) {
      throw new tl.ShapeError(
        op,
        `input '${this.name}' expects shape ${tl.formatShape(expected.map((d) => d ?? -1))} (−1: any size), got ${tl.formatShape(t.shape)}`,
      );
    }
    if (t.dtype !== this.dtype) {
      throw new tl.DtypeError(op, `input '${this.name}' expects ${this.dtype}, got ${t.dtype}`);
    }
  }

  protected options(): LayerConfig {
    return { shape: [...this.shape], dtype: this.dtype };
  }
}

/** A symbolic input of the given shape (batch axis excluded), for `model({inputs, outputs})`. */
export function input(args: InputArgs): SymbolicTensor {
  return new InputLayer(args).output;
}
