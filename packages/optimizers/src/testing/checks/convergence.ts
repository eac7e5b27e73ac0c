// The optimizer minimizes: a well-conditioned quadratic and the Rosenbrock valley.
import type { BatteryContext, ConvergenceSettings } from '../context.js';
import type { Problem } from '../problems.js';
import { quadratic, rosenbrock } from '../problems.js';
import { runFunctional } from '../trajectory.js';

function converges(
  ctx: BatteryContext,
  problem: () => Problem,
  settings: ConvergenceSettings | undefined,
  defaults: Required<Omit<ConvergenceSettings, 'options'>>,
): void {
  const steps = settings?.steps ?? defaults.steps;
  const ratio = settings?.ratio ?? defaults.ratio;
  const p = problem();
  ctx.api.it(`converges on ${p.name} (${steps} steps, loss ×${ratio} or less)`, () => {
    const run = runFunctional(ctx.make(settings?.options), p, { steps });
    if (!(run.finalLoss <= ratio * run.initialLoss)) {
      throw new Error(
        `${ctx.name} on ${p.name}: loss ${run.initialLoss.toPrecision(4)} → ${run.finalLoss.toPrecision(4)} after ${steps} steps, needed ≤ ${(ratio * run.initialLoss).toPrecision(4)}`,
      );
    }
  });
}

export function convergenceChecks(ctx: BatteryContext): void {
  converges(ctx, quadratic, ctx.settings.quadratic, { steps: 300, ratio: 1e-3 });
  converges(ctx, rosenbrock, ctx.settings.rosenbrock, { steps: 2000, ratio: 1e-2 });
}
