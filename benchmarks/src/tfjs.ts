// TensorFlow.js's side of every workload: the peer, measured in the same run.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { Contender } from './case.js';

const PEER_BACKENDS = ['cpu', 'wasm'] as const;
export const TFJS_BACKENDS = (): readonly string[] => PEER_BACKENDS;

function contender(
  backend: string,
  setup: () => { run: () => void; tensors: tf.Tensor[] },
): Contender {
  return {
    name: `tfjs-${backend}`,
    async prepare() {
      await tf.setBackend(backend);
      await tf.ready();
      const { run, tensors } = setup();
      return { run, dispose: () => tf.dispose(tensors) };
    },
  };
}

export const matMul = (backend: string, m: number, k: number, n: number): Contender =>
  contender(backend, () => {
    const a = tf.randomNormal([m, k], 0, 1, 'float32', 1);
    const b = tf.randomNormal([k, n], 0, 1, 'float32', 2);
    return { run: () => tf.matMul(a, b).dispose(), tensors: [a, b] };
  });

export const unary = (backend: string, size: number, op: 'relu' | 'exp'): Contender =>
  contender(backend, () => {
    const x = tf.randomNormal([size], 0, 1, 'float32', 3);
    return { run: () => tf[op](x).dispose(), tensors: [x] };
  });

export const add = (backend: string, size: number): Contender =>
  contender(backend, () => {
    const a = tf.randomNormal([size], 0, 1, 'float32', 4);
    const b = tf.randomNormal([size], 0, 1, 'float32', 5);
    return { run: () => tf.add(a, b).dispose(), tensors: [a, b] };
  });

export const softmax = (backend: string, rows: number, cols: number): Contender =>
  contender(backend, () => {
    const x = tf.randomNormal([rows, cols], 0, 1, 'float32', 6);
    return { run: () => tf.softmax(x).dispose(), tensors: [x] };
  });

export const mlpStep = (backend: string, batch: number, sizes: number[]): Contender =>
  contender(backend, () => {
    const x = tf.randomNormal([batch, sizes[0]], 0, 1, 'float32', 7);
    const y = tf.oneHot(
      tf.tensor1d(
        Int32Array.from({ length: batch }, (_, i) => i % 10),
        'int32',
      ),
      sizes[sizes.length - 1],
    );
    const params: tf.Variable[] = [];
    for (let i = 0; i + 1 < sizes.length; i++) {
      params.push(
        tf.variable(
          tf.randomNormal([sizes[i], sizes[i + 1]], 0, Math.sqrt(2 / sizes[i]), 'float32', 10 + i),
        ),
      );
      params.push(tf.variable(tf.zeros([sizes[i + 1]])));
    }
    const loss = (): tf.Scalar => {
      let h: tf.Tensor = x;
      for (let i = 0; i < params.length; i += 2) {
        const z = tf.add(tf.matMul(h, params[i]), params[i + 1]);
        h = i + 2 === params.length ? z : tf.relu(z);
      }
      return tf.neg(tf.mean(tf.sum(tf.mul(y, tf.logSoftmax(h)), -1))) as tf.Scalar;
    };
    const run = () =>
      tf.tidy(() => {
        const { grads } = tf.variableGrads(loss, params);
        for (const p of params) p.assign(tf.sub(p, tf.mul(grads[p.name], 0.01)));
      });
    return { run, tensors: [x, y, ...params] };
  });

export const adamStep = (backend: string, sizes: number[]): Contender =>
  contender(backend, () => {
    const variables: tf.Variable[] = [];
    const opt = tf.train.adam(1e-3);
    const grads: Extract<Parameters<typeof opt.applyGradients>[0], unknown[]> = [];
    for (let i = 0; i + 1 < sizes.length; i++) {
      for (const shape of [[sizes[i], sizes[i + 1]], [sizes[i + 1]]]) {
        const v = tf.variable(tf.randomNormal(shape, 0, 0.05, 'float32', i));
        variables.push(v);
        grads.push({ name: v.name, tensor: tf.randomNormal(shape, 0, 0.01, 'float32', 100 + i) });
      }
    }
    return {
      run: () => opt.applyGradients(grads),
      tensors: [...variables, ...grads.map((g) => g.tensor)],
    };
  });

export const conv2d = (backend: string, batch: number, size: number, channels: number): Contender =>
  contender(backend, () => {
    const x = tf.randomNormal([batch, size, size, channels], 0, 1, 'float32', 8) as tf.Tensor4D;
    const w = tf.randomNormal([3, 3, channels, channels], 0, 1, 'float32', 9) as tf.Tensor4D;
    return { run: () => tf.conv2d(x, w, 1, 'same').dispose(), tensors: [x, w] };
  });

export const mlpInference = (backend: string, batch: number, sizes: number[]): Contender =>
  contender(backend, () => {
    const x = tf.randomNormal([batch, sizes[0]], 0, 1, 'float32', 7);
    const params: tf.Tensor[] = [];
    for (let i = 0; i + 1 < sizes.length; i++) {
      params.push(
        tf.randomNormal([sizes[i], sizes[i + 1]], 0, 1, 'float32', 20 + i),
        tf.zeros([sizes[i + 1]]),
      );
    }
    const run = () =>
      tf.tidy(() => {
        let h: tf.Tensor = x;
        for (let i = 0; i < params.length; i += 2) {
          const z = tf.add(tf.matMul(h, params[i]), params[i + 1]);
          h = i + 2 === params.length ? z : tf.relu(z);
        }
        tf.softmax(h).dataSync();
      });
    return { run, tensors: [x, ...params] };
  });
