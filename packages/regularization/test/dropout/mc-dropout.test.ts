import '../helpers/backend.js';
import { describe, expect, it } from 'vitest';
import * as tl from '@tensile/core';
import { assertClose } from '@tensile/core/testing';
import { dropout, mcDropoutPredict } from '../../src/index.js';
import type { StochasticModel } from '../../src/index.js';
import { expectTensorDelta } from '../helpers/memory.js';

/** A tiny stochastic "model": y = dropout(x, rate)·2 + 1, dropout on only in training. */
function model(rate: number): StochasticModel & { calls: boolean[] } {
  const calls: boolean[] = [];
  return {
    calls,
    predict(x, { training }) {
      calls.push(training);
      return tl.tidy(() => tl.add(tl.mul(dropout(x, rate, { training }), 2), 1));
    },
  };
}

describe('mcDropoutPredict', () => {
  it('returns the mean and population std of `samples` stochastic passes', () => {
    const x = tl.randomUniform([4, 6], 0.5, 2, 'float32', 3);
    const m = model(0.3);
    const samples = 25;
    tl.setSeed(123);
    const { mean, std } = expectTensorDelta(2, () => mcDropoutPredict(m, x, { samples }));
    expect(m.calls).toEqual(new Array(samples).fill(true));

    // The same passes by hand, statistics in float64.
    tl.setSeed(123);
    const runs = Array.from({ length: samples }, () => {
      const y = m.predict(x, { training: true });
      const values = Float64Array.from(y.dataSync());
      y.dispose();
      return values;
    });
    const n = x.size;
    const mu = Array.from({ length: n }, (_, i) => runs.reduce((s, r) => s + r[i], 0) / samples);
    const sigma = mu.map((u, i) =>
      Math.sqrt(runs.reduce((s, r) => s + (r[i] - u) ** 2, 0) / samples),
    );
    assertClose(mean.dataSync(), mu, undefined, 'mean');
    assertClose(std.dataSync(), sigma, { rtol: 1e-4, atol: 1e-5 }, 'std');
    expect(mean.shape).toEqual([4, 6]);
    tl.dispose([x, mean, std]);
  });

  it('estimates the dropout spread: mean ≈ x, std ≈ x·√(rate/(1 − rate))', () => {
    const x = tl.fill([200], 3);
    tl.setSeed(9);
    const { mean, std } = mcDropoutPredict((t) => dropout(t, 0.5), x, { samples: 400 });
    const mu = mean.dataSync();
    const sigma = std.dataSync();
    const avg = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0) / a.length;
    expect(avg(mu)).toBeCloseTo(3, 1);
    expect(avg(sigma)).toBeCloseTo(3, 1);
    tl.dispose([x, mean, std]);
  });

  it('accepts a plain function and defaults to 30 samples', () => {
    const x = tl.ones([3]);
    let calls = 0;
    const { mean, std } = mcDropoutPredict((t, options) => {
      calls++;
      expect(options).toEqual({ training: true });
      return tl.mul(t, calls);
    }, x);
    expect(calls).toBe(30);
    assertClose(mean.dataSync(), [15.5, 15.5, 15.5]);
    // population std of 1..30 = √((30² − 1)/12)
    assertClose(std.dataSync(), new Array(3).fill(Math.sqrt((900 - 1) / 12)));
    tl.dispose([x, mean, std]);
  });

  it('keeps Welford precision when the spread is tiny against the mean', () => {
    const x = tl.fill([5], 10_000);
    let k = 0;
    const { std } = mcDropoutPredict((t) => tl.add(t, (k++ % 2) * 0.5 - 0.25), x, { samples: 100 });
    assertClose(std.dataSync(), new Array(5).fill(0.25), { rtol: 1e-3, atol: 0 });
    tl.dispose([x, std]);
  });

  it('never frees what it does not own: a predict returning x gives std 0', () => {
    const x = tl.tensor([1, 2, 3]);
    const { mean, std } = expectTensorDelta(2, () => mcDropoutPredict((t) => t, x, { samples: 5 }));
    expect(x.isDisposed).toBe(false);
    expect(Array.from(mean.dataSync())).toEqual([1, 2, 3]);
    expect(Array.from(std.dataSync())).toEqual([0, 0, 0]);
    tl.dispose([x, mean, std]);
  });

  it('cleans up and names the sample when predictions disagree', () => {
    const x = tl.ones([2]);
    let k = 0;
    const before = tl.memory().numTensors;
    expect(() =>
      mcDropoutPredict((t) => (++k === 3 ? tl.ones([3]) : tl.mul(t, 2)), x, { samples: 5 }),
    ).toThrow(
      'mcDropoutPredict: every sample must have the same shape and dtype: sample 1 is [2] float32, sample 3 is [3] float32',
    );
    expect(tl.memory().numTensors).toBe(before);
    expect(() => mcDropoutPredict({} as never, x)).toThrow(/^mcDropoutPredict: model must be/);
    expect(() => mcDropoutPredict((t) => t, x, { samples: 0 })).toThrow(
      'mcDropoutPredict: samples must be an integer ≥ 1, got 0',
    );
    expect(() => mcDropoutPredict(() => 3 as never, x)).toThrow(
      /the prediction of sample 1 must be a Tensor, got 3/,
    );
    x.dispose();
  });
});
