// Every series of fixtures/golden/schedules.json, one loop per section, everything read from the
// file: a new case needs no new code unless it brings a new factory.
import { describe, expect, it } from 'vitest';
import { assertClose } from '@tensile/core/testing';
import {
  type CyclicalSchedule,
  type Schedule,
  constant,
  cosineAnnealingLR,
  cosineAnnealingWarmRestarts,
  cyclicLR,
  exponentialDecay,
  exponentialLR,
  inverseSqrtDecay,
  inverseTimeDecay,
  linearLR,
  multiStepLR,
  oneCycleLR,
  piecewiseConstant,
  powerDecay,
  reduceLROnPlateau,
  scheduleFromConfig,
  sequential,
  stepLR,
} from '../src/index.js';
import { type TorchCase, camelKeys, schedulesFile, torchClass } from './helpers/golden.js';

const golden = schedulesFile();
const tolerance = golden.tolerance;
const steps = golden.steps.data;

type Factory = (options: never) => Schedule;

/** Closed-form case names (the golden README's table) → factory. */
const closedForm: Record<string, Factory> = {
  constant,
  power: powerDecay,
  exponential: exponentialDecay,
  exponential_rate: exponentialDecay,
  inverse_time: inverseTimeDecay,
  inverse_sqrt: inverseSqrtDecay,
  piecewise_constant: piecewiseConstant,
};

/** PyTorch class → factory taking `{lr0, ...camelCase(kwargs)}`. */
const torchFactories: Record<string, Factory> = {
  StepLR: stepLR,
  MultiStepLR: multiStepLR,
  ExponentialLR: exponentialLR,
  CosineAnnealingLR: cosineAnnealingLR,
  CosineAnnealingWarmRestarts: cosineAnnealingWarmRestarts,
  LinearLR: linearLR,
  OneCycleLR: oneCycleLR,
  CyclicLR: cyclicLR,
};

const build = (factory: Factory, options: Record<string, unknown>): CyclicalSchedule =>
  factory(options as never);

/** SequentialLR's case spells out its two parts in prefixed kwargs (see the golden README). */
function warmupCosine(c: TorchCase): Schedule {
  const k = c.kwargs;
  const warmupIters = k.warmup_iters as number;
  return sequential(
    [
      linearLR({
        lr0: c.lr0,
        startFactor: k.warmup_start_factor as number,
        endFactor: 1,
        totalIters: warmupIters,
      }),
      cosineAnnealingLR({
        lr0: c.lr0,
        tMax: k.cos_T_max as number,
        etaMin: k.cos_eta_min as number,
      }),
    ],
    [warmupIters],
  );
}

function checkSeries(
  schedule: CyclicalSchedule,
  c: { lr: { data: number[] } },
  label: string,
): void {
  assertClose(
    steps.map((t) => schedule(t)),
    c.lr.data,
    tolerance,
    `${label}.lr`,
  );
}

describe('golden schedules.json: closed_form', () => {
  it.each(Object.keys(golden.closed_form))('%s', (name) => {
    const c = golden.closed_form[name];
    const factory = closedForm[name];
    expect(factory, `no factory mapped for closed_form.${name}`).toBeDefined();
    const schedule = build(factory, c.params);
    checkSeries(schedule, c, name);
    // The saved config rebuilds the same series.
    checkSeries(scheduleFromConfig(JSON.parse(JSON.stringify(schedule))), c, `${name} (restored)`);
  });
});

describe('golden schedules.json: torch', () => {
  it.each(Object.keys(golden.torch))('%s', (name) => {
    const c = golden.torch[name];
    const cls = torchClass(c.torch);
    if (cls === 'ReduceLROnPlateau') {
      const plateau = reduceLROnPlateau({ lr0: c.lr0, ...camelKeys(c.kwargs) } as never);
      expect(plateau.lr).toBe(c.lr0);
      const metrics = c.metrics?.data ?? [];
      assertClose(
        metrics.map((m) => plateau.step(m)),
        c.lr.data,
        tolerance,
        `${name}.lr`,
      );
      expect(plateau.numReductions).toBe(c.num_reductions);
      return;
    }
    let schedule: CyclicalSchedule;
    if (cls === 'SequentialLR') {
      schedule = warmupCosine(c);
    } else {
      const factory = torchFactories[cls];
      expect(factory, `no factory mapped for ${cls}`).toBeDefined();
      schedule = build(factory, { lr0: c.lr0, ...camelKeys(c.kwargs) });
    }
    checkSeries(schedule, c, name);
    const restored: CyclicalSchedule = scheduleFromConfig(JSON.parse(JSON.stringify(schedule)));
    checkSeries(restored, c, `${name} (restored)`);
    const cycled = c.momentum ?? c.beta1;
    if (cycled !== undefined) {
      for (const s of [schedule, restored]) {
        const momentum = s.momentum;
        expect(momentum, `${name} cycles momentum`).toBeDefined();
        assertClose(
          steps.map((t) => momentum?.(t) ?? NaN),
          cycled.data,
          tolerance,
          `${name}.${c.momentum ? 'momentum' : 'beta1'}`,
        );
      }
    }
  });
});
