// Test problems with known minima, in closed form (no autodiff needed): each makes fresh
// parameter tensors, gradients and the loss as a number. Two parameter tensors of different
// shapes, so every check exercises more than one parameter.
import * as tl from '@tensile/core';
import type { ParamsRecord } from '../params.js';

export interface Problem {
  readonly name: string;
  /** Starting parameters (new tensors, the caller owns them). */
  init(): ParamsRecord;
  /** The gradient at `params` (new tensors). */
  grads(params: ParamsRecord): ParamsRecord;
  loss(params: ParamsRecord): number;
}

/** Deterministic values in [lo, hi) from a small LCG: test data, not a random generator. */
export function testValues(count: number, seed: number, lo = -1, hi = 1): Float32Array {
  const out = new Float32Array(count);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < count; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = lo + ((s >>> 8) / 16777216) * (hi - lo);
  }
  return out;
}

const SHAPES: Record<string, number[]> = { W: [3, 4], b: [4] };

/** f(θ) = Σ ½·a·(θ − c)², a ∈ [0.5, 2): minimum 0 at θ = c. */
export function quadratic(): Problem {
  const data = Object.entries(SHAPES).map(([name, shape], i) => {
    const size = shape.reduce((x, y) => x * y, 1);
    return {
      name,
      shape,
      a: testValues(size, 11 + i, 0.5, 2),
      c: testValues(size, 23 + i, -1, 1),
      theta0: testValues(size, 37 + i, -2, 2),
    };
  });
  return {
    name: 'quadratic',
    init: () => Object.fromEntries(data.map((d) => [d.name, tl.tensor(d.theta0, d.shape)])),
    grads: (params) =>
      tl.tidy(() =>
        Object.fromEntries(
          data.map((d) => [
            d.name,
            tl.mul(tl.tensor(d.a, d.shape), tl.sub(params[d.name], tl.tensor(d.c, d.shape))),
          ]),
        ),
      ),
    loss(params) {
      let total = 0;
      for (const d of data) {
        const theta = params[d.name].dataSync();
        for (let i = 0; i < theta.length; i++) total += 0.5 * d.a[i] * (theta[i] - d.c[i]) ** 2;
      }
      return total;
    },
  };
}

/**
 * The Rosenbrock function f(x, y) = (1 − x)² + 100(y − x²)², elementwise over x [2] and y [2]
 * (two independent valleys, from (−1.2, 1) and (−0.5, 0.5)): minimum 0 at x = y = 1.
 */
export function rosenbrock(): Problem {
  const x0 = Float32Array.from([-1.2, -0.5]);
  const y0 = Float32Array.from([1, 0.5]);
  return {
    name: 'rosenbrock',
    init: () => ({ x: tl.tensor(x0), y: tl.tensor(y0) }),
    grads: ({ x, y }) =>
      tl.tidy(() => {
        const valley = tl.sub(y, tl.square(x));
        return {
          // ∂f/∂x = −2(1 − x) − 400·x·(y − x²),  ∂f/∂y = 200·(y − x²)
          x: tl.sub(tl.mul(tl.sub(x, 1), 2), tl.mul(tl.mul(x, valley), 400)),
          y: tl.mul(valley, 200),
        };
      }),
    loss({ x, y }) {
      const xs = x.dataSync();
      const ys = y.dataSync();
      let total = 0;
      for (let i = 0; i < xs.length; i++)
        total += (1 - xs[i]) ** 2 + 100 * (ys[i] - xs[i] ** 2) ** 2;
      return total;
    },
  };
}
