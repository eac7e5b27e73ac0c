// The fused kernels against the composite path (the definition), for every built-in and the
// variants that change a kernel's slots or branches; the packed layout; the dispatch rules.
import * as tl from '@tensile/core';
import '@tensile/backend-cpu';
import { describe, expect, it } from 'vitest';
import type { GradientTransformation } from '../../src/index.js';
import {
  BUILTIN_OPTIMIZERS,
  adam,
  disposeState,
  hasNativeKernel,
  registerOptimizerKernel,
  sgd,
} from '../../src/index.js';
import { packOptimizerOutput, unpackOptimizerOutput } from '../../src/fused/kernel.js';
import {
  maxRelativeDifference,
  quadratic,
  runFunctional,
  withoutNativeKernel,
} from '../../src/testing/index.js';
import type { Problem } from '../../src/testing/index.js';

type Name = keyof typeof BUILTIN_OPTIMIZERS;
const VARIANTS: Array<[Name, Record<string, unknown>]> = [
  ['sgd', { lr: 0.1 }],
  ['sgd', { lr: 0.05, momentum: 0.9 }],
  ['sgd', { lr: 0.05, momentum: 0.9, dampening: 0.1, weightDecay: 0.01 }],
  ['sgd', { lr: 0.05, momentum: 0.9, nesterov: true }],
  ['adagrad', { lr: 0.1 }],
  ['adagrad', { lr: 0.1, lrDecay: 0.01, initialAccumulatorValue: 0.1, weightDecay: 0.01 }],
  ['adadelta', {}],
  ['adadelta', { rho: 0.95, weightDecay: 0.01 }],
  ['rmsprop', {}],
  ['rmsprop', { centered: true }],
  ['rmsprop', { momentum: 0.9 }],
  ['rmsprop', { centered: true, momentum: 0.9, weightDecay: 0.01 }],
  ['adam', { lr: 0.05 }],
  ['adam', { lr: 0.05, amsgrad: true, betas: [0.9, 0.99] }],
  ['adam', { lr: 0.05, weightDecay: 0.01, lr_schedule: true }],
  ['adamw', { lr: 0.05 }],
  ['adamw', { lr: 0.05, amsgrad: true }],
  ['nadam', { lr: 0.05 }],
  ['nadam', { lr: 0.05, weightDecay: 0.01 }],
  ['nadam', { lr: 0.05, weightDecay: 0.01, decoupledWeightDecay: true }],
  ['adamax', { lr: 0.05 }],
  ['adamax', { lr: 0.05, weightDecay: 0.01 }],
  ['radam', { lr: 0.05 }],
  ['radam', { lr: 0.05, weightDecay: 0.01, decoupledWeightDecay: true }],
];

const STEPS = 20;
const TOLERANCE = 1e-6;

function make(
  name: Name,
  options: Record<string, unknown>,
  fused: boolean,
): GradientTransformation<unknown> {
  const { lr_schedule: scheduled, ...rest } = options;
  const o = scheduled ? { ...rest, lr: (t: number) => 0.05 / (1 + t) } : rest;
  // Options come from the table above; the factories check them.
  return (BUILTIN_OPTIMIZERS[name] as (o: object) => GradientTransformation<unknown>)({
    ...o,
    fused,
  });
}

/** The quadratic with float64 parameters (the cpu backend stores float64). */
function float64(problem: Problem): Problem {
  return {
    ...problem,
    init: () =>
      tl.tidy(() =>
        Object.fromEntries(
          Object.entries(problem.init()).map(([n, t]) => [n, tl.cast(t, 'float64')]),
        ),
      ),
    grads: (params) =>
      tl.tidy(() => {
        const f32 = Object.fromEntries(
          Object.entries(params).map(([n, t]) => [n, tl.cast(t, 'float32')]),
        );
        return Object.fromEntries(
          Object.entries(problem.grads(f32)).map(([n, t]) => [n, tl.cast(t, 'float64')]),
        );
      }),
  };
}

