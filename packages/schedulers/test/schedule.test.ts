import { describe, expect, it } from 'vitest';
import { TensileError } from '@tensile/core';
import { defineSchedule, withMomentum } from '../src/schedule.js';

describe('defineSchedule', () => {
  const halving = defineSchedule(
    'halving',
    { lr0: 1, every: [10] },
    (t) => 0.5 ** Math.floor(t / 10),
  );

  it('is a function of t carrying name and params', () => {
    expect(halving(0)).toBe(1);
    expect(halving(25)).toBe(0.25);
    expect(halving.name).toBe('halving');
    expect(halving.params).toEqual({ lr0: 1, every: [10] });
  });

  it('freezes params deeply', () => {
    expect(Object.isFrozen(halving.params)).toBe(true);
    expect(Object.isFrozen(halving.params.every)).toBe(true);
  });

  it('serializes to its config', () => {
    expect(JSON.parse(JSON.stringify(halving))).toEqual({
      name: 'halving',
      params: { lr0: 1, every: [10] },
    });
  });

  it('rejects a bad t with the schedule name', () => {
    for (const t of [-1, NaN, Infinity]) {
      expect(() => halving(t)).toThrow(TensileError);
      expect(() => halving(t)).toThrow(`halving: t must be a finite number >= 0, got ${t}`);
    }
  });

  it('rejects a missing name or formula', () => {
    expect(() => defineSchedule('', {}, () => 1)).toThrow(
      "defineSchedule: name must be a non-empty string, got ''",
    );
    expect(() => defineSchedule('x', {}, 1 as unknown as () => number)).toThrow(
      'defineSchedule: formula must be a function, got 1',
    );
  });
});

describe('withMomentum', () => {
  it('attaches a checked momentum, or nothing', () => {
    const s = withMomentum(
      defineSchedule('m', {}, () => 1),
      (t) => 0.9 - t / 100,
    );
    expect(s.momentum?.(10)).toBeCloseTo(0.8, 15);
    expect(() => s.momentum?.(-1)).toThrow('m: t must be a finite number >= 0, got -1');
    expect(
      withMomentum(
        defineSchedule('n', {}, () => 1),
        undefined,
      ).momentum,
    ).toBeUndefined();
  });
});
