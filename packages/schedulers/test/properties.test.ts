// Properties every schedule must have, over random valid configurations: finite and non-negative
// (momentum too) for every t in [0, 10^6]; and every bad parameter rejected with a TensileError
// that names the factory, the parameter and the value.
import { describe, expect, it } from 'vitest';
import { TensileError } from '@tensile/core';
import {
  type CyclicalSchedule,
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
  sequential,
  stepLR,
} from '../src/index.js';
import { Rng } from './helpers/random.js';

const T_MAX = 1e6;
const CONFIGS_PER_FACTORY = 25;

const lr = (rng: Rng): number => (rng.next() < 0.05 ? 0 : rng.logUniform(1e-6, 10));
const factor = (rng: Rng): number => (rng.next() < 0.1 ? 1 : rng.uniform(1e-6, 1));
const sortedInts = (rng: Rng, n: number, hi: number): number[] =>
  Array.from({ length: n }, () => rng.int(0, hi)).sort((a, b) => a - b);

/** One random valid configuration per call, for each built-in factory. */
const generators: Record<string, (rng: Rng) => CyclicalSchedule> = {
  constant: (rng) => constant({ lr0: lr(rng) }),
  powerDecay: (rng) =>
    powerDecay({ lr0: lr(rng), s: rng.logUniform(1e-3, 1e6), c: rng.uniform(0, 5) }),
  exponentialDecay: (rng) =>
    rng.bool()
      ? exponentialDecay({ lr0: lr(rng), s: rng.logUniform(1e-3, 1e6) })
      : exponentialDecay({ lr0: lr(rng), rate: factor(rng) }),
  inverseTimeDecay: (rng) =>
    inverseTimeDecay({ lr0: lr(rng), gamma: rng.bool() ? 0 : rng.logUniform(1e-6, 1e3) }),
  inverseSqrtDecay: (rng) => inverseSqrtDecay({ lr0: lr(rng), k: rng.logUniform(1e-3, 1e3) }),
  piecewiseConstant: (rng) => {
    const boundaries = [...new Set(sortedInts(rng, rng.int(0, 5), T_MAX))];
    return piecewiseConstant({ boundaries, values: [lr(rng), ...boundaries.map(() => lr(rng))] });
  },
  stepLR: (rng) => stepLR({ lr0: lr(rng), stepSize: rng.int(1, 1000), gamma: factor(rng) }),
  multiStepLR: (rng) =>
    multiStepLR({
      lr0: lr(rng),
      milestones: sortedInts(rng, rng.int(0, 6), T_MAX),
      gamma: factor(rng),
    }),
  exponentialLR: (rng) => exponentialLR({ lr0: lr(rng), gamma: factor(rng) }),
  cosineAnnealingLR: (rng) =>
    cosineAnnealingLR({ lr0: lr(rng), tMax: rng.logUniform(1e-2, 1e7), etaMin: lr(rng) }),
  cosineAnnealingWarmRestarts: (rng) =>
    cosineAnnealingWarmRestarts({
      lr0: lr(rng),
      t0: rng.int(1, 1000),
      tMult: rng.int(1, 4),
      etaMin: lr(rng),
    }),
  linearLR: (rng) =>
    linearLR({
      lr0: lr(rng),
      startFactor: rng.uniform(1e-6, 1),
      endFactor: rng.uniform(0, 1),
      totalIters: rng.int(1, 1e5),
    }),
  oneCycleLR: (rng) =>
    oneCycleLR({
      maxLr: lr(rng),
      totalSteps: rng.int(1, 1e5),
      pctStart: rng.uniform(0.01, 0.99),
      annealStrategy: rng.pick(['cos', 'linear'] as const),
      divFactor: rng.logUniform(1, 1e4),
      finalDivFactor: rng.logUniform(1e-1, 1e5),
      threePhase: rng.bool(),
      baseMomentum: rng.uniform(0, 1),
      maxMomentum: rng.uniform(0, 1),
    }),
  cyclicLR: (rng) =>
    cyclicLR({
      baseLr: lr(rng),
      maxLr: lr(rng),
      stepSizeUp: rng.logUniform(0.5, 1e4),
      stepSizeDown: rng.bool() ? undefined : rng.logUniform(0.5, 1e4),
      mode: rng.pick(['triangular', 'triangular2', 'exp_range'] as const),
      gamma: factor(rng),
      baseMomentum: rng.uniform(0, 1),
      maxMomentum: rng.uniform(0, 1),
    }),
  sequential: (rng) => {
    const parts = ['cosineAnnealingLR', 'linearLR', 'oneCycleLR', 'stepLR', 'constant'];
    const n = rng.int(1, 3);
    return sequential(
      Array.from({ length: n }, () => generators[rng.pick(parts)](rng)),
      sortedInts(rng, n - 1, 1e5).map((m, i) => m + i + 1),
    );
  },
};

