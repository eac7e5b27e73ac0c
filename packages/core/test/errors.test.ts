import { describe, expect, it } from 'vitest';
import { ShapeError, TensileError, TENSILE_ERROR_BRAND, formatShape } from '../src/errors.js';
import { loadGolden } from '../src/testing/index.js';

describe('TensileError', () => {
  it('prefixes the op and keeps the subclass name', () => {
    const e = new ShapeError('matMul', `inner dimensions differ: a is ${formatShape([2, 3])}`);
    expect(e.message).toBe('matMul: inner dimensions differ: a is [2,3]');
    expect(e.name).toBe('ShapeError');
    expect(e).toBeInstanceOf(TensileError);
    expect(e).toBeInstanceOf(ShapeError);
    expect(new TensileError('x', 'y')).not.toBeInstanceOf(ShapeError);
  });

  it('recognizes errors branded by another package or another copy of core', () => {
    const foreign = new Error('powerDecay: s must be > 0');
    Object.defineProperty(foreign, TENSILE_ERROR_BRAND, { value: true });
    expect(foreign).toBeInstanceOf(TensileError);
    expect(new Error('plain')).not.toBeInstanceOf(TensileError);
  });

  it('finds the golden fixtures', () => {
    expect(loadGolden<{ tolerance: { rtol: number } }>('activations.json').tolerance.rtol).toBe(
      1e-4,
    );
  });
});
