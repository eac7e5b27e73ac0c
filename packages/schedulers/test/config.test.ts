import { describe, expect, it } from 'vitest';
import { TensileError } from '@tensile/core';
import {
  type Schedule,
  constant,
  cosineAnnealingLR,
  cosineAnnealingWarmRestarts,
  cyclicLR,
  defineSchedule,
  exponentialDecay,
  exponentialLR,
  fromConfig,
  inverseSqrtDecay,
  inverseTimeDecay,
  linearLR,
  listSchedules,
  multiStepLR,
  oneCycleLR,
  piecewiseConstant,
  powerDecay,
  registerSchedule,
  scheduleFromConfig,
  scheduleToConfig,
  sequential,
  stepLR,
} from '../src/index.js';

const examples: Schedule[] = [
  constant({ lr0: 0.1 }),
  powerDecay({ lr0: 0.1, s: 20, c: 0.5 }),
  exponentialDecay({ lr0: 0.1, s: 40 }),
  exponentialDecay({ lr0: 0.1, rate: 0.97 }),
  inverseTimeDecay({ lr0: 0.1, gamma: 0.05 }),
  inverseSqrtDecay({ lr0: 0.1, k: 0.5 }),
  piecewiseConstant({ boundaries: [30, 70], values: [0.1, 0.05, 0.01] }),
  stepLR({ lr0: 0.1, stepSize: 30 }),
  multiStepLR({ lr0: 0.1, milestones: [30, 80], gamma: 0.2 }),
  exponentialLR({ lr0: 0.1, gamma: 0.95 }),
  cosineAnnealingLR({ lr0: 0.1, tMax: 40, etaMin: 0.001 }),
  cosineAnnealingWarmRestarts({ lr0: 0.1, t0: 10, tMult: 2 }),
  linearLR({ lr0: 0.1, startFactor: 0.1, totalIters: 10 }),
  oneCycleLR({ maxLr: 0.1, totalSteps: 100, threePhase: true, annealStrategy: 'linear' }),
  cyclicLR({ baseLr: 0.001, maxLr: 0.006, stepSizeUp: 10, mode: 'exp_range', gamma: 0.99 }),
  sequential(
    [
      linearLR({ lr0: 0.1, startFactor: 0.1, totalIters: 5 }),
      sequential([cosineAnnealingLR({ lr0: 0.1, tMax: 60 }), constant({ lr0: 0 })], [60]),
    ],
    [5],
  ),
];

describe('scheduleToConfig / scheduleFromConfig', () => {
  it.each(examples.map((s) => [s.name, s] as const))('%s survives a JSON round trip', (_, s) => {
    const config = scheduleToConfig(s);
    const restored = scheduleFromConfig(JSON.parse(JSON.stringify(config)));
    expect(restored.name).toBe(s.name);
    expect(restored.params).toEqual(s.params);
    for (const t of [0, 1, 4.5, 29, 30, 31, 57, 99, 1234]) expect(restored(t)).toBe(s(t));
    const m = (s as { momentum?: (t: number) => number }).momentum;
    const rm = (restored as { momentum?: (t: number) => number }).momentum;
    expect(rm === undefined).toBe(m === undefined);
    if (m && rm) for (const t of [0, 13, 50]) expect(rm(t)).toBe(m(t));
  });

  it('covers every built-in factory', () => {
    expect(new Set(examples.map((s) => s.name))).toEqual(new Set(listSchedules()));
  });

  it('names the registered schedules when the name is unknown', () => {
    const call = () => scheduleFromConfig({ name: 'warmupCosine', params: {} });
    expect(call).toThrow(TensileError);
    expect(call).toThrow(
      /scheduleFromConfig: unknown schedule 'warmupCosine' \(registered: constant, powerDecay, .*sequential\)/,
    );
  });

  it('validates the params it rebuilds from', () => {
    expect(() =>
      scheduleFromConfig({ name: 'stepLR', params: { lr0: 0.1, stepSize: -3 } }),
    ).toThrow('stepLR: stepSize must be >= 1, got -3');
    expect(() =>
      scheduleFromConfig({ name: 'stepLR', params: { lr0: 0.1, step_size: 3 } }),
    ).toThrow("stepLR: unknown option 'step_size'");
    expect(() =>
      scheduleFromConfig({ name: 'sequential', params: { schedules: 3, milestones: [] } }),
    ).toThrow('sequential: schedules must be an array of {name, params}, got 3');
  });

  it.each([
    [null, 'scheduleFromConfig: config must be an object {name, params}, got null'],
    [{ params: {} }, 'scheduleFromConfig: config.name must be a string, got undefined'],
    [{ name: 'constant' }, 'scheduleFromConfig: config.params must be an object, got undefined'],
  ])('rejects a malformed config %#', (config, message) => {
    expect(() => scheduleFromConfig(config)).toThrow(message);
  });

  it('exports fromConfig as an alias', () => {
    expect(fromConfig).toBe(scheduleFromConfig);
  });
});

describe('registerSchedule', () => {
  const build = (params: Readonly<Record<string, unknown>>) => {
    const lr0 = params.lr0 as number;
    return defineSchedule('halvingEvery10', { lr0 }, (t) => lr0 * 0.5 ** Math.floor(t / 10));
  };

  it('lets a third-party schedule round-trip', () => {
    registerSchedule('halvingEvery10', build);
    registerSchedule('halvingEvery10', build); // idempotent
    const restored = scheduleFromConfig(JSON.parse(JSON.stringify(build({ lr0: 1 }))));
    expect(restored(25)).toBe(0.25);
    expect(listSchedules()).toContain('halvingEvery10');
  });

  it('refuses to replace another builder', () => {
    expect(() => registerSchedule('stepLR', build)).toThrow(
      "registerSchedule: a schedule named 'stepLR' is already registered",
    );
  });
});
