// fixtures/golden/normalization.json (README §9): sklearn's StandardScaler and MinMaxScaler fit on
// a [24, 6] train set with a constant feature, applied to train and to a [10, 6] test set.
import * as tl from '@tensile/core';
import '@tensile/backend-cpu';
import { assertClose, loadGolden } from '@tensile/core/testing';
import type { GoldenArray, Tolerance } from '@tensile/core/testing';
import { describe, expect, it } from 'vitest';
import { minMaxScaler, standardizer } from '../../src/index.js';
import type { MinMaxScaler, Standardizer } from '../../src/index.js';

interface Golden {
  tolerance: Tolerance;
  inputs: { train: GoldenArray; test: GoldenArray; constant_feature: number };
  standardize: Record<
    'mean' | 'var' | 'scale' | 'train_transformed' | 'test_transformed',
    GoldenArray
  >;
  min_max: MinMaxCase;
  min_max_symmetric: MinMaxCase;
}
interface MinMaxCase {
  feature_range: [number, number];
  data_min: GoldenArray;
  data_max: GoldenArray;
  train_transformed: GoldenArray;
  test_transformed: GoldenArray;
}

const golden = loadGolden<Golden>('normalization.json');
const { train, test, constant_feature: constant } = golden.inputs;

type Scaler = Standardizer | MinMaxScaler;
interface Case {
  name: string;
  make: () => Scaler;
  expected: { train_transformed: GoldenArray; test_transformed: GoldenArray };
  statistics: (s: Scaler) => [string, ArrayLike<number>, GoldenArray][];
}

const cases: Case[] = [
  {
    name: 'standardize',
    make: () => standardizer(),
    expected: golden.standardize,
    statistics: (s) => {
      const z = s as Standardizer;
      return [
        ['mean', z.mean, golden.standardize.mean],
        ['var', z.variance, golden.standardize.var],
        ['scale', z.scale, golden.standardize.scale],
      ];
    },
  },
  ...(['min_max', 'min_max_symmetric'] as const).map((key) => ({
    name: key,
    make: () => minMaxScaler({ featureRange: golden[key].feature_range }),
    expected: golden[key],
    statistics: (s: Scaler) => {
      const m = s as MinMaxScaler;
      return [
        ['data_min', m.dataMin, golden[key].data_min],
        ['data_max', m.dataMax, golden[key].data_max],
      ] as [string, ArrayLike<number>, GoldenArray][];
    },
  })),
];

describe.each(['float32', 'float64'] as const)('normalization.json in %s', (dtype) => {
  it.each(cases)(
    '$name: statistics, train and test transforms',
    ({ make, expected, statistics }) => {
      const before = tl.memory().numTensors;
      const x = tl.tensor(train.data, train.shape, dtype);
      const t = tl.tensor(test.data, test.shape, dtype);
      const scaler = make().fit(x);
      // float32 inputs round the data before the statistics are taken: float32 tolerance for both.
      for (const [label, actual, want] of statistics(scaler)) {
        assertClose(actual, want, golden.tolerance, label);
      }
      const a = scaler.transform(x);
      const b = scaler.transform(t);
      expect(a.dtype).toBe(dtype);
      assertClose(a.dataSync(), expected.train_transformed, golden.tolerance, 'train_transformed');
      assertClose(b.dataSync(), expected.test_transformed, golden.tolerance, 'test_transformed');
      // The constant feature: one value in train (0 or lo), shifted but unscaled in test.
      const column = (v: ArrayLike<number>, rows: number): number[] =>
        Array.from({ length: rows }, (_, i) => v[i * 6 + constant]);
      expect(new Set(column(a.dataSync(), 24)).size).toBe(1);
      assertClose(
        column(b.dataSync(), 10),
        column(expected.test_transformed.data, 10),
        golden.tolerance,
        'constant feature (test)',
      );
      tl.dispose([x, t, a, b]);
      expect(tl.memory().numTensors).toBe(before);
    },
  );
});

it('reproduces the fixture to float64 precision on float64 inputs', () => {
  const x = tl.tensor(train.data, train.shape, 'float64');
  const t = tl.tensor(test.data, test.shape, 'float64');
  const tight = { rtol: 1e-12, atol: 1e-12 };
  for (const { make, expected } of cases) {
    const scaler = make().fit(x);
    const a = scaler.transform(x);
    const b = scaler.transform(t);
    assertClose(a.dataSync(), expected.train_transformed, tight, 'train_transformed');
    assertClose(b.dataSync(), expected.test_transformed, tight, 'test_transformed');
    tl.dispose([a, b]);
  }
  tl.dispose([x, t]);
});
