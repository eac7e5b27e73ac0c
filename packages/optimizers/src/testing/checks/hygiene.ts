// Memory, bad options, maximize, lists of tensors: what every optimizer owes its caller.
import * as tl from '@tensile/core';
import { disposeState } from '../../ownership.js';
import { optimizer } from '../../stateful/optimizer.js';
import { variablesFor } from '../variables.js';
import type { BatteryContext } from '../context.js';
import { quadratic } from '../problems.js';
import { expectSameTrajectory, runFunctional } from '../trajectory.js';

export function hygieneChecks(ctx: BatteryContext): void {
  const { api, settings } = ctx;
  const steps = settings.leakSteps ?? 100;

  api.it(`leaves no tensor behind (${steps} steps, functional and stateful)`, () => {
    const before = tl.memory();
    runFunctional(ctx.make(), quadratic(), { steps });
    const problem = quadratic();
    const vars = variablesFor(problem.init(), 'leak');
    const opt = optimizer(ctx.make(), vars);
    for (let k = 0; k < steps; k++) {
      const grads = problem.grads(vars);
      opt.step(grads);
      tl.dispose(grads);
    }
    opt.dispose();
    tl.dispose(Object.values(vars));
    const after = tl.memory();
    api.expect(after.numTensors - before.numTensors).toBe(0);
    api.expect(after.numDataBuffers - before.numDataBuffers).toBe(0);
  });

  api.it('rejects a negative lr with a TensileError naming it', () => {
    let caught: unknown;
    try {
      ctx.make({ lr: -1 });
    } catch (error) {
      caught = error;
    }
    api.expect(caught instanceof tl.TensileError).toBe(true);
    api.expect(/lr/.test(String((caught as Error | undefined)?.message))).toBe(true);
  });

  api.it('maximize: true on g moves as minimizing −g does', () => {
    const up = runFunctional(ctx.make({ maximize: true }), quadratic(), {
      steps: 5,
      grads: (g) => Object.fromEntries(Object.entries(g).map(([n, t]) => [n, tl.neg(t)])),
    });
    const down = runFunctional(ctx.make(), quadratic(), { steps: 5 });
    expectSameTrajectory('maximize', up, down, 1e-6);
  });

  api.it('takes parameters as a list of tensors too', () => {
    const problem = quadratic();
    const params = problem.init();
    const list = Object.values(params);
    const t = ctx.make();
    const state = t.init(list);
    const grads = problem.grads(params);
    const out = t.update(Object.values(grads), state, list);
    api.expect(Array.isArray(out.updates)).toBe(true);
    api
      .expect(out.updates.map((u) => u.shape.join(',')))
      .toEqual(list.map((p) => p.shape.join(',')));
    tl.dispose([params, grads, out.updates]);
    disposeState(out.state);
  });
}
