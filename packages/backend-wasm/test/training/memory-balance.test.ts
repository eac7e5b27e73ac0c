// 1,000 training steps leave nothing behind: no tensor, no wasm allocation.
import { describe, expect, it } from 'vitest';
import * as tl from '@tensile/core';
import { values } from '../helpers.js';

describe('training memory balance', () => {
  it('1,000 steps of an MLP leave the heap as they found it', async () => {
    await tl.setBackend('wasm');
    tl.setSeed(3);
    const x = tl.tensor(values(64 * 20, 1), [64, 20]);
    const labels = tl.tensor(
      Int32Array.from({ length: 64 }, (_, i) => i % 5),
      [64],
      'int32',
    );
    const y = tl.oneHot(labels, 5);
    const w1 = tl.variable(tl.mul(tl.randomNormal([20, 32]), 0.3), { name: 'balance_w1' });
    const b1 = tl.variable(tl.zeros([32]), { name: 'balance_b1' });
    const w2 = tl.variable(tl.mul(tl.randomNormal([32, 5]), 0.3), { name: 'balance_w2' });
    const b2 = tl.variable(tl.zeros([5]), { name: 'balance_b2' });
    const vars = [w1, b1, w2, b2];
    const step = (): number =>
      tl.tidy(() => {
        const { value, grads } = tl.variableGrads(() => {
          const h = tl.fusedMatMul({ a: x, b: w1, bias: b1, activation: 'relu' });
          const logits = tl.fusedMatMul({ a: h, b: w2, bias: b2 });
          return tl.neg(tl.mean(tl.sum(tl.mul(y, tl.logSoftmax(logits)), 1)));
        }, vars);
        for (const v of vars) v.assign(tl.sub(v, tl.mul(grads[v.name], 0.1)));
        return value.dataSync()[0];
      });
    const first = step();
    const before = tl.memory();
    const heapBefore = before.backend as Record<string, number>;
    let last = first;
    for (let i = 1; i < 1000; i++) last = step();
    const after = tl.memory();
    const heapAfter = after.backend as Record<string, number>;
    expect(last).toBeLessThan(first);
    expect(after.numTensors).toBe(before.numTensors);
    expect(heapAfter.numBytes).toBe(heapBefore.numBytes);
    expect(heapAfter.allocatedBytes).toBe(heapBefore.allocatedBytes);
    expect(heapAfter.scratchBytes).toBe(0);
    expect(heapAfter.heapBytes).toBe(heapBefore.heapBytes);
    tl.dispose([x, labels, y, ...vars]);
  }, 60_000);
});
