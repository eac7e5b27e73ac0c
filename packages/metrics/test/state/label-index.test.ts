import { describe, expect, it } from 'vitest';
import { LabelIndex, assertKnownLabels } from '../../src/state/label-index.js';
import { precision } from '../../src/index.js';

describe('LabelIndex', () => {
  it('maps dense, negative and very large labels, in order of first sight', () => {
    const index = new LabelIndex();
    expect([3, -5, 100000, 3, 0].map((l) => index.slotFor(l))).toEqual([0, 1, 2, 0, 3]);
    expect(index.labels).toEqual([3, -5, 100000, 0]);
    expect(index.slotOf(7)).toBe(-1);
    expect(index.sortedSlots().map((s) => index.labels[s])).toEqual([-5, 0, 3, 100000]);
    index.reset();
    expect(index.size).toBe(0);
  });

  it('keeps a fixed list through reset and rejects unknown labels', () => {
    const index = new LabelIndex([2, 1]);
    index.reset();
    expect(index.labels).toEqual([2, 1]);
    expect(() => assertKnownLabels('op', 'yTrue', Float64Array.of(1, 3), index, 'error')).toThrow(
      'op: yTrue holds label 3 at yTrue[1], which is not in labels [2,1]',
    );
    expect(() =>
      assertKnownLabels('op', 'yTrue', Float64Array.of(3), index, 'exclude'),
    ).not.toThrow();
  });

  it('lets metrics work with arbitrary integer labels', () => {
    expect(precision([-7, 70000, -7], [-7, -7, 70000], { average: null })).toEqual([0.5, 0]);
  });
});
