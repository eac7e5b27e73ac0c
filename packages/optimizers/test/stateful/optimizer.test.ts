// optimizer(t, variables): in-place steps, parameter groups, learning-rate changes, checkpoints.
import * as tl from '@tensile/core';
import '@tensile/backend-cpu';
import { describe, expect, it } from 'vitest';
import type { GradientTransformation, OptimizerStateDict } from '../../src/index.js';
import {
  adam,
  applyUpdates,
  chain,
  clipByGlobalNorm,
  disposeState,
  identity,
  optimizer,
  sgd,
} from '../../src/index.js';

let serial = 0;
function vars(values: Record<string, number[]>): Record<string, tl.Variable> {
  const id = serial++;
  return Object.fromEntries(
    Object.entries(values).map(([n, v]) => [
      n,
      tl.variable(tl.tensor(v), { name: `stateful_${id}_${n}` }),
    ]),
  );
}
const read = (vs: Record<string, tl.Tensor>): Record<string, number[]> =>
  Object.fromEntries(Object.entries(vs).map(([n, v]) => [n, Array.from(v.dataSync())]));
/** ∇ of Σ θ²/2: the variables themselves, as new tensors. */
const gradsOf = (vs: Record<string, tl.Tensor>) =>
  Object.fromEntries(Object.entries(vs).map(([n, v]) => [n, tl.clone(v)]));
function step(opt: ReturnType<typeof optimizer>, vs: Record<string, tl.Tensor>): void {
  const g = gradsOf(vs);
  opt.step(g);
  tl.dispose(g);
}
function cleanup(opt: ReturnType<typeof optimizer>, vs: Record<string, tl.Variable>): void {
  opt.dispose();
  tl.dispose(Object.values(vs));
}

describe('optimizer(t, variables)', () => {
  it('steps the variables in place, as the functional API does', () => {
    const v = vars({ w: [1, -2], b: [0.5] });
    const opt = optimizer(adam({ lr: 0.1 }), v);
    let params: Record<string, tl.Tensor> = { w: tl.tensor([1, -2]), b: tl.tensor([0.5]) };
    const t = adam({ lr: 0.1 });
    let state = t.init(params);
    for (let k = 0; k < 3; k++) {
      step(opt, v);
      const g = gradsOf(params);
      const out = t.update(g, state, params);
      const next = applyUpdates(params, out.updates);
      tl.dispose([g, out.updates, params]);
      params = next;
      state = out.state;
    }
    expect(read(v)).toEqual(read(params));
    expect(opt.iterations).toBe(3);
    tl.dispose(params);
    disposeState(state);
    cleanup(opt, v);
  });

  it("takes grads as a list in the variables' order, and variables as a list", () => {
    const v = vars({ w: [1, 2], b: [3] });
    const byList = optimizer(sgd({ lr: 0.5 }), [v.w, v.b]);
    expect(byList.groups[0].params).toEqual([v.w.name, v.b.name]);
    byList.step([tl.ones([2]), tl.ones([1])]);
    expect(read(v)).toEqual({ w: [0.5, 1.5], b: [2.5] });
    expect(() => byList.step([tl.ones([2])])).toThrow(
      /optimizer.step: grads has 1 tensors for 2 variables/,
    );
    cleanup(byList, v);
  });

  it('rejects gradients that do not match the variables', () => {
    const v = vars({ w: [1, 2] });
    const opt = optimizer(sgd({ lr: 0.1 }), v);
    expect(() => opt.step({ x: tl.ones([2]) })).toThrow(
      /optimizer.step: grads has an unknown parameter 'x'; variables has 'w'/,
    );
    expect(() => opt.step({})).toThrow(/grads has no entry for parameter 'w'/);
    expect(() => opt.step({ w: tl.ones([3]) })).toThrow(tl.ShapeError);
    expect(() => optimizer(sgd({ lr: 0.1 }), { w: tl.ones([2]) as tl.Variable })).toThrow(
      /optimizer: variables\['w'\] must be a Variable/,
    );
    expect(() => optimizer(sgd({ lr: 0.1 }), {})).toThrow(/variables is empty/);
    cleanup(opt, v);
  });

  it('after dispose, refuses to step', () => {
    const v = vars({ w: [1] });
    const opt = optimizer(adam(), v);
    opt.dispose();
    expect(() => step(opt, v)).toThrow(tl.DisposedError);
    tl.dispose(Object.values(v));
  });
});

