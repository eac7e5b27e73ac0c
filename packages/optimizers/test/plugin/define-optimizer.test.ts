// Options, hyper-parameters and the learning rate, as every optimizer made by defineOptimizer
// reads them.
import * as tl from '@tensile/core';
import '@tensile/backend-cpu';
import { describe, expect, it } from 'vitest';
import {
  adagrad,
  adam,
  adamax,
  adadelta,
  adamw,
  defineOptimizer,
  disposeState,
  nadam,
  radam,
  rmsprop,
  sgd,
} from '../../src/index.js';

describe('options', () => {
  it("fills PyTorch's defaults, camelCased", () => {
    expect(adam().hyperparams).toEqual({
      lr: 1e-3,
      betas: [0.9, 0.999],
      eps: 1e-8,
      weightDecay: 0,
      amsgrad: false,
      maximize: false,
    });
    expect(adamw().hyperparams.weightDecay).toBe(1e-2);
    expect(adagrad().hyperparams).toMatchObject({
      lr: 0.01,
      lrDecay: 0,
      initialAccumulatorValue: 0,
      eps: 1e-10,
    });
    expect(adadelta().hyperparams).toMatchObject({ lr: 1, rho: 0.9, eps: 1e-6 });
    expect(rmsprop().hyperparams).toMatchObject({
      lr: 0.01,
      alpha: 0.99,
      eps: 1e-8,
      momentum: 0,
      centered: false,
    });
    expect(nadam().hyperparams).toMatchObject({
      lr: 2e-3,
      momentumDecay: 4e-3,
      decoupledWeightDecay: false,
    });
    expect(adamax().hyperparams).toMatchObject({ lr: 2e-3, eps: 1e-8 });
    expect(radam().hyperparams).toMatchObject({ lr: 1e-3, decoupledWeightDecay: false });
    expect(sgd({ lr: 0.1 }).hyperparams).toMatchObject({
      momentum: 0,
      dampening: 0,
      nesterov: false,
      weightDecay: 0,
    });
  });

  it("requires SGD's lr, as PyTorch 1.x", () => {
    expect(() => (sgd as (o?: object) => unknown)()).toThrow(/^sgd: lr is required$/);
  });

  it('rejects unknown options, pointing at the camelCase name', () => {
    expect(() => adam({ weight_decay: 0.1 } as never)).toThrow(
      /adam: unknown option 'weight_decay' \(did you mean 'weightDecay'\?\); expected one of 'lr', 'betas'/,
    );
    expect(() => adam({ momentum: 0.9 } as never)).toThrow(tl.ValueError);
  });

  it('accepts PyTorch\'s internal switches when off, and null as "default"', () => {
    expect(() =>
      adam({
        foreach: null,
        capturable: false,
        differentiable: false,
        fused: null,
        eps: null,
      } as never),
    ).not.toThrow();
    expect(adam({ eps: null } as never).hyperparams.eps).toBe(1e-8);
    expect(() => adam({ capturable: true } as never)).toThrow(
      /adam: capturable must be false \(unsupported\), got true/,
    );
    expect(() => adam({ fused: 'yes' } as never)).toThrow(/fused must be true or false/);
  });

  it.each([
    [
      'adam',
      () => adam({ lr: -1 }),
      /adam: lr must be a number >= 0 or a schedule \(step\) => lr, got -1/,
    ],
    [
      'adam',
      () => adam({ betas: [0.9, 1] }),
      /adam: betas\[1\] must be a finite number in \[0, 1\), got 1/,
    ],
    ['adam', () => adam({ betas: [0.9] as never }), /adam: betas must be an array of 2 numbers/],
    ['adam', () => adam({ eps: -1e-8 }), /adam: eps must be a finite number >= 0/],
    ['adam', () => adam({ amsgrad: 1 as never }), /adam: amsgrad must be true or false, got 1/],
    [
      'adamw',
      () => adamw({ weightDecay: -0.01 }),
      /adamw: weightDecay must be a finite number >= 0/,
    ],
    ['sgd', () => sgd({ lr: 0.1, momentum: -0.9 }), /sgd: momentum must be a finite number >= 0/],
    [
      'sgd',
      () => sgd({ lr: 0.1, nesterov: true }),
      /sgd: nesterov needs momentum > 0 and dampening 0/,
    ],
    ['sgd', () => sgd({ lr: 0.1, momentum: 0.9, dampening: 0.1, nesterov: true }), /dampening 0/],
    ['adagrad', () => adagrad({ lrDecay: -1 }), /adagrad: lrDecay must be a finite number >= 0/],
    ['adagrad', () => adagrad({ initialAccumulatorValue: -1 }), /initialAccumulatorValue must be/],
    [
      'adadelta',
      () => adadelta({ rho: 1.5 }),
      /adadelta: rho must be a finite number in \[0, 1\], got 1.5/,
    ],
    ['rmsprop', () => rmsprop({ alpha: -1 }), /rmsprop: alpha must be a finite number >= 0/],
    [
      'nadam',
      () => nadam({ momentumDecay: -1 }),
      /nadam: momentumDecay must be a finite number >= 0/,
    ],
    ['radam', () => radam({ lr: Infinity }), /radam: lr must be a number >= 0/],
  ])('%s rejects a bad value: %s', (_, call, message) => {
    expect(call).toThrow(tl.ValueError);
    expect(call).toThrow(message);
  });
});

