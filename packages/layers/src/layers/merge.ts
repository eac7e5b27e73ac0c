// Add: the element-wise sum of several inputs of one shape (residual connections).
import type { Tensor } from '@tensile/core';
import * as tl from '@tensile/core';
import type { LayerArgs, LayerConfig } from './layer.js';
import { Layer } from './layer.js';
import type { SymbolicShape } from './symbolic.js';
import { formatSymbolicShape } from './symbolic.js';

export class Add extends Layer {
  readonly className = 'Add';

  constructor(args: LayerArgs = {}) {
    super('add', args, []);
  }

  protected override inputArity(): [number, number] {
    return [2, Infinity];
  }

  computeOutputShapes(shapes: SymbolicShape[]): SymbolicShape[] {
    const first = shapes[0];
    for (const s of shapes.slice(1)) {
      const same =
        s.length === first.length &&
        s.every((d, i) => d === null || first[i] === null || d === first[i]);
      if (!same) {
        throw new tl.ShapeError(
          this.name,
          `inputs must have the same shape: ${shapes.map(formatSymbolicShape).join(' vs ')}`,
        );
      }
    }
    return [first.map((d, i) => d ?? shapes.find((s) => s[i] !== null)?.[i] ?? null)];
  }

  protected forward(inputs: Tensor[]): Tensor[] {
    this.computeOutputShapes(inputs.map((t) => t.shape));
    return [inputs.slice(1).reduce((sum, t) => tl.add(sum, t), inputs[0])];
  }

  protected options(): LayerConfig {
    return {};
  }
}

export const add = (args: LayerArgs = {}): Add => new Add(args);
