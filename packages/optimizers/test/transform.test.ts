// The optax-shaped contract: defineTransformation's ownership rules, chain, applyUpdates.
import * as tl from '@tensile/core';
import '@tensile/backend-cpu';
import { describe, expect, it } from 'vitest';
import type { ParamsRecord } from '../src/index.js';
import {
  adam,
  applyUpdates,
  chain,
  clipByGlobalNorm,
  defineTransformation,
  disposeState,
  hasHyperparams,
  identity,
  scaleByLearningRate,
} from '../src/index.js';

const values = (t: tl.Tensor): number[] => Array.from(t.dataSync());

/** A transformation whose state is a running sum of the gradients, and update = that sum. */
const runningSum = () =>
  defineTransformation<{ sum: ParamsRecord }>({
    name: 'runningSum',
    init: (params) => ({
      sum: Object.fromEntries(Object.entries(params).map(([n, p]) => [n, tl.zerosLike(p)])),
    }),
    update(grads, state) {
      const sum = Object.fromEntries(
        Object.entries(grads).map(([n, g]) => [n, tl.add(state.sum[n], g)]),
      );
      // Returns its new state tensors as the updates: the wrapper must hand out clones.
      return { updates: sum, state: { sum } };
    },
  });

describe('defineTransformation: ownership', () => {
  it('keeps the new state across an enclosing tidy and disposes the replaced state', () => {
    const t = runningSum();
    const grads = { w: tl.tensor([1, 2]) };
    const s0 = t.init(grads);
    const s1 = tl.tidy(() => t.update(grads, s0).state);
    expect(s0.sum.w.isDisposed).toBe(true);
    expect(s1.sum.w.isDisposed).toBe(false);
    expect(values(s1.sum.w)).toEqual([1, 2]);
    expect(() => t.update(grads, s0)).toThrow(tl.DisposedError);
    disposeState(s1);
    grads.w.dispose();
  });

  it('hands out updates that alias neither state, grads nor params', () => {
    const t = runningSum();
    const grads = { w: tl.tensor([1, 2]) };
    const state = t.init(grads);
    const out = t.update(grads, state, grads);
    expect(out.updates.w).not.toBe(out.state.sum.w);
    out.updates.w.dispose();
    expect(values(out.state.sum.w)).toEqual([1, 2]);
    const passed = identity().update(grads, {});
    expect(passed.updates.w).not.toBe(grads.w);
    passed.updates.w.dispose();
    expect(grads.w.isDisposed).toBe(false);
    disposeState(out.state);
    grads.w.dispose();
  });

  it('frees every temporary: a step leaves only its updates and state', () => {
    const t = adam({ lr: 0.1, fused: false });
    const params = { w: tl.tensor([1, 2, 3]) };
    let state = t.init(params);
    const before = tl.memory().numTensors;
    const grads = { w: tl.tensor([0.1, 0.2, 0.3]) };
    const out = t.update(grads, state, params);
    state = out.state;
    // + grads + updates; the state's tensors were replaced one for one.
    expect(tl.memory().numTensors - before).toBe(2);
    tl.dispose([grads.w, out.updates.w, params.w]);
    disposeState(state);
  });

  it('rejects gradients that do not match the state or the params', () => {
    const t = adam();
    const params = { w: tl.zeros([2, 3]), b: tl.zeros([3]) };
    const state = t.init(params);
    const wrongShape = { w: tl.zeros([3, 2]), b: tl.zeros([3]) };
    expect(() => t.update(wrongShape, state)).toThrow(tl.ShapeError);
    expect(() => t.update(wrongShape, state)).toThrow(
      /grads\['w'\] is \[3,2\] but the state for 'w' is \[2,3\]/,
    );
    const missing = { w: tl.zeros([2, 3]) };
    expect(() => t.update(missing, state)).toThrow(/grads has no entry for parameter 'b'/);
    const extra = { ...params, c: tl.zeros([1]) };
    expect(() => t.update(extra, state)).toThrow(
      /grads has parameter 'c', but the state was made for 'w', 'b'/,
    );
    expect(() => t.update({ w: params.w, b: params.b }, state, { w: params.w })).toThrow(
      /params has no entry for parameter 'b'/,
    );
    expect(() => t.update({ w: [1, 2] as unknown as tl.Tensor }, state)).toThrow(
      /grads\['w'\] must be a Tensor/,
    );
    expect(() => t.update({ w: tl.zeros([2, 3], 'int32'), b: params.b }, state)).toThrow(
      tl.DtypeError,
    );
    tl.dispose([params, wrongShape, missing, extra.c]);
    disposeState(state);
  });

  it('says which transformation needs the params', () => {
    const decayed = adam({ weightDecay: 0.1 });
    const p = { w: tl.ones([2]) };
    const s = decayed.init(p);
    expect(() => decayed.update(p, s)).toThrow(
      /addWeightDecay.update: needs the parameters: call update\(grads, state, params\)/,
    );
    tl.dispose(p.w);
    disposeState(s);
  });
});

