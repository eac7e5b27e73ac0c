// lr is a number or a schedule `(step) => lr`, and can change between steps without touching
// the state.
import type { BatteryContext } from '../context.js';
import { quadratic } from '../problems.js';
import { expectSameTrajectory, runFunctional } from '../trajectory.js';

export function learningRateChecks(ctx: BatteryContext): void {
  const { api } = ctx;
  const base = (): number => ctx.make().learningRate(0);

  api.it('accepts a schedule as lr, evaluated at the number of completed updates', () => {
    const lr0 = base();
    const seen: number[] = [];
    const schedule = (t: number): number => {
      seen.push(t);
      return lr0 / (1 + t);
    };
    const scheduled = runFunctional(ctx.make({ lr: schedule }), quadratic(), { steps: 6 });
    const stepped = runFunctional(ctx.make(), quadratic(), {
      steps: 6,
      before: (k, t) => t.withHyperparams({ lr: lr0 / (1 + k) }),
    });
    expectSameTrajectory('schedule vs lr set before each step', scheduled, stepped, 1e-6);
    const steps = [...new Set(seen)].sort((a, b) => a - b);
    api.expect(steps).toEqual([0, 1, 2, 3, 4, 5]);
    api.expect(ctx.make({ lr: schedule }).learningRate(3)).toBe(lr0 / 4);
  });

  api.it('keeps its state when lr changes between steps', () => {
    const lr0 = base();
    const changed = runFunctional(ctx.make(), quadratic(), {
      steps: 6,
      before: (k, t) => (k === 3 ? t.withHyperparams({ lr: lr0 / 10 }) : t),
    });
    const scheduled = runFunctional(
      ctx.make({ lr: (t: number) => (t < 3 ? lr0 : lr0 / 10) }),
      quadratic(),
      {
        steps: 6,
      },
    );
    expectSameTrajectory('withHyperparams({lr}) vs a step schedule', changed, scheduled, 1e-6);
  });
}
