import './helpers/backend.js';
import { describe, expect, it } from 'vitest';
import * as tl from '@tensile/core';
import { snapshotWeights } from '../src/index.js';

function variables(prefix: string) {
  return {
    kernel: tl.variable(
      tl.tensor([
        [1, 2],
        [3, 4],
      ]),
      { name: `${prefix}-kernel` },
    ),
    bias: tl.variable(tl.tensor([0.5]), { name: `${prefix}-bias` }),
  };
}

describe('snapshotWeights', () => {
  it('keeps the values of the moment, through later assigns and tidy scopes', () => {
    const vars = variables('snap-keep');
    const before = tl.memory().numTensors;
    const snap = tl.tidy(() => snapshotWeights(vars));
    expect(snap.names).toEqual(['kernel', 'bias']);
    expect(tl.memory().numTensors).toBe(before + 2);
    tl.tidy(() => {
      vars.kernel.assign(tl.zeros([2, 2]));
      vars.bias.assign(tl.fill([1], 9));
    });
    snap.restore(vars);
    expect(Array.from(vars.kernel.dataSync())).toEqual([1, 2, 3, 4]);
    expect(Array.from(vars.bias.dataSync())).toEqual([0.5]);
    // Restoring twice works, and training on after a restore does not touch the snapshot.
    tl.tidy(() => vars.kernel.assign(tl.ones([2, 2])));
    snap.restore(vars);
    expect(Array.from(vars.kernel.dataSync())).toEqual([1, 2, 3, 4]);
    snap.dispose();
    expect(snap.isDisposed).toBe(true);
    expect(tl.memory().numTensors).toBe(before);
    expect(Array.from(vars.kernel.dataSync())).toEqual([1, 2, 3, 4]);
    expect(() => snap.restore(vars)).toThrow(tl.DisposedError);
    tl.dispose([vars.kernel, vars.bias]);
  });

  it('restores all or nothing: names and shapes are checked first', () => {
    const vars = variables('snap-check');
    const snap = snapshotWeights(vars);
    tl.tidy(() => vars.kernel.assign(tl.zeros([2, 2])));
    expect(() => snap.restore({ kernel: vars.kernel })).toThrow(
      'WeightsSnapshot.restore: variables differ from the snapshot: missing bias; not in the snapshot none',
    );
    const other = tl.variable(tl.zeros([3]), { name: 'snap-check-other' });
    expect(() => snap.restore({ kernel: vars.kernel, bias: other })).toThrow(tl.ShapeError);
    expect(() => snap.restore({ kernel: vars.kernel, bias: other })).toThrow(
      "WeightsSnapshot.restore: variable 'bias' is [3] float32, the snapshot holds [1] float32",
    );
    expect(Array.from(vars.kernel.dataSync())).toEqual([0, 0, 0, 0]);
    expect(() => snapshotWeights({ x: 3 } as never)).toThrow(
      'snapshotWeights: variables.x must be a Variable, got 3',
    );
    snap.dispose();
    tl.dispose([vars.kernel, vars.bias, other]);
  });
});