describe('chain', () => {
  it('feeds each update to the next and keeps one state per member', () => {
    const t = chain(clipByGlobalNorm(1), scaleByLearningRate(0.5));
    const grads = { w: tl.tensor([3, 4]) };
    const state = t.init(grads);
    expect(state).toEqual([{}, { count: 0 }]);
    const out = t.update(grads, state);
    expect(out.state).toEqual([{}, { count: 1 }]);
    const factor = 1 / (5 + 1e-6);
    expect(values(out.updates.w)).toEqual([-0.5 * 3 * factor, -0.5 * 4 * factor].map(Math.fround));
    tl.dispose([grads.w, out.updates.w]);
  });

  it("merges its members' hyper-parameters and routes changes to them", () => {
    const t = chain(clipByGlobalNorm(1), adam({ lr: 0.1 }));
    expect(hasHyperparams(t)).toBe(true);
    expect(t.hyperparams.lr).toBe(0.1);
    expect(t.hyperparams.betas).toEqual([0.9, 0.999]);
    const slower = t.withHyperparams({ lr: 0.01 });
    expect(slower.hyperparams.lr).toBe(0.01);
    expect(t.hyperparams.lr).toBe(0.1);
    expect(() => t.withHyperparams({ momentum: 0.9 })).toThrow(
      /chain\(clipByGlobalNorm, adam\).withHyperparams: unknown hyper-parameter 'momentum'/,
    );
    expect(() => chain(identity()).withHyperparams({ lr: 1 })).toThrow(
      /no member has hyper-parameters/,
    );
  });

  it('rejects what is not a transformation', () => {
    expect(() => chain(identity(), 3 as never)).toThrow(
      /chain: argument 1 must be a GradientTransformation, got 3/,
    );
  });

  it("rejects a state that is not its members' list", () => {
    const t = chain(identity(), identity());
    const g = { w: tl.ones([1]) };
    expect(() => t.update(g, [{}] as never)).toThrow(/state must be the list of 2 member states/);
    g.w.dispose();
  });
});

describe('applyUpdates', () => {
  it('adds, as new tensors, for records and lists', () => {
    const p = { w: tl.tensor([1, 2]) };
    const u = { w: tl.tensor([0.5, -1]) };
    const out = applyUpdates(p, u);
    expect(values(out.w)).toEqual([1.5, 1]);
    expect(out.w).not.toBe(p.w);
    const list = applyUpdates([p.w], [u.w]);
    expect(Array.isArray(list)).toBe(true);
    expect(values(list[0])).toEqual([1.5, 1]);
    tl.dispose([p.w, u.w, out.w, list[0]]);
  });

  it('rejects mismatched names and shapes', () => {
    const p = { w: tl.zeros([2]) };
    expect(() => applyUpdates(p, { v: tl.zeros([2]) } as never)).toThrow(
      /applyUpdates: updates has an unknown parameter 'v'/,
    );
    expect(() => applyUpdates(p, { w: tl.zeros([3]) })).toThrow(tl.ShapeError);
    expect(() => applyUpdates(p, { w: tl.zeros([3]) })).toThrow(
      /updates\['w'\] is \[3\] but params\['w'\] is \[2\]/,
    );
    tl.dispose(p.w);
  });
});
