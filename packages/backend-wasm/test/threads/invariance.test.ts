// Thread count 1, 2 and 4 give bit-identical results: every kernel gives each output to exactly
// one chunk and sums in a fixed order, whichever threads take the chunks.
import { afterAll, describe, expect, it } from 'vitest';
import * as tl from '@tensile/core';
import { getThreadCount, setThreadCount } from '../../src/index.js';
import { values } from '../helpers.js';

const f = (shape: number[], seed: number, lo = -1, hi = 1): tl.Tensor =>
  tl.tensor(
    values(
      shape.reduce((p, d) => p * d, 1),
      seed,
      lo,
      hi,
    ),
    shape,
  );

/** Work large enough that every parallel kernel really splits. */
function workload(): tl.Tensor[] {
  const a = f([300, 700], 1);
  const b = f([700, 260], 2);
  const x = f([4, 30, 30, 8], 3);
  const w = f([3, 3, 8, 16], 4);
  const loss = (wt: tl.Tensor, xt: tl.Tensor) =>
    tl.sum(tl.square(tl.conv2d(xt, wt, { pad: 'same' })));
  const [dw, dx] = tl.grads(loss)([w, x]);
  const big = f([400, 1000], 5, -5, 5);
  return [
    tl.matMul(a, b),
    tl.matMul(b, a, true, true),
    tl.fusedMatMul({ a, b, bias: f([260], 6), activation: 'gelu' }),
    tl.conv2d(x, w, { strides: 2, pad: 'same' }),
    dw,
    dx,
    tl.maxPool2d(x, { filterSize: 3, strides: 2, pad: 'same' }),
    tl.grad((t: tl.Tensor) => tl.sum(tl.maxPool2d(t, { filterSize: 2 })))(x),
    tl.tanh(big),
    tl.exp(big),
    tl.add(big, f([1000], 7)),
    tl.greater(big, f([400, 1], 8)),
    tl.sum(big, 1),
    tl.sum(big, 0),
    tl.logSumExp(big, 1),
    tl.softmax(big),
    tl.logSoftmax(big),
    tl.transpose(big),
    tl.layerNorm(big, f([1000], 9), f([1000], 10)),
    tl.batchNorm(big, f([1000], 11), f([1000], 12, 0.5, 2)),
    tl.concat([big, big], 1),
    tl.where(tl.greater(big, 0), big, f([1000], 13)),
  ];
}

async function run(threads: number): Promise<Float32Array[]> {
  await tl.setBackend('wasm');
  await setThreadCount(threads);
  expect(getThreadCount()).toBe(threads);
  return tl.tidy(() => workload().map((t) => Float32Array.from(t.dataSync() as ArrayLike<number>)));
}

describe('thread count', () => {
  afterAll(() => setThreadCount(2));

  it('1, 2 and 4 threads give identical results', async () => {
    const one = await run(1);
    const two = await run(2);
    const four = await run(4);
    for (const [k, expected] of one.entries()) {
      expect(Buffer.from(two[k].buffer).equals(Buffer.from(expected.buffer))).toBe(true);
      expect(Buffer.from(four[k].buffer).equals(Buffer.from(expected.buffer))).toBe(true);
    }
  }, 120_000);

  it('rejects a non-positive count', async () => {
    await expect(setThreadCount(0)).rejects.toThrow(/positive integer/);
  });
});
