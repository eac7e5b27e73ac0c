// Max and average pooling over NHWC windows. 'valid' drops trailing rows/columns that do not
// fill a window (torch's floor mode); average pooling averages only the unpadded positions.
import type { Tensor } from '@tensile/core';
import * as tl from '@tensile/core';
import type { Padding } from '@tensile/core';
import { checkPadding, checkPair, windowOutputShape } from './conv-options.js';
import type { LayerArgs, LayerConfig } from './layer.js';
import { SimpleLayer } from './layer.js';
import { knownDim } from './shape-checks.js';
import type { SymbolicShape } from './symbolic.js';

export interface Pooling2DArgs extends LayerArgs {
  /** Default 2. */
  poolSize?: number | [number, number];
  /** Default poolSize. */
  strides?: number | [number, number];
  /** Default 'valid'. */
  padding?: Padding;
}

abstract class Pooling2D extends SimpleLayer {
  readonly poolSize: [number, number];
  readonly strides: [number, number];
  readonly padding: Padding;

  protected constructor(op: string, args: Pooling2DArgs) {
    super(op, args, ['poolSize', 'strides', 'padding']);
    this.poolSize = checkPair(op, 'poolSize', args.poolSize ?? 2);
    this.strides = checkPair(op, 'strides', args.strides ?? this.poolSize);
    this.padding = checkPadding(op, args.padding ?? 'valid');
  }

  protected outputShape(shape: SymbolicShape): SymbolicShape {
    const c = knownDim(this.name, shape, 3, 'channel axis (NHWC)');
    return windowOutputShape(
      this.name,
      shape,
      [...this.poolSize, c, c],
      this.strides,
      this.padding,
    );
  }

  protected pool(x: Tensor, kind: 'max' | 'avg'): Tensor {
    const options = { filterSize: this.poolSize, strides: this.strides, pad: this.padding };
    return kind === 'max' ? tl.maxPool2d(x, options) : tl.avgPool2d(x, options);
  }

  protected options(): LayerConfig {
    return { poolSize: [...this.poolSize], strides: [...this.strides], padding: this.padding };
  }
}

export class MaxPooling2D extends Pooling2D {
  readonly className = 'MaxPooling2D';
  constructor(args: Pooling2DArgs = {}) {
    super('maxPooling2d', args);
  }
  protected forwardOne(x: Tensor): Tensor {
    return this.pool(x, 'max');
  }
}

export class AveragePooling2D extends Pooling2D {
  readonly className = 'AveragePooling2D';
  constructor(args: Pooling2DArgs = {}) {
    super('averagePooling2d', args);
  }
  protected forwardOne(x: Tensor): Tensor {
    return this.pool(x, 'avg');
  }
}

export const maxPooling2d = (args: Pooling2DArgs = {}): MaxPooling2D => new MaxPooling2D(args);
export const averagePooling2d = (args: Pooling2DArgs = {}): AveragePooling2D =>
  new AveragePooling2D(args);
