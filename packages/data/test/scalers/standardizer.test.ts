import * as tl from '@tensile/core';
import '@tensile/backend-cpu';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Standardizer, scalerFromJSON, standardizer } from '../../src/index.js';

let start = 0;
beforeEach(() => {
  start = tl.memory().numTensors;
});
afterEach(() => {
  expect(tl.memory().numTensors).toBe(start);
});

const rows = (x: tl.Tensor): number[][] => x.arraySync() as number[][];

describe('standardizer', () => {
  it('fits mean and population variance on train and applies them unchanged to test', () => {
    const train = tl.tensor([
      [1, 10],
      [3, 10],
      [5, 10],
    ]);
    const test = tl.tensor([[7, 11]]);
    const s = standardizer().fit(train);
    expect(Array.from(s.mean)).toEqual([3, 10]);
    expect(Array.from(s.variance)).toEqual([8 / 3, 0]);
    expect(s.scale[0]).toBeCloseTo(Math.sqrt(8 / 3), 12);
    expect(s.scale[1]).toBe(1);
    expect(s.nFeatures).toBe(2);
    expect(s.nSamplesSeen).toBe(3);
    const z = s.transform(test);
    expect(z.dtype).toBe('float32');
    expect(rows(z)[0][0]).toBeCloseTo(4 / Math.sqrt(8 / 3), 5);
    // The constant feature is only centred.
    expect(rows(z)[0][1]).toBeCloseTo(1, 6);
    const back = s.inverseTransform(z);
    expect(rows(back)[0][0]).toBeCloseTo(7, 5);
    expect(rows(back)[0][1]).toBeCloseTo(11, 5);
    tl.dispose([train, test, z, back]);
  });

  it('gives exactly zero variance for a constant feature whose mean rounds', () => {
    const train = tl.tensor(
      new Float64Array([0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]),
      [7, 1],
      'float64',
    );
    const s = standardizer().fit(train);
    expect(s.variance[0]).toBe(0);
    expect(s.scale[0]).toBe(1);
    train.dispose();
  });

  it('honours withMean and withStd', () => {
    const x = tl.tensor([[1], [3]]);
    const centredOnly = standardizer({ withStd: false }).fitTransform(x);
    expect(rows(centredOnly)).toEqual([[-1], [1]]);
    const scaledOnly = standardizer({ withMean: false }).fitTransform(x);
    expect(rows(scaledOnly)).toEqual([[1], [3]]);
    const neither = new Standardizer({ withMean: false, withStd: false }).fit(x);
    const same = neither.transform(x);
    expect(same).not.toBe(x);
    expect(rows(same)).toEqual([[1], [3]]);
    tl.dispose([x, centredOnly, scaledOnly, same]);
  });

  it('keeps float64 inputs in float64', () => {
    const x = tl.tensor(new Float64Array([1, 2, 4]), [3, 1], 'float64');
    const z = standardizer().fitTransform(x);
    expect(z.dtype).toBe('float64');
    tl.dispose([x, z]);
  });

  it('round-trips through JSON', () => {
    const x = tl.tensor([
      [1, 2],
      [3, 5],
      [4, 9],
    ]);
    const s = standardizer().fit(x);
    const json = JSON.parse(JSON.stringify(s)) as unknown;
    const restored = scalerFromJSON(json);
    expect(restored).toBeInstanceOf(Standardizer);
    const a = s.transform(x);
    const b = restored.transform(x);
    expect(rows(b)).toEqual(rows(a));
    const viaFactory = standardizer.fromJSON(json);
    expect(Array.from(viaFactory.scale)).toEqual(Array.from(s.scale));
    tl.dispose([x, a, b]);
    expect(() => Standardizer.fromJSON({ kind: 'standardizer' })).toThrow(tl.FormatError);
    expect(() => Standardizer.fromJSON({ ...s.toJSON(), scale: [1] })).toThrow(
      /Standardizer.fromJSON: scale must be 2 finite numbers, got \[1\]/,
    );
    expect(() => scalerFromJSON({ kind: 'pca' })).toThrow(/scalerFromJSON: kind must be/);
  });
});
