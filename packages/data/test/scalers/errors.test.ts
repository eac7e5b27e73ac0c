import * as tl from '@tensile/core';
import '@tensile/backend-cpu';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { minMaxScaler, standardizer } from '../../src/index.js';

let start = 0;
beforeEach(() => {
  start = tl.memory().numTensors;
});
afterEach(() => {
  expect(tl.memory().numTensors).toBe(start);
});

describe('scaler errors', () => {
  const makers = [
    ['Standardizer', () => standardizer()],
    ['MinMaxScaler', () => minMaxScaler()],
  ] as const;

  it.each(makers)('%s: transform before fit is a clear error', (name, make) => {
    const x = tl.zeros([2, 2]);
    expect(() => make().transform(x)).toThrow(
      new RegExp(`${name}.transform: this ${name} is not fitted yet; call fit\\(train\\) first`),
    );
    expect(() => make().inverseTransform(x)).toThrow(tl.ValueError);
    expect(() => make().toJSON()).toThrow(/not fitted/);
    x.dispose();
  });

  it.each(makers)('%s: a feature-count mismatch names both shapes', (name, make) => {
    const train = tl.zeros([24, 6]);
    const test = tl.zeros([10, 5]);
    const s = make().fit(train);
    expect(() => s.transform(test)).toThrow(tl.ShapeError);
    expect(() => s.transform(test)).toThrow(
      new RegExp(
        `${name}.transform: x is \\[10,5\\] but the scaler was fit on \\[24,6\\] \\(5 ≠ 6 features\\)`,
      ),
    );
    tl.dispose([train, test]);
  });

  it.each(makers)('%s: rejects bad inputs by kind', (name, make) => {
    const vec = tl.zeros([4]);
    const ints = tl.zeros([2, 2], 'int32');
    const empty = tl.zeros([0, 3]);
    const nan = tl.tensor([[1], [Number.NaN]]);
    expect(() => make().fit(vec)).toThrow(
      new RegExp(`${name}.fit: x must be \\[samples, features\\], got shape \\[4\\]`),
    );
    expect(() => make().fit(ints)).toThrow(tl.DtypeError);
    expect(() => make().fit(empty)).toThrow(/x has no rows to fit on/);
    expect(() => make().fit(nan)).toThrow(/x\[1\]\[0\] is NaN; scalers need finite values/);
    expect(() => make().fit([[1]] as never)).toThrow(/x must be a Tensor/);
    tl.dispose([vec, ints, empty, nan]);
  });
});
