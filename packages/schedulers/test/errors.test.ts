import { describe, expect, it } from 'vitest';
import { TensileError } from '@tensile/core';
import { ScheduleError, describeValue, invalidParameter } from '../src/errors.js';

describe('ScheduleError', () => {
  it("is a TensileError through core's brand, without importing core", () => {
    const e = new ScheduleError('powerDecay', 's must be > 0, got -1');
    expect(e).toBeInstanceOf(TensileError);
    expect(e).toBeInstanceOf(Error);
    expect(e.message).toBe('powerDecay: s must be > 0, got -1');
    expect(e.name).toBe('ScheduleError');
    expect(e.op).toBe('powerDecay');
  });

  it('keeps the brand out of enumeration and JSON', () => {
    const e = new ScheduleError('stepLR', 'x');
    expect(Object.keys(e)).not.toContain(Symbol.for('tensile.error'));
    expect(Object.getOwnPropertyDescriptor(e, Symbol.for('tensile.error'))?.enumerable).toBe(false);
  });

  it('formats parameter messages the same way everywhere', () => {
    expect(invalidParameter('linearLR', 'totalIters', '>= 1', 0).message).toBe(
      'linearLR: totalIters must be >= 1, got 0',
    );
  });
});

describe('describeValue', () => {
  it.each([
    ['cos', "'cos'"],
    [[1, 'a'], "[1,'a']"],
    [NaN, 'NaN'],
    [undefined, 'undefined'],
    [null, 'null'],
    [() => 1, 'a function'],
    [{}, '[object Object]'],
  ] as const)('%s → %s', (value, text) => {
    expect(describeValue(value)).toBe(text);
  });
});
