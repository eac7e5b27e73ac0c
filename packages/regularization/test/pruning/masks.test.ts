import '../helpers/backend.js';
import { describe, expect, it } from 'vitest';
import * as tl from '@tensile/core';
import { applyMasks, magnitudePrune, measureSparsity } from '../../src/index.js';
import { expectNoLeak } from '../helpers/memory.js';

describe('applyMasks', () => {
  it('zeroes the pruned weights in place and leaves nothing behind', () => {
    const kernel = tl.variable(
      tl.tensor([
        [0.1, -2],
        [3, -0.05],
      ]),
      { name: 'masks-kernel' },
    );
    const bias = tl.variable(tl.tensor([1, 2]), { name: 'masks-bias' });
    const masks = magnitudePrune({ kernel }, { sparsity: 0.5 });
    expectNoLeak(() => applyMasks({ kernel, bias }, masks));
    expect(Array.from(kernel.dataSync())).toEqual([0, -2, 3, -0]);
    expect(Array.from(bias.dataSync())).toEqual([1, 2]);
    // An update that revives a pruned weight is undone by the next applyMasks.
    tl.tidy(() => kernel.assign(tl.add(kernel, 0.5)));
    applyMasks({ kernel, bias }, masks);
    expect(Array.from(kernel.dataSync())).toEqual([0, -1.5, 3.5, 0]);
    expect(measureSparsity({ kernel, bias })).toBe(2 / 6);
    expect(measureSparsity([kernel])).toBe(0.5);
    tl.dispose([kernel, bias, masks]);
  });

  it('checks names and shapes before touching any variable', () => {
    const v = tl.variable(tl.ones([3]), { name: 'masks-check' });
    const good = tl.zeros([3]);
    const bad = tl.zeros([2]);
    expect(() => applyMasks({ v }, { v: good, w: good })).toThrow(
      "applyMasks: mask 'w' has no variable (variables: v)",
    );
    expect(() => applyMasks({ v }, { v: bad })).toThrow(
      "applyMasks: mask 'v' is [2] float32, its variable is [3] float32",
    );
    expect(Array.from(v.dataSync())).toEqual([1, 1, 1]);
    tl.dispose([v, good, bad]);
  });
});

describe('measureSparsity', () => {
  it('is the fraction of exact zeros over every tensor together', () => {
    const a = tl.tensor([0, 1, -0, 2]);
    const b = tl.tensor([0, 0, 0, 0, 5, 6]);
    expect(measureSparsity(a)).toBe(0.5);
    expect(measureSparsity({ a, b })).toBe(6 / 10);
    expect(measureSparsity([])).toBe(0);
    tl.dispose([a, b]);
  });
});
