// 1,000 steps leave tl.memory() where it was: every built-in through the stateful wrapper (fused
// kernel), and a chain through the functional API inside a tidy, as a training loop writes it.
import * as tl from '@tensile/core';
import '@tensile/backend-cpu';
import { describe, expect, it } from 'vitest';
import {
  BUILTIN_OPTIMIZERS,
  adam,
  applyUpdates,
  chain,
  clipByGlobalNorm,
  disposeState,
  optimizer,
} from '../src/index.js';
import { quadratic } from '../src/testing/index.js';

const STEPS = 1000;

describe(`no tensor leaks across ${STEPS} steps`, () => {
  for (const [name, factory] of Object.entries(BUILTIN_OPTIMIZERS)) {
    it(`${name}, stateful`, () => {
      const problem = quadratic();
      const before = tl.memory();
      const init = problem.init();
      const vars = Object.fromEntries(
        Object.entries(init).map(([n, t]) => [n, tl.variable(t, { name: `leak_${name}_${n}` })]),
      );
      tl.dispose(init);
      const opt = optimizer(
        (factory as (o: object) => ReturnType<typeof adam>)({ lr: 1e-3 }),
        vars,
      );
      const during = tl.memory().numTensors;
      for (let k = 0; k < STEPS; k++) {
        const grads = problem.grads(vars);
        opt.step(grads);
        tl.dispose(grads);
        if (k === 0 || k === STEPS - 1) expect(tl.memory().numTensors).toBe(during);
      }
      opt.dispose();
      tl.dispose(Object.values(vars));
      expect(tl.memory().numTensors).toBe(before.numTensors);
      expect(tl.memory().numDataBuffers).toBe(before.numDataBuffers);
    });
  }

  it('a chain through the functional API, state carried out of tidy', () => {
    const problem = quadratic();
    const t = chain(clipByGlobalNorm(1), adam({ lr: 1e-3, fused: false }));
    const before = tl.memory().numTensors;
    let params = problem.init();
    let state = t.init(params);
    const during = tl.memory().numTensors;
    for (let k = 0; k < STEPS; k++) {
      const next = tl.tidy(() => {
        const out = t.update(problem.grads(params), state, params);
        state = out.state;
        return applyUpdates(params, out.updates);
      });
      tl.dispose(params);
      params = next;
    }
    expect(tl.memory().numTensors).toBe(during);
    tl.dispose(params);
    disposeState(state);
    expect(tl.memory().numTensors).toBe(before);
  });
});
