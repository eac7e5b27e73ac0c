import './helpers/backend.js';
import { describe, expect, it } from 'vitest';
import * as tl from '@tensile/core';
import { assertClose, loadGolden } from '@tensile/core/testing';
import type { GoldenArray, Tolerance } from '@tensile/core/testing';
import {
  applyConstraints,
  defineConstraint,
  maxNorm,
  minMaxNorm,
  nonNeg,
  unitNorm,
} from '../src/index.js';
import { expectNoLeak, expectTensorDelta } from './helpers/memory.js';
import { uniformArray } from './helpers/random.js';

interface MaxNormCase {
  torch: string;
  params: { max_value: number; norm_axis: number };
  input: GoldenArray;
  norms: GoldenArray;
  output: GoldenArray;
}

interface ClippingFile {
  tolerance: Tolerance;
  cases: Record<string, unknown>;
}

const clipping = loadGolden<ClippingFile>('clipping.json');
const maxNormCases = Object.entries(clipping.cases).filter(([name]) =>
  name.startsWith('max_norm'),
) as [string, MaxNormCase][];

/** L2 norms of the slices of a row-major [rows, cols] matrix over `axis`. */
function sliceNorms(data: ArrayLike<number>, [rows, cols]: number[], axis: number): number[] {
  const out = new Array<number>(axis === 0 ? cols : rows).fill(0);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) out[axis === 0 ? j : i] += data[i * cols + j] ** 2;
  }
  return out.map(Math.sqrt);
}

describe('maxNorm reproduces golden clipping.json', () => {
  it('has the columns and rows cases', () => {
    expect(maxNormCases.map(([name]) => name)).toEqual(
      expect.arrayContaining(['max_norm_columns', 'max_norm_rows']),
    );
  });

  for (const [name, c] of maxNormCases) {
    it(`${name} (${c.torch})`, () => {
      const w = tl.tensor(c.input.data, c.input.shape);
      const out = expectTensorDelta(1, () =>
        maxNorm(c.params.max_value, { axis: c.params.norm_axis })(w),
      );
      expect(out.shape).toEqual(c.output.shape);
      assertClose(out.dataSync(), c.output, clipping.tolerance, name);
      assertClose(
        sliceNorms(c.input.data, c.input.shape, c.params.norm_axis),
        c.norms,
        clipping.tolerance,
        `${name} norms`,
      );
      // Slices at or under the bound are returned bit for bit.
      const before = sliceNorms(w.dataSync(), c.input.shape, c.params.norm_axis);
      const got = out.dataSync();
      const input = w.dataSync();
      const [rows, cols] = c.input.shape;
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < cols; j++) {
          const slice = c.params.norm_axis === 0 ? j : i;
          if (before[slice] <= c.params.max_value) {
            expect(got[i * cols + j]).toBe(input[i * cols + j]);
          }
        }
      }
      tl.dispose([w, out]);
    });
  }
});

describe('maxNorm', () => {
  const data = uniformArray(24, 5, -1.5, 1.5);

  it('takes the axis positionally too: maxNorm(c, axis) = maxNorm(c, {axis})', () => {
    const w = tl.tensor(data, [6, 4]);
    const a = maxNorm(0.8, 1)(w);
    const b = maxNorm(0.8, { axis: 1 })(w);
    const neg = maxNorm(0.8, -1)(w);
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    expect(Array.from(neg.dataSync())).toEqual(Array.from(b.dataSync()));
    expect(maxNorm(0.8, [0, 1]).config).toEqual({ maxValue: 0.8, axis: [0, 1] });
    tl.dispose([w, a, b, neg]);
  });

  it('defaults to Keras: maxValue 2, axis 0 (each column of a dense kernel)', () => {
    const constraint = maxNorm();
    expect(constraint.name).toBe('maxNorm');
    expect(constraint.config).toEqual({ maxValue: 2, axis: 0 });
    const w = tl.tensor([
      [3, 0.1],
      [4, 0.1],
    ]);
    const out = constraint(w);
    assertClose(out.dataSync(), [1.2, 0.1, 1.6, 0.1]);
    tl.dispose([w, out]);
  });

  it('constrains each output filter of an HWIO conv kernel with axis [0, 1, 2]', () => {
    const shape = [3, 3, 2, 4];
    const w = tl.tensor(uniformArray(72, 9, -1, 1), shape);
    const out = maxNorm(1, { axis: [0, 1, 2] })(w);
    const norms = tl.norm(out, 2, [0, 1, 2]);
    for (const n of norms.dataSync()) expect(n).toBeLessThanOrEqual(1 + 1e-6);
    tl.dispose([w, out, norms]);
  });

  it('scales a rank-1 weight (a bias) as one vector', () => {
    const w = tl.tensor([6, 8]);
    const out = maxNorm(5)(w);
    assertClose(out.dataSync(), [3, 4]);
    tl.dispose([w, out]);
  });

  it('names the axis and the weight shape when the axis is out of range', () => {
    const w = tl.zeros([3, 4]);
    expect(() => maxNorm(1, { axis: 2 })(w)).toThrow(tl.AxisError);
    expect(() => maxNorm(1, { axis: 2 })(w)).toThrow(
      'maxNorm: axis 2 is out of range for a weight of shape [3,4]',
    );
    expect(() => maxNorm(1, [0, -2])(w)).toThrow(/repeats an axis/);
    expect(() => maxNorm(1, 0.5)).toThrow(/^maxNorm: axis must be an integer/);
    expect(() => maxNorm(0)).toThrow(/^maxNorm: maxValue must be a finite number > 0, got 0$/);
    expect(() => maxNorm(1, { axes: 0 } as never)).toThrow(/unknown option 'axes'/);
    w.dispose();
  });
});

