// Flatten and Reshape: views of the input with another shape (nothing is copied).
import type { Tensor } from '@tensile/core';
import * as tl from '@tensile/core';
import type { LayerArgs, LayerConfig } from './layer.js';
import { SimpleLayer } from './layer.js';
import type { SymbolicShape } from './symbolic.js';
import { formatSymbolicShape } from './symbolic.js';

const product = (dims: readonly (number | null)[]): number | null =>
  dims.some((d) => d === null) ? null : (dims as number[]).reduce((a, b) => a * b, 1);

/** [batch, d1, d2, …] → [batch, d1·d2·…]. */
export class Flatten extends SimpleLayer {
  readonly className = 'Flatten';

  constructor(args: LayerArgs = {}) {
    super('flatten', args, []);
  }

  protected outputShape(shape: SymbolicShape): SymbolicShape {
    return [shape[0] ?? null, product(shape.slice(1))];
  }

  protected forwardOne(x: Tensor): Tensor {
    return tl.reshape(x, [x.shape[0], x.shape.slice(1).reduce((a, b) => a * b, 1)]);
  }

  protected options(): LayerConfig {
    return {};
  }
}

export interface ReshapeArgs extends LayerArgs {
  /** The shape without the batch axis; one entry may be −1 (inferred). */
  targetShape: readonly number[];
}

export class Reshape extends SimpleLayer {
  readonly className = 'Reshape';
  readonly targetShape: readonly number[];

  constructor(args: ReshapeArgs) {
    super('reshape', args, ['targetShape']);
    const t = args.targetShape;
    if (
      !Array.isArray(t) ||
      t.some((d) => !Number.isInteger(d) || (d < 1 && d !== -1)) ||
      t.filter((d) => d === -1).length > 1
    ) {
      throw tl.invalidArgument(
        'reshape',
        'targetShape',
        'positive integers with at most one −1',
        t,
      );
    }
    this.targetShape = [...t];
  }

  protected outputShape(shape: SymbolicShape): SymbolicShape {
    const size = product(shape.slice(1));
    const known = this.targetShape.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
    if (size !== null) {
      const ok = this.targetShape.includes(-1) ? size % known === 0 : size === known;
      if (!ok) {
        throw new tl.ShapeError(
          this.name,
          `cannot reshape ${formatSymbolicShape(shape)} to ${formatSymbolicShape([null, ...this.targetShape])}`,
        );
      }
    }
    return [
      shape[0] ?? null,
      ...this.targetShape.map((d) => (d === -1 ? (size === null ? null : size / known) : d)),
    ];
  }

  protected forwardOne(x: Tensor): Tensor {
    return tl.reshape(x, [x.shape[0], ...this.targetShape]);
  }

  protected options(): LayerConfig {
    return { targetShape: [...this.targetShape] };
  }
}

export const flatten = (args: LayerArgs = {}): Flatten => new Flatten(args);
export const reshape = (args: ReshapeArgs): Reshape => new Reshape(args);
