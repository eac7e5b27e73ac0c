// The end-to-end demo: a 2-64-64-3 MLP learns the three-arm spiral (CS231n's classic set, which a
// linear classifier cannot separate) with full-batch gradient descent and momentum.
import '@tensile/backend-cpu';
import * as tl from '@tensile/core';

const CLASSES = 3;
const PER_CLASS = 100;
const STEPS = 1500;
const LEARNING_RATE = 0.2;
const MOMENTUM = 0.9;

/** Points on three interleaved noisy spiral arms, one arm per class. */
function spiral(seed: number): { x: tl.Tensor; labels: tl.Tensor } {
  return tl.tidy(() => {
    const n = CLASSES * PER_CLASS;
    const noise = tl.randomNormal([n], 0, 0.2, 'float32', seed).dataSync();
    const points = new Float32Array(2 * n);
    const labels = new Int32Array(n);
    for (let c = 0; c < CLASSES; c++) {
      for (let i = 0; i < PER_CLASS; i++) {
        const k = c * PER_CLASS + i;
        const r = i / PER_CLASS;
        const angle = c * 4 + r * 4 + noise[k];
        points[2 * k] = r * Math.sin(angle);
        points[2 * k + 1] = r * Math.cos(angle);
        labels[k] = c;
      }
    }
    return { x: tl.tensor(points, [n, 2]), labels: tl.tensor(labels, [n]) };
  });
}

/** He-initialized dense layer parameters (σ² = 2/fan_in for ReLU). */
function dense(name: string, inputs: number, units: number): tl.Variable[] {
  return [
    tl.variable(tl.randomNormal([inputs, units], 0, Math.sqrt(2 / inputs)), {
      name: `${name}/kernel`,
    }),
    tl.variable(tl.zeros([units]), { name: `${name}/bias` }),
  ];
}

async function main(): Promise<void> {
  await tl.ready();
  tl.setSeed(7);
  const { x, labels } = spiral(3);
  const targets = tl.oneHot(labels, CLASSES);
  const [w1, b1] = dense('hidden1', 2, 64);
  const [w2, b2] = dense('hidden2', 64, 64);
  const [w3, b3] = dense('output', 64, CLASSES);
  const params = [w1, b1, w2, b2, w3, b3];
  const velocity = new Map(params.map((p) => [p.name, tl.keep(tl.zerosLike(p))]));

  const logits = (): tl.Tensor => {
    const h1 = tl.fusedMatMul({ a: x, b: w1, bias: b1, activation: 'relu' });
    const h2 = tl.fusedMatMul({ a: h1, b: w2, bias: b2, activation: 'relu' });
    return tl.fusedMatMul({ a: h2, b: w3, bias: b3 });
  };
  // Mean softmax cross-entropy, from logits for stability.
  const loss = (): tl.Tensor =>
    tl.neg(tl.mean(tl.sum(tl.mul(targets, tl.logSoftmax(logits())), -1)));

  const started = performance.now();
  for (let step = 1; step <= STEPS; step++) {
    const value = tl.tidy(() => {
      const { value: l, grads } = tl.variableGrads(loss, params);
      for (const p of params) {
        const v = velocity.get(p.name) as tl.Tensor;
        const next = tl.keep(tl.sub(tl.mul(v, MOMENTUM), tl.mul(grads[p.name], LEARNING_RATE)));
        v.dispose();
        velocity.set(p.name, next);
        p.assign(tl.add(p, next));
      }
      return l.dataSync()[0];
    });
    if (step % 300 === 0 || step === 1)
      console.log(`step ${String(step).padStart(4)}  loss ${value.toFixed(4)}`);
  }
  const accuracy = tl.tidy(
    () => tl.mean(tl.cast(tl.equal(tl.argMax(logits(), 1), labels), 'float32')).dataSync()[0],
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `spiral (${CLASSES * PER_CLASS} points): accuracy ${(accuracy * 100).toFixed(1)}% after ${STEPS} steps in ${seconds.toFixed(1)} s on '${tl.getBackend()}'`,
  );
  if (accuracy < 0.99) process.exitCode = 1;
}

await main();
