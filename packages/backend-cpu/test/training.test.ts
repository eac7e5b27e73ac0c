// End-to-end training on the cpu backend: memory balance over 1,000 steps, determinism per seed,
// and XOR learned to 100%.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tl from '@tensile/core';
import '../src/index.js';

interface Mlp {
  params: tl.Variable[];
  loss: () => tl.Tensor;
  predict: () => tl.Tensor;
}

const XOR_X = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
];
const XOR_Y = [0, 1, 1, 0];

function xorMlp(prefix: string, hidden: number): Mlp {
  const x = tl.keep(tl.tensor(XOR_X));
  const y = tl.keep(tl.oneHot(tl.tensor(XOR_Y, [4], 'int32'), 2));
  const params = [
    tl.variable(tl.randomNormal([2, hidden], 0, 1), { name: `${prefix}/w1` }),
    tl.variable(tl.zeros([hidden]), { name: `${prefix}/b1` }),
    tl.variable(tl.randomNormal([hidden, 2], 0, Math.sqrt(1 / hidden)), { name: `${prefix}/w2` }),
    tl.variable(tl.zeros([2]), { name: `${prefix}/b2` }),
  ];
  const predict = () => {
    const h = tl.fusedMatMul({ a: x, b: params[0], bias: params[1], activation: 'tanh' });
    return tl.fusedMatMul({ a: h, b: params[2], bias: params[3] });
  };
  const loss = () => tl.neg(tl.mean(tl.sum(tl.mul(y, tl.logSoftmax(predict())), -1)));
  return { params, loss, predict };
}

function sgdStep(mlp: Mlp, lr: number): void {
  tl.tidy(() => {
    const { grads } = tl.variableGrads(mlp.loss, mlp.params);
    for (const p of mlp.params) p.assign(tl.sub(p, tl.mul(grads[p.name], lr)));
  });
}

function disposeMlp(mlp: Mlp): void {
  tl.dispose(mlp.params);
}

beforeAll(async () => {
  await tl.setBackend('cpu');
});

describe('training on the cpu backend', () => {
  it('leaves memory where it was across 1,000 training steps', () => {
    tl.setSeed(3);
    const mlp = xorMlp('leak', 8);
    sgdStep(mlp, 0.5);
    const before = tl.memory();
    for (let i = 0; i < 1000; i++) sgdStep(mlp, 0.5);
    const after = tl.memory();
    expect(after.numTensors).toBe(before.numTensors);
    expect(after.numDataBuffers).toBe(before.numDataBuffers);
    expect(after.backend?.numBytes).toBe(before.backend?.numBytes);
    disposeMlp(mlp);
  });

  it('learns XOR', () => {
    tl.setSeed(5);
    const mlp = xorMlp('xor', 8);
    for (let i = 0; i < 500; i++) sgdStep(mlp, 0.5);
    const predicted = tl.tidy(() => Array.from(tl.argMax(mlp.predict(), 1).dataSync()));
    expect(predicted).toEqual(XOR_Y);
    disposeMlp(mlp);
  });

  it('gives bit-identical weights for the same seed', () => {
    const train = (prefix: string): number[] => {
      tl.setSeed(11);
      const mlp = xorMlp(prefix, 6);
      for (let i = 0; i < 50; i++) sgdStep(mlp, 0.3);
      const weights = mlp.params.flatMap((p) => Array.from(p.dataSync()));
      disposeMlp(mlp);
      return weights;
    };
    expect(train('seed-a')).toEqual(train('seed-b'));
  });
});
