// The optimizer minimizes: a well-conditioned quadratic and the Rosenbrock valley. Unless the
// problem's options set lr, the check tries the optimizer's lr and then up to 1000× larger or
// smaller ones, and passes at the first that converges: it tests that the optimizer can minimize,
// not that one lr suits toy problems.
import type { BatteryContext, ConvergenceSettings } from '../context.js';
import type { Problem } from '../problems.js';
import { quadratic, rosenbrock } from '../problems.js';
import { runFunctional } from '../trajectory.js';

const LR_FACTORS = [1, 10, 0.1, 100, 0.01, 1000, 0.001];

function converges(
  ctx: BatteryContext,
  problem: () => Problem,
  settings: ConvergenceSettings | undefined,
  defaults: Required<Omit<ConvergenceSettings, 'options'>>,
): void {
  const steps = settings?.steps ?? defaults.steps;
  const ratio = settings?.ratio ?? defaults.ratio;
  const name = problem().name;
  ctx.api.it(`converges on ${name} (${steps} steps, loss ×${ratio} or less)`, () => {
    const options = settings?.options ?? {};
    const lr = ctx.make(options).hyperparams.lr;
    const scan = !('lr' in options) && typeof lr === 'number' && lr > 0;
    const tries: string[] = [];
    for (const factor of scan ? LR_FACTORS : [1]) {
      const overrides = scan ? { ...options, lr: (lr as number) * factor } : options;
      const run = runFunctional(ctx.make(overrides), problem(), { steps });
      if (run.finalLoss <= ratio * run.initialLoss) return;
      const label = scan ? `lr ${(lr as number) * factor}` : 'the given options';
      tries.push(`${label}: ${run.initialLoss.toPrecision(4)} → ${run.finalLoss.toPrecision(4)}`);
    }
    throw new Error(
      `${ctx.name} does not reduce the ${name} loss ${1 / ratio}× in ${steps} steps (${tries.join('; ')})`,
    );
  });
}

export function convergenceChecks(ctx: BatteryContext): void {
  converges(ctx, quadratic, ctx.settings.quadratic, { steps: 300, ratio: 1e-3 });
  converges(ctx, rosenbrock, ctx.settings.rosenbrock, { steps: 2000, ratio: 1e-2 });
}
