// The state: stable shapes that follow the parameters, and a checkpoint that restores the run
// exactly and refuses what does not fit.
import * as tl from '@tensile/core';
import { disposeState } from '../../ownership.js';
import { flattenState } from '../../state-dict.js';
import type { OptimizerStateDict } from '../../stateful/checkpoint.js';
import { optimizer } from '../../stateful/optimizer.js';
import type { BatteryContext } from '../context.js';
import { quadratic } from '../problems.js';
import { flatValues } from '../trajectory.js';
import { variablesFor } from '../variables.js';

/** slot path → shape, for every parameter's state tensors. */
function stateShapes(state: unknown, names: readonly string[]): Record<string, string> {
  const flat = flattenState('battery', state, names);
  const out: Record<string, string> = {};
  for (const n of names) {
    for (const [slot, t] of Object.entries(flat.slots[n]))
      out[`${n} ${slot}`] = `[${t.shape.join(',')}]`;
  }
  return out;
}

export function stateChecks(ctx: BatteryContext): void {
  const { api } = ctx;

  api.it('keeps state shapes stable, each the shape of its parameter', () => {
    const problem = quadratic();
    const t = ctx.make();
    let params = problem.init();
    const names = Object.keys(params);
    let state = t.init(params);
    const initial = stateShapes(state, names);
    for (const [key, shape] of Object.entries(initial)) {
      const owner = key.split(' ')[0];
      api.expect(`${key} ${shape}`).toBe(`${key} [${params[owner].shape.join(',')}]`);
    }
    for (let k = 0; k < 5; k++) {
      const grads = problem.grads(params);
      const out = t.update(grads, state, params);
      const next = tl.tidy(() =>
        Object.fromEntries(names.map((n) => [n, tl.add(params[n], out.updates[n])])),
      );
      tl.dispose([grads, out.updates, params]);
      params = next;
      state = out.state;
      api.expect(stateShapes(state, names)).toEqual(initial);
    }
    tl.dispose(params);
    disposeState(state);
  });

  api.it('round-trips its state dict (through JSON) and continues identically', () => {
    const problem = quadratic();
    const a = variablesFor(problem.init(), `${ctx.name}_a`);
    const optA = optimizer(ctx.make(), a);
    const step = (opt: ReturnType<typeof optimizer>, vars: Record<string, tl.Variable>): void => {
      const grads = problem.grads(vars);
      opt.step(grads);
      tl.dispose(grads);
    };
    for (let k = 0; k < 3; k++) step(optA, a);
    const saved = JSON.parse(JSON.stringify(optA.stateDict())) as OptimizerStateDict;
    api.expect(saved.step).toBe(3);
    api.expect(Object.keys(saved.state).sort()).toEqual(Object.keys(a).sort());
    const b = variablesFor(
      tl.tidy(() => Object.fromEntries(Object.entries(a).map(([n, v]) => [n, tl.clone(v)]))),
      `${ctx.name}_b`,
    );
    const optB = optimizer(ctx.make(), b);
    optB.loadStateDict(saved);
    api.expect(optB.iterations).toBe(3);
    for (let k = 0; k < 3; k++) {
      step(optA, a);
      step(optB, b);
    }
    api.expect(flatValues(b)).toEqual(flatValues(a));
    optA.dispose();
    optB.dispose();
    tl.dispose([...Object.values(a), ...Object.values(b)]);
  });

  api.it('rejects unknown and missing parameters and shape mismatches when loading', () => {
    const problem = quadratic();
    const vars = variablesFor(problem.init(), `${ctx.name}_load`);
    const opt = optimizer(ctx.make(), vars);
    const grads = problem.grads(vars);
    opt.step(grads);
    tl.dispose(grads);
    const good = opt.stateDict();
    const [first, ...others] = Object.keys(good.state);
    const unknown: OptimizerStateDict = {
      ...good,
      state: { ...good.state, stranger: good.state[first] },
    };
    const { [first]: _dropped, ...rest } = good.state;
    const missing: OptimizerStateDict = { ...good, state: rest };
    const isTensileError = (fn: () => void): boolean => {
      try {
        fn();
        return false;
      } catch (error) {
        return error instanceof tl.TensileError;
      }
    };
    api.expect(isTensileError(() => opt.loadStateDict(unknown))).toBe(true);
    api.expect(isTensileError(() => opt.loadStateDict(missing))).toBe(true);
    const slots = Object.entries(good.state[first]);
    if (slots.length > 0) {
      const [slot, data] = slots[0];
      const wrong: OptimizerStateDict = {
        ...good,
        state: {
          ...good.state,
          [first]: { ...good.state[first], [slot]: { ...data, shape: [data.data.length, 1, 1] } },
        },
      };
      api.expect(isTensileError(() => opt.loadStateDict(wrong))).toBe(true);
    }
    void others;
    opt.loadStateDict(good);
    opt.dispose();
    tl.dispose(Object.values(vars));
  });
}
