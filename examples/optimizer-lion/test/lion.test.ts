// Lion passes the optimizer battery, and matches the paper's update rule computed by hand.
import * as tl from '@tensile/core';
import '@tensile/backend-cpu';
import { assertClose } from '@tensile/core/testing';
import { applyUpdates, disposeState, getOptimizer } from '@tensile/optimizers';
import { runOptimizerBattery } from '@tensile/optimizers/testing';
import { describe, expect, it } from 'vitest';
import { lion } from '../src/index.js';

runOptimizerBattery(
  'lion',
  lion,
  {
    // Lion steps ±lr per element: a constant lr ends in an oscillation of that size, so the
    // convergence problems use a decaying schedule.
    options: { lr: 0.01 },
    quadratic: { options: { lr: (t: number) => 0.05 / (1 + t / 100) } },
    rosenbrock: { options: { lr: (t: number) => 0.01 / (1 + t / 500) } },
  },
  { describe, it, expect },
);

describe('lion', () => {
  it('follows Chen et al. 2023, Algorithm 2 (three steps, by hand in float64)', () => {
    const [lr, beta1, beta2, wd] = [0.1, 0.9, 0.99, 0.5];
    const theta0 = [1, -2, 0.5];
    const gradsAt = (theta: number[]) => theta.map((x, i) => x * (i + 1) - 0.3);
    // The reference: plain numbers.
    let theta = [...theta0];
    let m = [0, 0, 0];
    const expected: number[][] = [];
    for (let k = 0; k < 3; k++) {
      const g = gradsAt(theta);
      theta = theta.map((x, i) => x - lr * (Math.sign(beta1 * m[i] + (1 - beta1) * g[i]) + wd * x));
      m = m.map((mi, i) => beta2 * mi + (1 - beta2) * g[i]);
      expected.push(theta);
    }
    for (const fused of [false, true]) {
      const t = lion({ lr, betas: [beta1, beta2], weightDecay: wd, fused });
      let params = { w: tl.tensor(theta0) };
      let state = t.init(params);
      for (let k = 0; k < 3; k++) {
        const g = { w: tl.tensor(gradsAt(Array.from(params.w.dataSync()))) };
        const out = t.update(g, state, params);
        const next = applyUpdates(params, out.updates);
        tl.dispose([g.w, out.updates.w, params.w]);
        params = next;
        state = out.state;
        assertClose(params.w.dataSync(), expected[k], { rtol: 1e-6, atol: 1e-7 }, `step ${k + 1}`);
      }
      tl.dispose(params.w);
      disposeState(state);
    }
  });

  it('is registered by name and rebuilt from a saved config', () => {
    const saved = JSON.parse(JSON.stringify(lion({ lr: 3e-4, weightDecay: 0.1 }))) as {
      name: string;
      hyperparams: Record<string, unknown>;
    };
    expect(saved).toEqual({
      name: 'lion',
      hyperparams: { lr: 3e-4, betas: [0.9, 0.99], weightDecay: 0.1, maximize: false },
    });
    expect(getOptimizer('lion')(saved.hyperparams).name).toBe('lion');
  });

  it('rejects bad hyper-parameters with a TensileError naming them', () => {
    expect(() => lion({ betas: [1, 0.99] })).toThrow(
      /^lion: betas\[0\] must be in \[0, 1\), got 1$/,
    );
    expect(() => lion({ weightDecay: -1 })).toThrow(tl.ValueError);
    expect(() => lion({ lr: -1 })).toThrow(/lion: lr must be a number >= 0 or a schedule/);
  });
});