describe('fused kernels equal the composite path', () => {
  const measured: string[] = [];
  for (const [name, options] of VARIANTS) {
    it(`${name} ${JSON.stringify(options)}`, () => {
      const composite = runFunctional(make(name, options, false), quadratic(), { steps: STEPS });
      const fused = runFunctional(make(name, options, true), quadratic(), { steps: STEPS });
      const kernel = make(name, options, true) as { kernelName?: string };
      const viaDefault = withoutNativeKernel(kernel.kernelName ?? '', 'cpu', () =>
        runFunctional(make(name, options, true), quadratic(), { steps: STEPS }),
      );
      const diff = maxRelativeDifference(fused, composite);
      const diffDefault = maxRelativeDifference(viaDefault, composite);
      measured.push(
        `${name} ${JSON.stringify(options)}: kernel ${diff.toExponential(2)}, composite default ${diffDefault.toExponential(2)}`,
      );
      expect(diff).toBeLessThanOrEqual(TOLERANCE);
      expect(diffDefault).toBeLessThanOrEqual(TOLERANCE);
      // The composite path is not a copy of the kernel: the two really ran different code.
      expect(fused.values).not.toBe(composite.values);
    });
  }

  it('in float64 too', () => {
    const problem = float64(quadratic());
    const composite = runFunctional(adam({ lr: 0.05, fused: false }), problem, { steps: STEPS });
    const fused = runFunctional(adam({ lr: 0.05, fused: true }), problem, { steps: STEPS });
    const diff = maxRelativeDifference(fused, composite);
    measured.push(`adam float64: kernel ${diff.toExponential(2)}`);
    expect(diff).toBeLessThanOrEqual(1e-12);
  });

  it('report', () => {
    console.log(
      `fused vs composite, ${STEPS} steps on the quadratic (max-norm relative):\n${measured.join('\n')}`,
    );
  });
});

describe('packed layout', () => {
  it('is every update, then each slot for every parameter', () => {
    const u = [tl.tensor([1, 2]), tl.tensor([[3]])];
    const m = [tl.tensor([4, 5]), tl.tensor([[6]])];
    const v = [tl.tensor([7, 8]), tl.tensor([[9]])];
    const packed = packOptimizerOutput(u, [m, v]);
    expect(Array.from(packed.dataSync())).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const out = unpackOptimizerOutput(packed, [[2], [1, 1]], 2);
    expect(out.updates.map((t) => t.shape)).toEqual([[2], [1, 1]]);
    expect(out.slots.map((s) => s.map((t) => Array.from(t.dataSync())))).toEqual([
      [[4, 5], [6]],
      [[7, 8], [9]],
    ]);
    tl.dispose([u, m, v, packed, out.updates, out.slots]);
  });
});

describe('dispatch', () => {
  it('registers a cpu kernel for every built-in', () => {
    for (const factory of Object.values(BUILTIN_OPTIMIZERS)) {
      const kernelName = (factory as (o: object) => { kernelName?: string })({
        lr: 0.1,
      }).kernelName;
      expect(kernelName !== undefined && hasNativeKernel(kernelName, 'cpu')).toBe(true);
    }
  });

  it('fused: true needs the params; mixed dtypes take the composite path', () => {
    const t = adam({ fused: true });
    const p = { w: tl.ones([2]) };
    const state = t.init(p);
    expect(() => t.update(p, state)).toThrow(/adam: the fused update needs the parameters/);
    const mixed = { w: tl.ones([2], 'float64'), b: tl.ones([3]) };
    const mixedState = t.init(mixed);
    // One kernel call takes one dtype: these parameters take the composite path.
    const out = t.update(mixed, mixedState, mixed);
    expect([out.updates.w.dtype, out.updates.b.dtype]).toEqual(['float64', 'float32']);
    tl.dispose([p.w, mixed, out.updates]);
    disposeState([state, out.state]);
  });

  it('a step without state skips the kernel unless fused: true', () => {
    expect(() => runFunctional(sgd({ lr: 0.1 }), quadratic(), { steps: 2 })).not.toThrow();
  });

  it('registerOptimizerKernel checks its config', () => {
    expect(() =>
      registerOptimizerKernel({ kernelName: '', backendName: 'cpu', loop: () => undefined }),
    ).toThrow(/registerOptimizerKernel: kernelName must be a non-empty string/);
    expect(() =>
      registerOptimizerKernel({ kernelName: 'X', backendName: 'cpu', loop: 3 as never }),
    ).toThrow(/loop must be a function/);
  });
});