describe('parameter groups', () => {
  it('give each group its hyper-parameters: the same as one optimizer per group', () => {
    const v = vars({ w: [1, 2], b: [3] });
    const grouped = optimizer(sgd({ lr: 0.1, momentum: 0.9 }), v, {
      groups: [{ params: ['b'], name: 'bias', lr: 0.01, weightDecay: 0.1 }],
    });
    expect(grouped.groups.map((g) => [g.name, g.params, g.hyperparams.lr])).toEqual([
      ['bias', ['b'], 0.01],
      ['default', ['w'], 0.1],
    ]);
    const w = vars({ w: [1, 2] });
    const b = vars({ b: [3] });
    const optW = optimizer(sgd({ lr: 0.1, momentum: 0.9 }), w);
    const optB = optimizer(sgd({ lr: 0.01, momentum: 0.9, weightDecay: 0.1 }), b);
    for (let k = 0; k < 3; k++) {
      step(grouped, v);
      step(optW, w);
      step(optB, b);
    }
    expect(read(v)).toEqual({ ...read(w), ...read(b) });
    for (const [o, x] of [
      [grouped, v],
      [optW, w],
      [optB, b],
    ] as const)
      cleanup(o, x);
  });

  it('reject unknown or repeated names, and groups on a transformation without hyper-parameters', () => {
    const v = vars({ w: [1], b: [2] });
    expect(() => optimizer(adam(), v, { groups: [{ params: ['x'] }] })).toThrow(
      /optimizer: unknown parameter in groups\[0\] 'x'; expected one of 'w', 'b'/,
    );
    expect(() => optimizer(adam(), v, { groups: [{ params: ['w'] }, { params: ['w'] }] })).toThrow(
      /parameter 'w' is in two groups/,
    );
    expect(() => optimizer(identity(), v, { groups: [{ params: ['w'], lr: 1 }] })).toThrow(
      /optimizer: identity has no hyper-parameters to set \(asked for 'lr'\)/,
    );
    expect(() => optimizer(adam(), v, { groups: [{ params: ['w'], lr: -1 }] })).toThrow(
      /lr must be/,
    );
    expect(() => optimizer(adam(), v, { groups: [{ params: [] }] })).toThrow(/groups\[0\] must be/);
    tl.dispose(Object.values(v));
  });
});

describe('learning rate', () => {
  it('lr is the rate of the next step; setLearningRate keeps the state', () => {
    const v = vars({ w: [1, 2] });
    const opt = optimizer(adam({ lr: (t) => 0.1 / (t + 1) }), v);
    expect(opt.lr).toBe(0.1);
    step(opt, v);
    expect(opt.lr).toBe(0.05);
    opt.setLearningRate(0.01);
    expect(opt.lr).toBe(0.01);
    opt.lr = 0.02;
    expect(opt.lr).toBe(0.02);
    expect(() => opt.setLearningRate(-1)).toThrow(
      /optimizer.setLearningRate: lr must be a number >= 0/,
    );
    expect(() => opt.setLearningRate(0.1, 'nope')).toThrow(
      /optimizer.setLearningRate: unknown group 'nope'; expected one of 'default'/,
    );
    cleanup(opt, v);
  });

  it('sets one group, other hyper-parameters, and works through a chain', () => {
    const v = vars({ w: [1, 2], b: [3] });
    const opt = optimizer(chain(clipByGlobalNorm(1), sgd({ lr: 0.1, momentum: 0.9 })), v, {
      groups: [{ name: 'bias', params: ['b'], lr: 0.5 }],
    });
    opt.setLearningRate(0.2, 'default');
    expect(opt.groups.map((g) => g.hyperparams.lr)).toEqual([0.5, 0.2]);
    opt.setHyperparams({ momentum: 0.5 });
    expect(opt.groups.map((g) => g.hyperparams.momentum)).toEqual([0.5, 0.5]);
    expect(() => opt.setHyperparams({ beta: 1 })).toThrow(/unknown hyper-parameter 'beta'/);
    step(opt, v);
    cleanup(opt, v);
    const plain = vars({ w: [1] });
    const noLr = optimizer(identity(), plain);
    expect(() => noLr.lr).toThrow(/optimizer.lr: identity has no 'lr' hyper-parameter/);
    cleanup(noLr, plain);
  });
});

