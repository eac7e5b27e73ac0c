import * as tl from '@tensile/core';
import '@tensile/backend-cpu';
import { describe, expect, it } from 'vitest';
import { take } from '../src/index.js';

describe('take', () => {
  it('gathers rows by index from arrays, typed arrays and int32 tensors', () => {
    const before = tl.memory().numTensors;
    const x = tl.tensor([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const a = take(x, [2, 0, 2]);
    expect(a.arraySync()).toEqual([
      [5, 6],
      [1, 2],
      [5, 6],
    ]);
    const b = take(x, new Int32Array([1]));
    expect(b.arraySync()).toEqual([[3, 4]]);
    const idx = tl.tensor([0, 1], [2], 'int32');
    const c = take(x, idx);
    expect(c.arraySync()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    const empty = take(x, []);
    expect(empty.shape).toEqual([0, 2]);
    tl.dispose([x, a, b, c, idx, empty]);
    expect(tl.memory().numTensors).toBe(before);
  });

  it('names the offending index, shape and dtype', () => {
    const x = tl.tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(() => take(x, [0, 2])).toThrow(
      /take: indices\[1\] is 2, outside \[0, 2\) for the 2 rows of x/,
    );
    expect(() => take(x, [-1])).toThrow(tl.ValueError);
    expect(() => take(x, [0.5])).toThrow(/indices\[0\] is 0.5/);
    const f = tl.tensor([0, 1]);
    expect(() => take(x, f)).toThrow(/take: indices must be int32, got float32/);
    f.dispose();
    x.dispose();
    expect(() => take(x, [0])).toThrow(tl.DisposedError);
  });
});