/** Every integer near the origin, then random reals across [0, 10^6], and its end. */
function steps(rng: Rng): number[] {
  const ts = Array.from({ length: 500 }, (_, i) => i);
  for (let i = 0; i < 500; i++) ts.push(rng.uniform(0, T_MAX), rng.logUniform(1, T_MAX));
  ts.push(T_MAX - 1, T_MAX - 0.5, T_MAX);
  return ts;
}

describe('every schedule is finite and non-negative on [0, 10^6]', () => {
  it.each(Object.keys(generators))('%s', (name) => {
    const rng = new Rng(name.length * 7919);
    const ts = steps(rng);
    for (let k = 0; k < CONFIGS_PER_FACTORY; k++) {
      const schedule = generators[name](rng);
      const momentum = schedule.momentum;
      for (const t of ts) {
        const value = schedule(t);
        if (!(Number.isFinite(value) && value >= 0)) {
          throw new Error(`${name}(${t}) = ${value} with ${JSON.stringify(schedule.params)}`);
        }
        if (momentum !== undefined) {
          const m = momentum(t);
          if (!(Number.isFinite(m) && m >= 0)) {
            throw new Error(
              `${name}.momentum(${t}) = ${m} with ${JSON.stringify(schedule.params)}`,
            );
          }
        }
      }
    }
  });

  it('reduceLROnPlateau, on a schedule and after any number of reductions', () => {
    const rng = new Rng(11);
    for (let k = 0; k < CONFIGS_PER_FACTORY; k++) {
      const p = reduceLROnPlateau({
        lr0: generators.cosineAnnealingLR(rng),
        factor: rng.uniform(1e-3, 0.999),
        patience: rng.int(0, 3),
        minLr: lr(rng),
      });
      for (let i = 0; i < 200; i++) {
        const value = p.step(rng.uniform(0, 10));
        expect(Number.isFinite(value) && value >= 0).toBe(true);
      }
      for (const t of steps(rng)) expect(p.lrAt(t)).toBeGreaterThanOrEqual(0);
    }
  });
});

