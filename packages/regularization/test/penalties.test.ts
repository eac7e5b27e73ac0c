import './helpers/backend.js';
import { describe, expect, it } from 'vitest';
import * as tl from '@tensile/core';
import { assertClose } from '@tensile/core/testing';
import { l1, l1l2, l2 } from '../src/index.js';
import type { Penalty } from '../src/index.js';
import { expectNoLeak, expectTensorDelta } from './helpers/memory.js';
import { uniformArray } from './helpers/random.js';

/** Float32 weights with exact zeros in them, so sign(0) = 0 is exercised. */
function weights(shape: number[], seed: number): Float32Array {
  const size = shape.reduce((a, b) => a * b, 1);
  const w = uniformArray(size, seed, -2, 2);
  for (let i = 0; i < size; i += 7) w[i] = 0;
  return w;
}

const sumOf = (w: Float32Array, f: (x: number) => number): number =>
  w.reduce((s, x) => s + f(x), 0);

interface Case {
  name: string;
  penalty: Penalty;
  value: (w: Float32Array) => number;
  grad: (x: number) => number;
}

const cases: Case[] = [0, 1e-4, 0.01, 0.5, 3].flatMap((lambda) => [
  {
    name: `l1(${lambda})`,
    penalty: l1(lambda),
    value: (w: Float32Array) => lambda * sumOf(w, Math.abs),
    grad: (x: number) => lambda * Math.sign(x),
  },
  {
    name: `l2(${lambda})`,
    penalty: l2(lambda),
    value: (w: Float32Array) => lambda * sumOf(w, (x) => x * x),
    grad: (x: number) => 2 * lambda * x,
  },
  {
    name: `l1l2({l1: ${lambda}, l2: 0.25})`,
    penalty: l1l2({ l1: lambda, l2: 0.25 }),
    value: (w: Float32Array) => lambda * sumOf(w, Math.abs) + 0.25 * sumOf(w, (x) => x * x),
    grad: (x: number) => lambda * Math.sign(x) + 0.5 * x,
  },
]);

const shapes = [[], [5], [4, 3], [2, 3, 4, 5]];

describe('penalty values and gradients (λ·Σ|w|, λ·Σw², float32 tolerance)', () => {
  for (const c of cases) {
    for (const shape of shapes) {
      it(`${c.name} on [${shape}]`, () => {
        const data = weights(shape, shape.length + 1);
        const w = tl.tensor(data, shape);
        expectNoLeak(() => {
          const { value, grad } = tl.valueAndGrad(c.penalty)(w);
          expect(value.shape).toEqual([]);
          expect(value.dtype).toBe('float32');
          assertClose(value.dataSync(), c.value(data), undefined, `${c.name} value`);
          assertClose(grad.dataSync(), Array.from(data, c.grad), undefined, `${c.name} grad`);
          return [value, grad];
        });
        w.dispose();
      });
    }
  }
});

