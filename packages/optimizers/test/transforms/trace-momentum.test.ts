import * as tl from '@tensile/core';
import '@tensile/backend-cpu';
import { describe, expect, it } from 'vitest';
import { disposeState, traceMomentum } from '../../src/index.js';

/** The updates of `steps` calls with the given scalar gradients (one parameter of size 1). */
function run(t: ReturnType<typeof traceMomentum>, gs: number[]): number[] {
  let state = t.init({ w: tl.zeros([1]) });
  const out: number[] = [];
  for (const g of gs) {
    const grads = { w: tl.tensor([g]) };
    const step = t.update(grads, state);
    out.push(step.updates.w.dataSync()[0]);
    tl.dispose([grads.w, step.updates.w]);
    state = step.state;
  }
  disposeState(state);
  return out;
}

describe('traceMomentum', () => {
  it('starts the buffer at the first gradient and dampens only from step 2 (PyTorch SGD)', () => {
    const [m, d] = [0.9, 0.25];
    const got = run(traceMomentum({ momentum: m, dampening: d }), [1, 2, 3]);
    const b1 = 1;
    const b2 = m * b1 + (1 - d) * 2;
    const b3 = m * b2 + (1 - d) * 3;
    expect(got).toEqual([b1, b2, b3].map(Math.fround));
  });

  it('Nesterov returns g + momentum·buf', () => {
    const got = run(traceMomentum({ momentum: 0.5, nesterov: true }), [1, 2]);
    const b2 = 0.5 * 1 + 2;
    expect(got).toEqual([1 + 0.5 * 1, 2 + 0.5 * b2]);
  });

  it('with momentum 0 passes gradients through and keeps no buffer', () => {
    const t = traceMomentum(0);
    const state = t.init({ w: tl.zeros([2]) });
    expect(state).toEqual({ count: 0, momentumBuffer: {} });
    expect(run(t, [3, -1])).toEqual([3, -1]);
  });

  it('rejects Nesterov without momentum or with dampening, as PyTorch', () => {
    expect(() => traceMomentum({ momentum: 0, nesterov: true })).toThrow(
      /traceMomentum: nesterov needs momentum > 0 and dampening 0, got momentum 0 and dampening 0/,
    );
    expect(() => traceMomentum({ momentum: 0.9, dampening: 0.1, nesterov: true })).toThrow(
      tl.ValueError,
    );
    expect(() => traceMomentum(-0.1)).toThrow(/momentum must be a finite number >= 0, got -0.1/);
  });
});