describe('learning rate and hyper-parameters', () => {
  it('evaluates a schedule at the number of completed updates', () => {
    const t = adam({ lr: (step) => 0.1 * (step + 1) });
    expect([0, 1, 5].map((s) => t.learningRate(s))).toEqual([0.1, 0.2, 0.1 * 6].map((x) => x));
    const bad = adam({ lr: (step) => (step < 1 ? 0.1 : -1) });
    const p = { w: tl.ones([2]) };
    let state = bad.init(p);
    const out = bad.update(p, state, p);
    state = out.state;
    out.updates.w.dispose();
    expect(() => bad.update(p, state, p)).toThrow(/adam: the lr schedule returned -1 at step 1/);
    p.w.dispose();
    disposeState(state);
  });

  it('withHyperparams changes values, keeps the rest and checks the new ones', () => {
    const t = adam({ lr: 0.1, betas: [0.8, 0.9] });
    const u = t.withHyperparams({ lr: 0.01 });
    expect(u.hyperparams).toMatchObject({ lr: 0.01, betas: [0.8, 0.9] });
    expect(t.hyperparams.lr).toBe(0.1);
    expect(u.fused).toBe(t.fused);
    expect(() => t.withHyperparams({ lr: -1 })).toThrow(/adam.withHyperparams: lr must be/);
    expect(() => t.withHyperparams({ fused: true } as never)).toThrow(
      /adam.withHyperparams: unknown hyper-parameter 'fused'/,
    );
  });

  it('toJSON writes numbers as they are and a schedule as its own config', () => {
    expect(JSON.parse(JSON.stringify(adam({ lr: 0.5 })))).toEqual({
      name: 'adam',
      hyperparams: {
        lr: 0.5,
        betas: [0.9, 0.999],
        eps: 1e-8,
        weightDecay: 0,
        amsgrad: false,
        maximize: false,
      },
    });
    const schedule = Object.assign((t: number) => 1 / (t + 1), {
      toJSON: () => ({ name: 'inverse', params: { lr0: 1 } }),
    });
    expect(adam({ lr: schedule }).toJSON().hyperparams.lr).toEqual({
      name: 'inverse',
      params: { lr0: 1 },
    });
    expect(adam({ lr: (t) => t }).toJSON().hyperparams.lr).toBeNull();
  });

  it('rejects a state it did not make', () => {
    const p = { w: tl.ones([1]) };
    expect(() => adam().update(p, { nonsense: true } as never, p)).toThrow(
      /adam.update: state must be what adam.init \(or the previous update\) returned/,
    );
    p.w.dispose();
  });
});

