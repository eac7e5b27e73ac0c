import './helpers/backend.js';
import { describe, expect, it } from 'vitest';
import * as tl from '@tensile/core';
import {
  constraintFromConfig,
  constraintToConfig,
  defineConstraint,
  definePenalty,
  l1,
  l1l2,
  l2,
  listConstraints,
  listPenalties,
  maxNorm,
  minMaxNorm,
  nonNeg,
  penaltyFromConfig,
  penaltyToConfig,
  registerConstraint,
  registerPenalty,
  unitNorm,
} from '../src/index.js';
import type { Constraint, Penalty } from '../src/index.js';

const w = () =>
  tl.tensor([
    [0.5, -2, 1.5],
    [3, 0, -0.25],
  ]);

/** Same function: same config and same output on a fixed weight. */
function expectSame(a: (w: tl.Tensor) => tl.Tensor, b: (w: tl.Tensor) => tl.Tensor): void {
  const x = w();
  const [ya, yb] = [a(x), b(x)];
  expect(Array.from(yb.dataSync())).toEqual(Array.from(ya.dataSync()));
  tl.dispose([x, ya, yb]);
}

describe('penalty configs', () => {
  const penalties: Penalty[] = [l1(0.02), l2(0.3), l1l2({ l1: 0.1, l2: 0.2 }), l1l2()];

  it.each(penalties.map((p) => [p.name, p] as const))('%s survives JSON', (_, penalty) => {
    const saved = JSON.parse(JSON.stringify(penalty)) as unknown;
    expect(saved).toEqual({ name: penalty.name, config: penalty.config });
    expect(penaltyToConfig(penalty)).toEqual(saved);
    const restored = penaltyFromConfig(saved);
    expect(restored.name).toBe(penalty.name);
    expect(restored.config).toEqual(penalty.config);
    expectSame(penalty, restored);
  });

  it('uses Keras config keys', () => {
    expect(l1(0.5).toJSON()).toEqual({ name: 'l1', config: { l1: 0.5 } });
    expect(l2(0.5).toJSON()).toEqual({ name: 'l2', config: { l2: 0.5 } });
    expect(Object.isFrozen(l2(0.5).config)).toBe(true);
  });

  it('registers third-party penalties', () => {
    const scaledL2 = (scale: number) =>
      definePenalty('test.scaledL2', { scale }, (x) => tl.mul(tl.sum(tl.square(x)), scale));
    registerPenalty('test.scaledL2', (config) => scaledL2(config.scale as number));
    expect(listPenalties()).toEqual(['l1', 'l2', 'l1l2', 'test.scaledL2']);
    const restored = penaltyFromConfig(JSON.parse(JSON.stringify(scaledL2(4))));
    expectSame(scaledL2(4), restored);
    expect(() => registerPenalty('l2', (c) => l1(c.l1 as number))).toThrow(
      "registerPenalty: a penalty named 'l2' is already registered",
    );
  });

  it.each([
    [null, /config must be an object \{name, config\}, got null/],
    [{ name: 3 }, /config.name must be a string, got 3/],
    [{ name: 'l2', config: [] }, /config.config must be an object/],
    [
      { name: 'dropconnect', config: {} },
      /unknown penalty 'dropconnect' \(registered: l1, l2, l1l2/,
    ],
    [{ name: 'l2', config: { l2: -1 } }, /config.l2 must be a finite number ≥ 0, got -1/],
    [{ name: 'l1', config: { l2: 1 } }, /unknown option 'l2' \(known: l1\)/],
  ])('penaltyFromConfig rejects %j', (config, message) => {
    expect(() => penaltyFromConfig(config)).toThrow(tl.ValueError);
    expect(() => penaltyFromConfig(config)).toThrow(message);
  });
});

describe('definePenalty and defineConstraint', () => {
  it('check their arguments and copy the config', () => {
    expect(() => definePenalty('', {}, (x) => x)).toThrow(
      "definePenalty: name must be a non-empty string, got ''",
    );
    expect(() => definePenalty('p', [] as never, (x) => x)).toThrow(
      'definePenalty: config must be an object',
    );
    expect(() => defineConstraint('c', {}, 3 as never)).toThrow(
      'defineConstraint: formula must be a function, got 3',
    );
    const axis = [0, 1];
    const c = defineConstraint('test.copy', { axis }, (x) => tl.clone(x));
    axis.push(2);
    expect(c.config).toEqual({ axis: [0, 1] });
    expect(Object.isFrozen(c.config.axis)).toBe(true);
  });

  it('a penalty must give a scalar, and the caller keeps its tensor', () => {
    const x = w();
    const before = tl.memory().numTensors;
    const identity = definePenalty('test.notScalar', {}, (t) => t);
    expect(() => identity(x)).toThrow(tl.ShapeError);
    expect(() => identity(x)).toThrow(
      'test.notScalar: a penalty must return a scalar tensor, got a tensor of shape [2,3] for w of shape [2,3]',
    );
    const rowSums = definePenalty('test.rows', {}, (t) => tl.sum(t, 1));
    expect(() => rowSums(x)).toThrow(/got a tensor of shape \[2\]/);
    expect(tl.memory().numTensors).toBe(before);
    expect(x.isDisposed).toBe(false);
    x.dispose();
  });
});

describe('constraint configs', () => {
  const constraints: Constraint[] = [
    maxNorm(1.5, { axis: 1 }),
    maxNorm(0.5, [0, 1]),
    nonNeg(),
    unitNorm({ axis: 0 }),
    minMaxNorm({ minValue: 0.2, maxValue: 0.9, rate: 0.5, axis: 1 }),
  ];

  it.each(constraints.map((c) => [c.name, c] as const))('%s survives JSON', (_, constraint) => {
    const saved = JSON.parse(JSON.stringify(constraint)) as unknown;
    expect(constraintToConfig(constraint)).toEqual(saved);
    const restored = constraintFromConfig(saved);
    expect(restored.config).toEqual(constraint.config);
    expectSame(constraint, restored);
  });

  it('registers third-party constraints', () => {
    const clip = (limit: number) =>
      defineConstraint('test.clip', { limit }, (x) => tl.clipByValue(x, -limit, limit));
    registerConstraint('test.clip', (config) => clip(config.limit as number));
    expect(listConstraints()).toContain('test.clip');
    expectSame(clip(1), constraintFromConfig({ name: 'test.clip', config: { limit: 1 } }));
    expect(() => constraintFromConfig({ name: 'nope' })).toThrow(
      /unknown constraint 'nope' \(registered: maxNorm, nonNeg, unitNorm, minMaxNorm/,
    );
    expect(() => constraintFromConfig({ name: 'nonNeg', config: { axis: 0 } })).toThrow(
      /unknown option 'axis'/,
    );
  });
});
