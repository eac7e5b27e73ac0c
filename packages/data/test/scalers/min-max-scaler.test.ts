import * as tl from '@tensile/core';
import '@tensile/backend-cpu';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MinMaxScaler, minMaxScaler } from '../../src/index.js';

let start = 0;
beforeEach(() => {
  start = tl.memory().numTensors;
});
afterEach(() => {
  expect(tl.memory().numTensors).toBe(start);
});

const rows = (x: tl.Tensor): number[][] => x.arraySync() as number[][];

describe('minMaxScaler', () => {
  it('maps the training range onto featureRange, without clipping test values', () => {
    const train = tl.tensor([
      [0, 5],
      [10, 5],
    ]);
    const test = tl.tensor([
      [20, 7],
      [-10, 5],
    ]);
    const s = minMaxScaler().fit(train);
    expect(Array.from(s.dataMin)).toEqual([0, 5]);
    expect(Array.from(s.dataMax)).toEqual([10, 5]);
    expect(Array.from(s.dataRange)).toEqual([10, 0]);
    expect(Array.from(s.scale)).toEqual([0.1, 1]);
    const a = s.transform(train);
    expect(rows(a)).toEqual([
      [0, 0],
      [1, 0],
    ]);
    const b = s.transform(test);
    // Outside [0, 1] for an out-of-range value; the constant feature shifts by dataMin only.
    expect(rows(b)).toEqual([
      [2, 2],
      [-1, 0],
    ]);
    const back = s.inverseTransform(b);
    expect(rows(back)).toEqual([
      [20, 7],
      [-10, 5],
    ]);
    tl.dispose([train, test, a, b, back]);
  });

  it('supports another featureRange and clipping', () => {
    const train = tl.tensor([[0], [4]]);
    const test = tl.tensor([[2], [8]]);
    const s = new MinMaxScaler({ featureRange: [-1, 1], clip: true }).fit(train);
    const y = s.transform(test);
    expect(rows(y)).toEqual([[0], [1]]);
    tl.dispose([train, test, y]);
  });

  it('round-trips through JSON', () => {
    const x = tl.tensor([
      [1, 2],
      [3, 5],
    ]);
    const s = minMaxScaler({ featureRange: [-2, 2] }).fit(x);
    const restored = MinMaxScaler.fromJSON(JSON.parse(JSON.stringify(s)) as unknown);
    expect(restored.featureRange).toEqual([-2, 2]);
    expect(minMaxScaler.fromJSON(s.toJSON()).dataMax).toEqual(s.dataMax);
    const a = s.transform(x);
    const b = restored.transform(x);
    expect(rows(b)).toEqual(rows(a));
    tl.dispose([x, a, b]);
    expect(() => MinMaxScaler.fromJSON({ ...s.toJSON(), dataMax: [0, 0] })).toThrow(
      /dataMin must not exceed dataMax/,
    );
  });

  it('rejects a bad featureRange', () => {
    expect(() => minMaxScaler({ featureRange: [1, 1] })).toThrow(
      /minMaxScaler: featureRange must be \[lo, hi\] with finite lo < hi, got \[1,1\]/,
    );
  });
});