describe('defineOptimizer', () => {
  it('checks the definition', () => {
    const base = {
      name: 'x',
      defaults: { lr: 0.1 },
      init: () => ({}),
      update: () => ({ updates: {}, state: {} }),
    };
    expect(() => defineOptimizer({ ...base, name: '' })).toThrow(
      /defineOptimizer: name must be a non-empty string/,
    );
    expect(() => defineOptimizer({ ...base, defaults: [] as unknown as { lr: number } })).toThrow(
      /defaults must be an object listing every hyper-parameter/,
    );
    expect(() => defineOptimizer({ ...base, defaults: { lr: 0.1, maximize: false } })).toThrow(
      /defaults must not list 'maximize'/,
    );
    expect(() => defineOptimizer({ ...base, update: 3 as never })).toThrow(
      /update must be a function/,
    );
  });

  it('gives plugins the generic checks, maximize and the ownership rules for free', () => {
    const signSgd = defineOptimizer<{ lr: number; scale: number }, Record<string, never>>({
      name: 'signSgd',
      defaults: { lr: 0.1, scale: 1 },
      init: () => ({}),
      update: (grads, state, _params, hp) => ({
        updates: Object.fromEntries(
          Object.entries(grads).map(([n, g]) => [n, tl.mul(tl.sign(g), -hp.lr * hp.scale)]),
        ),
        state,
      }),
    });
    expect(signSgd.optimizerName).toBe('signSgd');
    expect(signSgd.name).toBe('signSgd');
    expect(() => signSgd({ scale: 'big' as never })).toThrow(
      /signSgd: scale must be a finite number, got 'big'/,
    );
    const t = signSgd({ maximize: true });
    const g = { w: tl.tensor([2, -3]) };
    const out = t.update(g, t.init(g));
    expect(Array.from(out.updates.w.dataSync())).toEqual([0.1, -0.1].map(Math.fround));
    expect(out.state).toEqual({ count: 1, inner: {} });
    tl.dispose([g.w, out.updates.w]);
  });
});

describe('plugins at the edges of the contract', () => {
  it('an optimizer without lr works, and says it has none', () => {
    const halve = defineOptimizer<{ lr: number }, Record<string, never>>({
      name: 'halve',
      defaults: {} as { lr: number },
      init: () => ({}),
      update: (grads, state) => ({
        updates: Object.fromEntries(Object.entries(grads).map(([n, g]) => [n, tl.mul(g, -0.5)])),
        state,
      }),
    });
    const t = halve();
    const g = { w: tl.tensor([2]) };
    const out = t.update(g, t.init(g));
    expect(Array.from(out.updates.w.dataSync())).toEqual([-1]);
    expect(() => t.learningRate(0)).toThrow(/halve: has no lr hyper-parameter/);
    tl.dispose([g.w, out.updates.w]);
  });

  it('global tensors in a plugin state are left alone by the per-parameter checks', () => {
    const counting = defineOptimizer<{ lr: number }, { total: { sum: tl.Tensor } }>({
      name: 'counting',
      defaults: { lr: 1 },
      init: () => ({ total: { sum: tl.scalar(0) } }),
      update: (grads, state) => ({
        updates: grads,
        state: { total: { sum: tl.add(state.total.sum, 1) } },
      }),
    });
    const t = counting();
    const g = { w: tl.tensor([2]) };
    let state = t.init(g);
    for (let k = 0; k < 2; k++) {
      const out = t.update(g, state);
      out.updates.w.dispose();
      state = out.state;
    }
    expect(state.inner.total.sum.dataSync()[0]).toBe(2);
    g.w.dispose();
    disposeState(state);
  });
});
