// Every registered backend runs the optimizer, and its fused kernel (where it has one) computes
// what the composite path computes.
import * as tl from '@tensile/core';
import { assertClose } from '@tensile/core/testing';
import { hasNativeKernel, withoutNativeKernel } from '../../fused/kernel.js';
import type { BatteryContext } from '../context.js';
import { quadratic } from '../problems.js';
import type { Trajectory } from '../trajectory.js';
import { expectSameTrajectory, runFunctional } from '../trajectory.js';

async function onBackend<T>(name: string, body: () => T): Promise<T> {
  const previous = tl.getBackend();
  await tl.setBackend(name);
  try {
    return body();
  } finally {
    await tl.setBackend(previous);
  }
}

export function backendChecks(ctx: BatteryContext): void {
  const { api, settings } = ctx;
  const backends = (): readonly string[] => settings.backends ?? tl.listBackends();
  const steps = 10;

  api.it('runs on every registered backend, with the same results', async () => {
    const runs: Array<[string, Trajectory]> = [];
    for (const backend of backends()) {
      runs.push([
        backend,
        await onBackend(backend, () => runFunctional(ctx.make(), quadratic(), { steps })),
      ]);
    }
    const [reference, expected] = runs[0];
    for (const [backend, run] of runs.slice(1)) {
      run.values.forEach((row, k) =>
        assertClose(
          row,
          expected.values[k],
          settings.backendTolerance,
          `${backend} vs ${reference}, step ${k + 1}`,
        ),
      );
    }
  });

  const kernel = ctx.make().kernelName;
  if (kernel === undefined) return;
  const tolerance = settings.fusedTolerance ?? 1e-6;

  api.it(`fused kernel ${kernel} equals the composite path (relative ${tolerance})`, async () => {
    for (const backend of backends()) {
      await onBackend(backend, () => {
        const composite = runFunctional(ctx.make({ fused: false }), quadratic(), { steps });
        const fused = runFunctional(ctx.make({ fused: true }), quadratic(), { steps });
        expectSameTrajectory(`${backend}: ${kernel} vs composite`, fused, composite, tolerance);
        if (hasNativeKernel(kernel, backend)) {
          // The kernel's registered composite default (what other backends run) is the same math.
          const fallback = withoutNativeKernel(kernel, backend, () =>
            runFunctional(ctx.make({ fused: true }), quadratic(), { steps }),
          );
          expectSameTrajectory(
            `${backend}: ${kernel}'s composite default vs composite`,
            fallback,
            composite,
            tolerance,
          );
        }
      });
    }
  });
}