describe('state dicts', () => {
  function trained(t: GradientTransformation<unknown> = adam({ lr: 0.1, amsgrad: true })) {
    const v = vars({ w1: [1, 2, 3], w2: [4] });
    const opt = optimizer(t, v);
    for (let k = 0; k < 2; k++) step(opt, v);
    return { v, opt };
  }

  it('is JSON with the step count, the hyper-parameters and the state by parameter name', () => {
    const { v, opt } = trained();
    const dict = opt.stateDict();
    expect(JSON.parse(JSON.stringify(dict))).toEqual(dict);
    expect(dict).toMatchObject({
      format: 'tensile.optimizer',
      version: 1,
      transformation: 'adam',
      step: 2,
    });
    expect(dict.groups[0]).toMatchObject({
      name: 'default',
      params: ['w1', 'w2'],
      hyperparams: { lr: 0.1, betas: [0.9, 0.999], amsgrad: true },
      scalars: { count: 2, 'inner.1.count': 2, 'inner.2.count': 2 },
    });
    expect(Object.keys(dict.state.w1).sort()).toEqual([
      'inner.1.expAvg',
      'inner.1.expAvgSq',
      'inner.1.maxExpAvgSq',
    ]);
    expect(dict.state.w1['inner.1.expAvg']).toMatchObject({ shape: [3], dtype: 'float32' });
    cleanup(opt, v);
  });

  it('restores hyper-parameters too, and keeps state for stateless transformations by name', () => {
    const { v, opt } = trained();
    const dict = opt.stateDict();
    const fresh = vars({ w1: [0, 0, 0], w2: [0] });
    const other = optimizer(adam({ lr: 0.5, amsgrad: true }), fresh);
    other.loadStateDict(dict);
    expect(other.lr).toBe(0.1);
    expect(other.iterations).toBe(2);
    cleanup(other, fresh);
    const plain = trained(sgd({ lr: 0.1 }));
    expect(plain.opt.stateDict().state).toEqual({ w1: {}, w2: {} });
    cleanup(plain.opt, plain.v);
    cleanup(opt, v);
  });

  it("rejects unknown and missing parameters, shape mismatches and other optimizers' state", () => {
    const { v, opt } = trained();
    const good = opt.stateDict();
    const bad = (change: (d: OptimizerStateDict) => unknown): OptimizerStateDict => {
      const copy = JSON.parse(JSON.stringify(good)) as OptimizerStateDict;
      change(copy);
      return copy;
    };
    const before = read(v);
    expect(() => opt.loadStateDict(bad((d) => (d.state.w3 = d.state.w1)))).toThrow(
      /^loadStateDict: unknown parameter 'w3'; expected one of 'w1', 'w2'$/,
    );
    expect(() => opt.loadStateDict(bad((d) => delete d.state.w2))).toThrow(
      /^loadStateDict: missing parameter 'w2'$/,
    );
    expect(() =>
      opt.loadStateDict(
        bad((d) => (d.state.w1['inner.1.expAvg'] = { shape: [2], dtype: 'float32', data: [0, 0] })),
      ),
    ).toThrow(tl.ShapeError);
    expect(() =>
      opt.loadStateDict(
        bad((d) => (d.state.w1['inner.1.expAvg'] = { shape: [2], dtype: 'float32', data: [0, 0] })),
      ),
    ).toThrow(/slot 'inner.1.expAvg' of parameter 'w1' is \[2\], but the parameter needs \[3\]/);
    expect(() =>
      opt.loadStateDict(bad((d) => (d.state.w1.extra = d.state.w1['inner.1.expAvg']))),
    ).toThrow(/unknown slot 'extra' for parameter 'w1'/);
    expect(() => opt.loadStateDict(bad((d) => (d.transformation = 'sgd')))).toThrow(
      /the state was saved from 'sgd', this optimizer is 'adam'/,
    );
    expect(() => opt.loadStateDict(bad((d) => (d.step = -1)))).toThrow(tl.FormatError);
    expect(() => opt.loadStateDict({} as OptimizerStateDict)).toThrow(tl.FormatError);
    expect(() => opt.loadStateDict(bad((d) => (d.state.w1['inner.1.expAvg'].data = [1])))).toThrow(
      /has 1 values for shape \[3\]/,
    );
    expect(() =>
      opt.loadStateDict(bad((d) => (d.groups[0].scalars['inner.1.count'] = 'x'))),
    ).toThrow(/scalar 'inner.1.count' must be a number/);
    // Every failed load left the optimizer as it was.
    step(opt, v);
    expect(read(v)).not.toEqual(before);
    expect(opt.iterations).toBe(3);
    cleanup(opt, v);
  });

  it('a schedule is code, not state: the loading optimizer must have one', () => {
    const v = vars({ w: [1] });
    const scheduled = optimizer(adam({ lr: (t) => 0.1 / (t + 1) }), v);
    step(scheduled, v);
    const dict = scheduled.stateDict();
    expect(dict.groups[0].hyperparams.lr).toBeNull();
    const w = vars({ w: [1] });
    const again = optimizer(adam({ lr: (t) => 0.1 / (t + 1) }), w);
    again.loadStateDict(dict);
    expect(again.lr).toBe(0.05);
    const constant = optimizer(adam({ lr: 0.1 }), w);
    expect(() => constant.loadStateDict(dict)).toThrow(
      /group 'default' was saved with an lr schedule; build the optimizer with that schedule/,
    );
    constant.dispose();
    cleanup(again, w);
    cleanup(scheduled, v);
  });
});

describe('with tl.variableGrads', () => {
  it("takes gradients keyed by the variables' own names", () => {
    const w = tl.variable(tl.tensor([1, 2]), { name: 'stateful_own_name' });
    const opt = optimizer(sgd({ lr: 0.5 }), { weights: w });
    const { value, grads } = tl.variableGrads(() => tl.sum(tl.square(w)), [w]);
    opt.step(grads);
    expect(Array.from(w.dataSync())).toEqual([0, 0]);
    tl.dispose([value, grads]);
    cleanup(opt, { w });
  });
});
