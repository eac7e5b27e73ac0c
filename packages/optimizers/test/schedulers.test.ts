// A @tensile/schedulers schedule is just `(step) => lr`: plugged into an optimizer it sets the lr
// of each update to what PyTorch's scheduler reports before that step (golden schedules.json).
import * as tl from '@tensile/core';
import '@tensile/backend-cpu';
import { assertClose, loadGolden, type GoldenArray, type Tolerance } from '@tensile/core/testing';
import { cosineAnnealingLR, linearLR, scheduleFromConfig, sequential } from '@tensile/schedulers';
import { describe, expect, it } from 'vitest';
import { adam, getOptimizer, optimizer, sgd } from '../src/index.js';
import { quadratic, runFunctional } from '../src/testing/index.js';
import { expectSameTrajectory } from '../src/testing/trajectory.js';

interface SchedulesFile {
  tolerance: Tolerance;
  torch: Record<string, { kwargs: Record<string, number>; lr0: number; lr: GoldenArray }>;
}
const golden = loadGolden<SchedulesFile>('schedules.json');

describe('schedules from @tensile/schedulers as lr', () => {
  it("adam with cosineAnnealingLR uses PyTorch's per-step lr (golden CosineAnnealingLR)", () => {
    const c = golden.torch.CosineAnnealingLR;
    const schedule = cosineAnnealingLR({
      lr0: c.lr0,
      tMax: c.kwargs.T_max,
      etaMin: c.kwargs.eta_min,
    });
    const t = adam({ lr: schedule });
    const used = c.lr.data.map((_, k) => t.learningRate(k));
    assertClose(used, c.lr, golden.tolerance, 'lr of update k');
  });

  it('the stateful wrapper reports the same lr before each step, and the steps follow it', () => {
    const c = golden.torch.SequentialLR_warmup_cosine;
    const {
      warmup_start_factor: start,
      warmup_iters: m,
      cos_T_max: tMax,
      cos_eta_min: etaMin,
    } = c.kwargs;
    const schedule = sequential(
      [
        linearLR({ lr0: c.lr0, startFactor: start, endFactor: 1, totalIters: m }),
        cosineAnnealingLR({ lr0: c.lr0, tMax, etaMin }),
      ],
      [m],
    );
    const v = { w: tl.variable(tl.tensor([1, -1]), { name: 'schedulers_w' }) };
    const opt = optimizer(sgd({ lr: schedule, momentum: 0.9 }), v);
    const reported: number[] = [];
    for (let k = 0; k < 20; k++) {
      reported.push(opt.lr);
      const g = { w: tl.clone(v.w) };
      opt.step(g);
      tl.dispose(g);
    }
    assertClose(reported, c.lr.data.slice(0, 20), golden.tolerance, 'opt.lr');
    opt.dispose();
    v.w.dispose();
    const scheduled = runFunctional(adam({ lr: schedule }), quadratic(), { steps: 10 });
    const stepped = runFunctional(adam({ lr: schedule(0) }), quadratic(), {
      steps: 10,
      before: (k, t) => t.withHyperparams({ lr: schedule(k) }),
    });
    expectSameTrajectory('schedule vs lr set each step', scheduled, stepped, 0);
  });

  it('a saved optimizer config carries the schedule, which schedulers rebuilds', () => {
    const schedule = cosineAnnealingLR({ lr0: 0.1, tMax: 10 });
    const saved = JSON.parse(JSON.stringify(adam({ lr: schedule }))) as {
      name: string;
      hyperparams: Record<string, unknown>;
    };
    expect(saved.hyperparams.lr).toEqual({
      name: 'cosineAnnealingLR',
      params: { lr0: 0.1, tMax: 10, etaMin: 0 },
    });
    const rebuilt = getOptimizer(saved.name)({
      ...saved.hyperparams,
      lr: scheduleFromConfig(saved.hyperparams.lr),
    }) as ReturnType<typeof adam>;
    expect([0, 3, 7].map((k) => rebuilt.learningRate(k))).toEqual(
      [0, 3, 7].map((k) => schedule(k)),
    );
  });
});
