import { describe, expect, it } from 'vitest';
import { TensileError } from '@tensile/core';
import {
  OptionReader,
  checkIncreasing,
  checkNumber,
  checkStep,
  describeBounds,
} from '../src/validate.js';

describe('describeBounds', () => {
  it.each([
    [{ gt: 0 }, '> 0'],
    [{ ge: 0 }, '>= 0'],
    [{ lt: 1 }, '< 1'],
    [{ le: 1 }, '<= 1'],
    [{ gt: 0, lt: 1 }, 'in (0, 1)'],
    [{ gt: 0, le: 1 }, 'in (0, 1]'],
    [{ ge: 0, lt: 1 }, 'in [0, 1)'],
    [{}, ''],
  ])('%o reads %s', (bounds, text) => {
    expect(describeBounds(bounds)).toBe(text);
  });
});

describe('checkNumber', () => {
  it('returns a valid value unchanged', () => {
    expect(checkNumber('op', 'x', 0.5, { gt: 0, lt: 1 })).toBe(0.5);
    expect(checkNumber('op', 'n', 3, { ge: 1 }, true)).toBe(3);
  });

  it.each([
    [-1, { gt: 0 }, false, 'op: x must be > 0, got -1'],
    [NaN, { gt: 0 }, false, 'op: x must be a finite number > 0, got NaN'],
    [Infinity, {}, false, 'op: x must be a finite number, got Infinity'],
    ['0.1', { ge: 0 }, false, "op: x must be a finite number >= 0, got '0.1'"],
    [undefined, { ge: 1 }, true, 'op: x must be an integer >= 1, got undefined'],
    [2.5, { ge: 1 }, true, 'op: x must be an integer, got 2.5'],
    [1, { gt: 0, lt: 1 }, false, 'op: x must be in (0, 1), got 1'],
  ])('rejects %s', (value, bounds, integer, message) => {
    const call = () => checkNumber('op', 'x', value, bounds, integer);
    expect(call).toThrow(TensileError);
    expect(call).toThrow(message);
  });
});

describe('checkStep', () => {
  it('accepts any finite t ≥ 0, fractional included', () => {
    expect(checkStep('s', 0)).toBe(0);
    expect(checkStep('s', 2.5)).toBe(2.5);
  });

  it.each([-1, NaN, Infinity, '3', undefined])('rejects %s', (t) => {
    expect(() => checkStep('stepLR', t)).toThrow(/^stepLR: t must be a finite number >= 0, got/);
  });
});

describe('OptionReader', () => {
  interface Options {
    a?: number;
    mode?: string;
    flag?: boolean;
    list?: number[];
  }
  const read = (options: Options) =>
    new OptionReader<Options>('f', options, ['a', 'mode', 'flag', 'list']);

  it('rejects unknown keys, naming them and the expected ones', () => {
    const call = () => read({ a: 1, eta_min: 0 } as Options);
    expect(call).toThrow(TensileError);
    expect(call).toThrow("f: unknown option 'eta_min' (expected 'a', 'mode', 'flag', 'list')");
  });

  it('rejects a non-object', () => {
    expect(() => read(null as unknown as Options)).toThrow(
      'f: options must be an object, got null',
    );
    expect(() => read([] as unknown as Options)).toThrow('f: options must be an object, got []');
  });

  it('treats undefined and null as absent, so defaults apply', () => {
    const o = read({ a: undefined, mode: null as unknown as string });
    expect(o.has('a')).toBe(false);
    expect(o.has('mode')).toBe(false);
    expect(o.number('a', { gt: 0 }, 2)).toBe(2);
    expect(o.oneOf('mode', ['x', 'y'], 'y')).toBe('y');
  });

  it('checks enums, booleans and arrays', () => {
    expect(() => read({ mode: 'z' }).oneOf('mode', ['x', 'y'], 'x')).toThrow(
      "f: mode must be one of 'x', 'y', got 'z'",
    );
    expect(() => read({ flag: 1 as unknown as boolean }).boolean('flag', true)).toThrow(
      'f: flag must be true or false, got 1',
    );
    expect(() => read({ list: [1, -2] }).numbers('list', { ge: 0 })).toThrow(
      'f: list[1] must be >= 0, got -2',
    );
    expect(() => read({}).numbers('list', {})).toThrow('f: list must be an array, got undefined');
  });
});

describe('checkIncreasing', () => {
  it('accepts strictly increasing values and rejects ties', () => {
    expect(() => checkIncreasing('f', 'b', [1, 2, 3])).not.toThrow();
    expect(() => checkIncreasing('f', 'b', [1, 2, 2])).toThrow(
      'f: b must be strictly increasing, got [1,2,2] (b[2] = 2 <= 2)',
    );
  });
});