/** [call, exact message]: the factory, the parameter and the offending value. */
const badParameters: [() => unknown, string][] = [
  [() => constant({ lr0: -0.1 }), 'constant: lr0 must be >= 0, got -0.1'],
  [() => constant({ lr0: NaN }), 'constant: lr0 must be a finite number >= 0, got NaN'],
  [() => constant({} as never), 'constant: lr0 must be a finite number >= 0, got undefined'],
  [() => powerDecay({ lr0: 0.1, s: -1 }), 'powerDecay: s must be > 0, got -1'],
  [() => powerDecay({ lr0: 0.1, s: 0 }), 'powerDecay: s must be > 0, got 0'],
  [() => powerDecay({ lr0: 0.1, s: 1, c: -1 }), 'powerDecay: c must be >= 0, got -1'],
  [() => exponentialDecay({ lr0: 0.1, s: 0 }), 'exponentialDecay: s must be > 0, got 0'],
  [
    () => exponentialDecay({ lr0: 0.1, rate: 1.5 }),
    'exponentialDecay: rate must be in (0, 1], got 1.5',
  ],
  [() => exponentialDecay({ lr0: -1, rate: 0.5 }), 'exponentialDecay: lr0 must be >= 0, got -1'],
  [
    () => inverseTimeDecay({ lr0: 0.1, gamma: -0.5 }),
    'inverseTimeDecay: gamma must be >= 0, got -0.5',
  ],
  [() => inverseSqrtDecay({ lr0: 0.1, k: 0 }), 'inverseSqrtDecay: k must be > 0, got 0'],
  [
    () => piecewiseConstant({ boundaries: [10], values: [0.1, -0.1] }),
    'piecewiseConstant: values[1] must be >= 0, got -0.1',
  ],
  [
    () => piecewiseConstant({ boundaries: 10 as never, values: [0.1] }),
    'piecewiseConstant: boundaries must be an array, got 10',
  ],
  [() => stepLR({ lr0: 0.1, stepSize: 0 }), 'stepLR: stepSize must be >= 1, got 0'],
  [() => stepLR({ lr0: 0.1, stepSize: 2.5 }), 'stepLR: stepSize must be an integer, got 2.5'],
  [() => stepLR({ lr0: 0.1, stepSize: 10, gamma: 0 }), 'stepLR: gamma must be in (0, 1], got 0'],
  [() => stepLR({ lr0: 0.1, stepSize: 10, gamma: 2 }), 'stepLR: gamma must be in (0, 1], got 2'],
  [
    () => multiStepLR({ lr0: 0.1, milestones: [-3] }),
    'multiStepLR: milestones[0] must be >= 0, got -3',
  ],
  [
    () => exponentialLR({ lr0: 0.1 } as never),
    'exponentialLR: gamma must be a finite number in (0, 1], got undefined',
  ],
  [() => cosineAnnealingLR({ lr0: 0.1, tMax: 0 }), 'cosineAnnealingLR: tMax must be > 0, got 0'],
  [
    () => cosineAnnealingLR({ lr0: 0.1, tMax: 10, etaMin: -1e-3 }),
    'cosineAnnealingLR: etaMin must be >= 0, got -0.001',
  ],
  [
    () => cosineAnnealingLR({ lr0: 0.1, T_max: 10 } as never),
    "cosineAnnealingLR: unknown option 'T_max' (expected 'lr0', 'tMax', 'etaMin')",
  ],
  [
    () => cosineAnnealingWarmRestarts({ lr0: 0.1, t0: 0 }),
    'cosineAnnealingWarmRestarts: t0 must be >= 1, got 0',
  ],
  [
    () => cosineAnnealingWarmRestarts({ lr0: 0.1, t0: 5, tMult: 1.5 }),
    'cosineAnnealingWarmRestarts: tMult must be an integer, got 1.5',
  ],
  [() => linearLR({ lr0: 0.1, totalIters: 0 }), 'linearLR: totalIters must be >= 1, got 0'],
  [() => oneCycleLR({ maxLr: 0.1, totalSteps: 0 }), 'oneCycleLR: totalSteps must be >= 1, got 0'],
  [
    () => oneCycleLR({ maxLr: 0.1 }),
    'oneCycleLR: totalSteps must be an integer >= 1, got undefined',
  ],
  [() => oneCycleLR({ maxLr: -0.1, totalSteps: 10 }), 'oneCycleLR: maxLr must be >= 0, got -0.1'],
  [
    () => oneCycleLR({ maxLr: 0.1, totalSteps: 10, pctStart: 0 }),
    'oneCycleLR: pctStart must be in (0, 1), got 0',
  ],
  [
    () => oneCycleLR({ maxLr: 0.1, totalSteps: 10, pctStart: 1 }),
    'oneCycleLR: pctStart must be in (0, 1), got 1',
  ],
  [
    () => oneCycleLR({ maxLr: 0.1, totalSteps: 10, pctStart: -0.2 }),
    'oneCycleLR: pctStart must be in (0, 1), got -0.2',
  ],
  [
    () => oneCycleLR({ maxLr: 0.1, totalSteps: 10, annealStrategy: 'cosine' as never }),
    "oneCycleLR: annealStrategy must be one of 'cos', 'linear', got 'cosine'",
  ],
  [
    () => oneCycleLR({ maxLr: 0.1, totalSteps: 10, divFactor: 0 }),
    'oneCycleLR: divFactor must be > 0, got 0',
  ],
  [
    () => oneCycleLR({ maxLr: 0.1, totalSteps: 10, finalDivFactor: -1 }),
    'oneCycleLR: finalDivFactor must be > 0, got -1',
  ],
  [
    () => oneCycleLR({ maxLr: 0.1, totalSteps: 10, baseMomentum: 1.5 }),
    'oneCycleLR: baseMomentum must be in [0, 1], got 1.5',
  ],
  [
    () => oneCycleLR({ maxLr: 0.1, totalSteps: 10, threePhase: 'yes' as never }),
    "oneCycleLR: threePhase must be true or false, got 'yes'",
  ],
  [() => cyclicLR({ baseLr: -1, maxLr: 0.1 }), 'cyclicLR: baseLr must be >= 0, got -1'],
  [
    () => cyclicLR({ baseLr: 0, maxLr: 0.1, stepSizeUp: 0 }),
    'cyclicLR: stepSizeUp must be > 0, got 0',
  ],
  [
    () => cyclicLR({ baseLr: 0, maxLr: 0.1, stepSizeDown: -5 }),
    'cyclicLR: stepSizeDown must be > 0, got -5',
  ],
  [
    () => cyclicLR({ baseLr: 0, maxLr: 0.1, mode: 'exp_range', gamma: 1.1 }),
    'cyclicLR: gamma must be in (0, 1], got 1.1',
  ],
  [() => reduceLROnPlateau({ lr0: -1 }), 'reduceLROnPlateau: lr0 must be >= 0, got -1'],
  [
    () => reduceLROnPlateau({ lr0: 'fast' as never }),
    "reduceLROnPlateau: lr0 must be a number >= 0, a schedule or a schedule config, got 'fast'",
  ],
  [
    () => reduceLROnPlateau({ lr0: 1, factor: 1 }),
    'reduceLROnPlateau: factor must be in (0, 1), got 1',
  ],
  [
    () => reduceLROnPlateau({ lr0: 1, factor: 0 }),
    'reduceLROnPlateau: factor must be in (0, 1), got 0',
  ],
  [
    () => reduceLROnPlateau({ lr0: 1, patience: -1 }),
    'reduceLROnPlateau: patience must be >= 0, got -1',
  ],
  [
    () => reduceLROnPlateau({ lr0: 1, cooldown: 0.5 }),
    'reduceLROnPlateau: cooldown must be an integer, got 0.5',
  ],
  [
    () => reduceLROnPlateau({ lr0: 1, mode: 'minimum' as never }),
    "reduceLROnPlateau: mode must be one of 'min', 'max', got 'minimum'",
  ],
  [
    () => reduceLROnPlateau({ lr0: 1, thresholdMode: 'relative' as never }),
    "reduceLROnPlateau: thresholdMode must be one of 'rel', 'abs', got 'relative'",
  ],
  [
    () => reduceLROnPlateau({ lr0: 1, threshold: -1e-4 }),
    'reduceLROnPlateau: threshold must be >= 0, got -0.0001',
  ],
  [() => reduceLROnPlateau({ lr0: 1, minLr: -1 }), 'reduceLROnPlateau: minLr must be >= 0, got -1'],
  [() => reduceLROnPlateau({ lr0: 1, eps: -1 }), 'reduceLROnPlateau: eps must be >= 0, got -1'],
];

describe('bad parameters throw a TensileError naming the parameter', () => {
  it.each(badParameters.map(([call, message]) => [message, call] as const))(
    '%s',
    (message, call) => {
      expect(call).toThrow(TensileError);
      expect(call).toThrow(message);
    },
  );
});
