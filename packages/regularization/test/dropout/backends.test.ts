// Same seed → same mask on every registered backend. Besides 'cpu', a second backend is
// registered here that runs the cpu's kernels except Dropout, so dropout goes through core's
// composite (x·mask/(1 − rate) from Mul) there: the mask must not depend on either path.
import { registerCpuBackend } from '../helpers/backend.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tl from '@tensile/core';
import { assertClose } from '@tensile/core/testing';
import { alphaDropout, dropout, gaussianNoise, randomRotation } from '../../src/index.js';

const COMPOSITE = 'cpu-composite-dropout';

beforeAll(() => {
  registerCpuBackend(COMPOSITE, 0);
  tl.unregisterKernel('Dropout', COMPOSITE);
});

afterAll(async () => {
  await tl.setBackend('cpu');
  tl.removeBackend(COMPOSITE);
});

/** Runs `fn` on every registered backend and returns the values it produced on each. */
async function onEveryBackend(fn: () => tl.Tensor): Promise<Map<string, Float32Array>> {
  const results = new Map<string, Float32Array>();
  for (const name of tl.listBackends()) {
    await tl.setBackend(name);
    const y = fn();
    results.set(name, Float32Array.from(y.dataSync()));
    y.dispose();
  }
  await tl.setBackend('cpu');
  return results;
}

describe('masks are identical on every registered backend', () => {
  it('runs on at least two backends, one of them without a Dropout kernel', () => {
    expect(tl.listBackends()).toEqual(expect.arrayContaining(['cpu', COMPOSITE]));
    expect(tl.getKernel('Dropout', 'cpu')).toBeDefined();
    expect(tl.getKernel('Dropout', COMPOSITE)).toBeUndefined();
  });

  it.each([0.1, 0.5, 0.3])('dropout at rate %s', async (rate) => {
    const results = await onEveryBackend(() => {
      const x = tl.randomNormal([100, 100], 0, 1, 'float32', 1);
      const y = dropout(x, rate, { seed: 77 });
      x.dispose();
      return y;
    });
    const [reference, ...others] = [...results.values()];
    const zeros = (v: Float32Array) => Array.from(v, (e) => e === 0);
    for (const values of others) {
      expect(zeros(values)).toEqual(zeros(reference));
      assertClose(values, reference);
    }
  });

  it('dropout with the global stream after tl.setSeed', async () => {
    const results = await onEveryBackend(() => {
      tl.setSeed(2024);
      const x = tl.ones([64, 64]);
      const y = dropout(x, 0.5);
      x.dispose();
      return y;
    });
    const [reference, ...others] = [...results.values()];
    for (const values of others) expect(Array.from(values)).toEqual(Array.from(reference));
  });

  it('alphaDropout, gaussianNoise and randomRotation', async () => {
    for (const fn of [
      () => alphaDropout(tl.randomNormal([500], 0, 1, 'float32', 3), 0.2, { seed: 5 }),
      () => gaussianNoise(tl.zeros([500]), { stddev: 0.1, seed: 5 }),
      () =>
        randomRotation(tl.randomUniform([2, 8, 8, 1], 0, 1, 'float32', 1), {
          factor: 0.2,
          seed: 5,
        }),
    ]) {
      const results = await onEveryBackend(() => tl.tidy(fn));
      const [reference, ...others] = [...results.values()];
      for (const values of others) assertClose(values, reference);
    }
  });
});
