import '../helpers/backend.js';
import { describe, expect, it } from 'vitest';
import * as tl from '@tensile/core';
import { gradualPruner, polynomialDecaySparsity } from '../../src/index.js';

describe('gradualPruner', () => {
  it('reaches the schedule sparsity during a training loop and keeps pruned weights at zero', () => {
    const kernel = tl.variable(tl.randomNormal([40, 25], 0, 1, 'float32', 1), { name: 'gp-k' });
    const bias = tl.variable(tl.randomNormal([25], 0, 1, 'float32', 2), { name: 'gp-b' });
    const variables = { kernel, bias };
    const schedule = polynomialDecaySparsity({
      finalSparsity: 0.8,
      beginStep: 0,
      endStep: 60,
      frequency: 20,
    });
    const pruner = gradualPruner(variables, { schedule });
    const before = tl.memory().numTensors;
    const log: { step: number; target: number; measured: number }[] = [];
    for (let step = 0; step < 100; step++) {
      // A stand-in optimizer update that would move every weight, pruned ones included.
      tl.tidy(() => {
        kernel.assign(tl.add(kernel, tl.randomNormal([40, 25], 0, 0.01, 'float32', 1000 + step)));
        bias.assign(tl.add(bias, 0.001));
      });
      const { pruned, targetSparsity } = pruner.step(step);
      if (pruned) log.push({ step, target: targetSparsity, measured: pruner.sparsity() });
      if (pruner.masks !== null) {
        // Between turns every pruned weight stays exactly 0.
        const k = kernel.dataSync();
        const m = pruner.masks.kernel.dataSync();
        for (let i = 0; i < m.length; i++) if (m[i] === 0) expect(Math.abs(k[i])).toBe(0);
      }
    }
    expect(log.map((l) => l.step)).toEqual([0, 20, 40, 60]);
    for (const { target, measured } of log) {
      // Layer scope: each tensor rounds its own share, so the total is within one weight each.
      expect(Math.abs(measured - target)).toBeLessThan(2 / 1025);
    }
    expect(log[3].target).toBe(0.8);
    expect(pruner.sparsity()).toBeCloseTo(0.8, 2);
    // The masks are the only tensors the pruner holds; dispose frees them.
    expect(tl.memory().numTensors).toBe(before + 2);
    pruner.dispose();
    expect(tl.memory().numTensors).toBe(before);
    expect(() => pruner.step(101)).toThrow(tl.DisposedError);
    tl.dispose([kernel, bias]);
  });

  it('rejects a schedule that is not one', () => {
    const v = tl.variable(tl.ones([2]), { name: 'gp-bad' });
    expect(() => gradualPruner({ v }, { schedule: ((t: number) => t) as never })).toThrow(
      /gradualPruner: schedule must be a sparsity schedule/,
    );
    v.dispose();
  });
});