describe('nonNeg', () => {
  it('zeroes negatives, keeps the rest, lets NaN through', () => {
    const w = tl.tensor([-2, -0.5, 0, 0.5, 3, Number.NaN]);
    const out = nonNeg()(w);
    const got = Array.from(out.dataSync());
    expect(got.slice(0, 5)).toEqual([0, 0, 0, 0.5, 3]);
    expect(Object.is(got[0], 0)).toBe(true);
    expect(Number.isNaN(got[5])).toBe(true);
    expect(nonNeg().config).toEqual({});
    tl.dispose([w, out]);
  });
});

describe('unitNorm', () => {
  it('gives every slice norm 1 (within Keras eps)', () => {
    const w = tl.tensor(uniformArray(20, 2, -3, 3), [5, 4]);
    for (const axis of [0, 1]) {
      const out = unitNorm({ axis })(w);
      const norms = tl.norm(out, 2, axis);
      assertClose(norms.dataSync(), new Array(axis === 0 ? 4 : 5).fill(1), { rtol: 1e-5, atol: 0 });
      tl.dispose([out, norms]);
    }
    w.dispose();
  });
});

describe('minMaxNorm', () => {
  const w = () =>
    tl.tensor([
      [0.1, 3, 1],
      [0, 4, 0],
    ]); // column norms 0.1, 5, 1

  it('clips every slice norm into [minValue, maxValue]', () => {
    const x = w();
    const out = minMaxNorm({ minValue: 0.5, maxValue: 2 })(x);
    const norms = tl.norm(out, 2, 0);
    assertClose(norms.dataSync(), [0.5, 2, 1], { rtol: 1e-5, atol: 1e-6 });
    tl.dispose([x, out, norms]);
  });

  it('with rate r moves each norm the fraction r of the way', () => {
    const x = w();
    const out = minMaxNorm({ minValue: 0.5, maxValue: 2, rate: 0.5 })(x);
    const norms = tl.norm(out, 2, 0);
    assertClose(norms.dataSync(), [0.3, 3.5, 1], { rtol: 1e-5, atol: 1e-6 });
    tl.dispose([x, out, norms]);
  });

  it('defaults to Keras [0, 1], rate 1, axis 0; rejects max < min', () => {
    expect(minMaxNorm().config).toEqual({ minValue: 0, maxValue: 1, rate: 1, axis: 0 });
    expect(() => minMaxNorm({ minValue: 2, maxValue: 1 })).toThrow(
      'minMaxNorm: maxValue must be a finite number ≥ 2, got 1',
    );
    expect(() => minMaxNorm({ rate: 1.5 })).toThrow(/rate must be a finite number in \[0, 1\]/);
  });
});

describe('applyConstraints', () => {
  it('projects variables in place after an update and leaves no tensor behind', () => {
    const kernel = tl.variable(
      tl.tensor([
        [3, -1],
        [4, -1],
      ]),
      { name: 'constraints-kernel' },
    );
    const bias = tl.variable(tl.tensor([-1, 2]), { name: 'constraints-bias' });
    const variables = { kernel, bias };
    expectNoLeak(() => {
      applyConstraints(variables, { kernel: maxNorm(1), bias: nonNeg() });
    });
    assertClose(
      kernel.dataSync(),
      [0.6, -1, 0.8, -1].map((v, i) => (i % 2 ? v / Math.SQRT2 : v)),
    );
    expect(Array.from(bias.dataSync())).toEqual([0, 2]);
    expect(() => applyConstraints(variables, { other: nonNeg() })).toThrow(
      /^applyConstraints: constraint 'other' has no variable/,
    );
    expectNoLeak(() => applyConstraints(variables, { kernel: undefined }));
    tl.dispose([kernel, bias]);
  });

  it('rejects a constraint that changes the shape, leaving the variable as it was', () => {
    const v = tl.variable(tl.tensor([1, 2, 3]), { name: 'constraints-shape' });
    const before = tl.memory().numTensors;
    const bad = defineConstraint('bad', {}, (w) => tl.reshape(w, [3, 1]));
    expect(() => applyConstraints({ v }, { v: bad })).toThrow(tl.ShapeError);
    expect(() => applyConstraints({ v }, { v: bad })).toThrow(
      "applyConstraints: constraint 'bad' changed the shape of 'v': [3] float32 became [3,1] float32",
    );
    expect(tl.memory().numTensors).toBe(before);
    expect(Array.from(v.dataSync())).toEqual([1, 2, 3]);
    v.dispose();
  });
});