describe('penalties', () => {
  it('default to Keras λ = 0.01', () => {
    expect(l1().config).toEqual({ l1: 0.01 });
    expect(l2().config).toEqual({ l2: 0.01 });
    expect(l1l2().config).toEqual({ l1: 0, l2: 0 });
    expect(l1l2({ l2: 0.3 }).config).toEqual({ l1: 0, l2: 0.3 });
  });

  it('l2 has no factor 1/2: l2(λ)(w) = λ·‖w‖², gradient 2λw', () => {
    const w = tl.tensor([3, 4]);
    const { value, grad } = tl.valueAndGrad(l2(0.1))(w);
    assertClose(value.dataSync(), 2.5);
    assertClose(grad.dataSync(), [0.6, 0.8]);
    tl.dispose([w, value, grad]);
  });

  it('l2(λ/(2m)) is the textbook (λ/2m)·‖W‖², whose gradient is (λ/m)·W', () => {
    const lambda = 0.7;
    const m = 32;
    const data = weights([6, 4], 11);
    const w = tl.tensor(data, [6, 4]);
    const { value, grad } = tl.valueAndGrad(l2(lambda / (2 * m)))(w);
    assertClose(value.dataSync(), (lambda / (2 * m)) * sumOf(data, (x) => x * x));
    assertClose(
      grad.dataSync(),
      Array.from(data, (x) => (lambda / m) * x),
    );
    tl.dispose([w, value, grad]);
  });

  it("l2(wd/2) adds exactly PyTorch's coupled weight decay wd·w to the gradient", () => {
    const wd = 5e-4;
    const data = weights([10], 3);
    const w = tl.tensor(data, [10]);
    const g = tl.grad(l2(wd / 2))(w);
    assertClose(
      g.dataSync(),
      Array.from(data, (x) => wd * x),
      { rtol: 1e-6, atol: 1e-12 },
    );
    tl.dispose([w, g]);
  });

  it('adds to a data loss in a custom loop through variableGrads', () => {
    const v = tl.variable(
      tl.tensor([
        [1, -2],
        [0.5, 0],
      ]),
      { name: 'penalties-loop-kernel' },
    );
    const penalty = l1l2({ l1: 0.1, l2: 0.2 });
    expectNoLeak(() => {
      const { value, grads } = tl.variableGrads(
        () => tl.add(tl.sum(tl.mul(v, 3)), penalty(v)),
        [v],
      );
      // d/dw [3w + 0.1|w| + 0.2w²] = 3 + 0.1·sign(w) + 0.4w
      assertClose(grads['penalties-loop-kernel'].dataSync(), [3.5, 2.1, 3.3, 3]);
      assertClose(value.dataSync(), 3 * -0.5 + 0.1 * 3.5 + 0.2 * 5.25);
      return [value, grads['penalties-loop-kernel']];
    });
    v.dispose();
  });

  it('passes the gradient check in float64', () => {
    const w = tl.tensor([0.3, -1.2, 2.5, -0.7, 1.1, 0.9], [2, 3]);
    for (const penalty of [l1(0.3), l2(0.3), l1l2({ l1: 0.2, l2: 0.4 })]) {
      expect(tl.checkGradients(penalty, [w]).verdict).toBe('ok');
    }
    w.dispose();
  });

  it('answers in the weight dtype and leaves only the scalar behind', () => {
    const w = tl.tensor([1, -2, 3], [3], 'float64');
    for (const penalty of [l1(0.1), l2(0.1), l1l2({ l1: 0.1, l2: 0.1 }), l1l2()]) {
      const value = expectTensorDelta(1, () => penalty(w));
      expect(value.dtype).toBe('float64');
      value.dispose();
    }
    w.dispose();
  });

  it('l1l2 with both coefficients 0 is a zero scalar with a zero gradient', () => {
    const w = tl.tensor([1, -2, 3]);
    const { value, grad } = tl.valueAndGrad(l1l2())(w);
    expect(Array.from(value.dataSync())).toEqual([0]);
    expect(Array.from(grad.dataSync())).toEqual([0, 0, 0]);
    tl.dispose([w, value, grad]);
  });
});

describe('penalty errors', () => {
  it.each([
    [() => l1(-0.1), /^l1: lambda must be a finite number ≥ 0, got -0.1$/],
    [() => l2(Number.NaN), /^l2: lambda must be a finite number ≥ 0, got NaN$/],
    [() => l2(Infinity), /^l2: lambda must be a finite number ≥ 0, got Infinity$/],
    [() => l1('0.1' as unknown as number), /^l1: lambda must be .* got '0.1'$/],
    [() => l1l2({ l1: -1 }), /^l1l2: l1 must be a finite number ≥ 0, got -1$/],
    [() => l1l2({ l3: 1 } as never), /^l1l2: unknown option 'l3' \(known: l1, l2\)$/],
  ])('rejects bad coefficients (%#)', (make, message) => {
    expect(make).toThrow(tl.ValueError);
    expect(make).toThrow(message);
  });

  it('rejects non-float, disposed and non-tensor weights', () => {
    const ints = tl.tensor([1, 2], [2], 'int32');
    expect(() => l2(0.1)(ints)).toThrow(tl.DtypeError);
    expect(() => l2(0.1)(ints)).toThrow(/^l2: w must be a float tensor, got int32 of shape \[2\]/);
    const gone = tl.tensor([1, 2]);
    gone.dispose();
    expect(() => l1(0.1)(gone)).toThrow(tl.DisposedError);
    expect(() => l1(0.1)([1, 2] as unknown as tl.Tensor)).toThrow(/^l1: w must be a Tensor/);
    ints.dispose();
  });
});
