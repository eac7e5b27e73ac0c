// Embedding: rows of a [inputDim, outputDim] table looked up by int32 indices (torch
// `F.embedding`); the table's gradient accumulates repeated indices (scatter-add).
import type { DType, Tensor, Variable } from '@tensile/core';
import * as tl from '@tensile/core';
import type { Initializer, InitializerSpec } from '../initializers.js';
import { getInitializer, randomUniform } from '../initializers.js';
import type { Constraint, ConstraintSpec, Regularizer, RegularizerSpec } from '../regularizers.js';
import { resolveConstraint, resolveRegularizer } from '../regularizers.js';
import type { LayerArgs, LayerConfig } from './layer.js';
import { SimpleLayer } from './layer.js';
import type { SymbolicShape } from './symbolic.js';

export interface EmbeddingArgs extends LayerArgs {
  /** The vocabulary size: indices lie in [0, inputDim). */
  inputDim: number;
  outputDim: number;
  /** Default U(−0.05, 0.05) (Keras). */
  embeddingsInitializer?: InitializerSpec;
  embeddingsRegularizer?: RegularizerSpec;
  embeddingsConstraint?: ConstraintSpec;
}

export class Embedding extends SimpleLayer {
  readonly className = 'Embedding';
  readonly inputDim: number;
  readonly outputDim: number;
  private readonly initializer: Initializer;
  private readonly regularizer?: Regularizer;
  private readonly constraint?: Constraint;
  embeddings?: Variable;

  constructor(args: EmbeddingArgs) {
    const op = 'embedding';
    super(op, args, [
      'inputDim',
      'outputDim',
      'embeddingsInitializer',
      'embeddingsRegularizer',
      'embeddingsConstraint',
    ]);
    for (const key of ['inputDim', 'outputDim'] as const) {
      if (!Number.isInteger(args[key]) || args[key] < 1) {
        throw tl.invalidArgument(op, key, 'a positive integer', args[key]);
      }
    }
    this.inputDim = args.inputDim;
    this.outputDim = args.outputDim;
    this.initializer = getInitializer(args.embeddingsInitializer, () => randomUniform(), op);
    this.regularizer = resolveRegularizer(op, 'embeddingsRegularizer', args.embeddingsRegularizer);
    this.constraint = resolveConstraint(op, 'embeddingsConstraint', args.embeddingsConstraint);
  }

  override get inputDtype(): DType {
    return 'int32';
  }

  /** Index tensors of any length (and rank) share the table. */
  protected override flexibleAxes(shape: SymbolicShape): number[] {
    return shape.map((_, i) => i).slice(1);
  }

  protected override buildOne(): void {
    this.embeddings = this.addWeight('embeddings', [this.inputDim, this.outputDim], {
      initializer: this.initializer,
      regularizer: this.regularizer,
      constraint: this.constraint,
    });
  }

  protected outputShape(shape: SymbolicShape): SymbolicShape {
    return [...shape, this.outputDim];
  }

  protected forwardOne(indices: Tensor): Tensor {
    if (indices.dtype !== 'int32') {
      throw new tl.DtypeError(
        this.name,
        `indices must be int32, got ${indices.dtype} (declare the input with dtype 'int32' or cast it)`,
      );
    }
    const values = indices.dataSync();
    for (let i = 0; i < values.length; i++) {
      if (values[i] < 0 || values[i] >= this.inputDim) {
        throw new tl.ValueError(
          this.name,
          `index ${values[i]} at position ${i} is outside the vocabulary [0, ${this.inputDim - 1}]`,
        );
      }
    }
    return tl.gather(this.embeddings as Variable, indices);
  }

  protected options(): LayerConfig {
    return {
      inputDim: this.inputDim,
      outputDim: this.outputDim,
      embeddingsInitializer: this.initializer.toJSON(),
      embeddingsRegularizer: this.serialized('embeddingsRegularizer', this.regularizer),
      embeddingsConstraint: this.serialized('embeddingsConstraint', this.constraint),
    };
  }
}

export const embedding = (args: EmbeddingArgs): Embedding => new Embedding(args);
