import '../helpers/backend.js';
import { describe, expect, it } from 'vitest';
import * as tl from '@tensile/core';
import { assertClose } from '@tensile/core/testing';
import { gaussianNoise } from '../../src/index.js';
import { expectNoLeak } from '../helpers/memory.js';

describe('gaussianNoise', () => {
  it('adds N(0, stddev²) in training (10⁶ elements)', () => {
    const x = tl.fill([1000, 1000], 0.5);
    const y = gaussianNoise(x, { stddev: 0.2, seed: 3 });
    const v = y.dataSync();
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < v.length; i++) {
      sum += v[i] - 0.5;
      sq += (v[i] - 0.5) ** 2;
    }
    const mean = sum / v.length;
    expect(Math.abs(mean)).toBeLessThan(0.001);
    expect(Math.sqrt(sq / v.length - mean * mean)).toBeCloseTo(0.2, 3);
    tl.dispose([x, y]);
  });

  it('is differentiable (∂/∂x = 1) and leaks nothing, so it can sit inside a model', () => {
    const x = tl.randomNormal([10, 4], 0, 1, 'float32', 1);
    expectNoLeak(() => {
      const g = tl.grad((t) => tl.sum(gaussianNoise(t, { stddev: 1, seed: 2 })))(x);
      assertClose(g.dataSync(), new Array(40).fill(1));
      return g;
    });
    x.dispose();
  });

  it('works on any shape and rejects bad options', () => {
    const x = tl.zeros([7]);
    const y = gaussianNoise(x, { stddev: 1, seed: 1 });
    expect(y.shape).toEqual([7]);
    expect(() => gaussianNoise(x, { stddev: -1 })).toThrow(
      'gaussianNoise: stddev must be a finite number ≥ 0, got -1',
    );
    expect(() => gaussianNoise(x, {} as never)).toThrow(/stddev must be a finite number/);
    tl.dispose([x, y]);
  });
});
