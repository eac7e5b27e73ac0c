import { describe, expect, it } from 'vitest';
import { AxisError, ShapeError } from '../../src/errors.js';
import {
  broadcastShapes,
  normalizeAxes,
  normalizeAxis,
  reduceGeometry,
  stridesOf,
} from '../../src/tensor/shape.js';

describe('shape arithmetic', () => {
  it('broadcasts like NumPy', () => {
    expect(broadcastShapes('add', [3, 1, 5], [4, 1])).toEqual([3, 4, 5]);
    expect(broadcastShapes('add', [], [2, 2])).toEqual([2, 2]);
    expect(() => broadcastShapes('add', [2, 3], [4])).toThrow(ShapeError);
    expect(() => broadcastShapes('add', [2, 3], [4])).toThrow(
      'add: shapes do not broadcast: a is [2,3], b is [4] (3 ≠ 4 at axis 1)',
    );
  });

  it('normalizes negative axes and rejects bad ones with the shape', () => {
    expect(normalizeAxis('sum', -1, 3)).toBe(2);
    expect(normalizeAxes('sum', [-1, 0], [2, 3, 4])).toEqual([0, 2]);
    expect(() => normalizeAxis('sum', 3, 3, [2, 3, 4])).toThrow(AxisError);
    expect(() => normalizeAxes('sum', [1, -2], [2, 3, 4])).toThrow(/repeat an axis/);
  });

  it('computes strides and reduction geometry', () => {
    expect(stridesOf([2, 3, 4])).toEqual([12, 4, 1]);
    expect(reduceGeometry([2, 3, 4, 5], [1, 2])).toEqual({ outer: 2, reduce: 12, inner: 5 });
    expect(reduceGeometry([2, 3], [])).toEqual({ outer: 6, reduce: 1, inner: 1 });
  });
});
