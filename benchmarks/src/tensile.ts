// Tensile's side of every workload, for any registered backend.
import * as tl from '@tensile/core';
import { adam, optimizer } from '@tensile/optimizers';
import type { Contender } from './case.js';

export const TENSILE_BACKENDS = (): string[] => tl.listBackends();

const randn = (shape: number[], seed: number) =>
  tl.keep(tl.randomNormal(shape, 0, 1, 'float32', seed));

export function matMul(backend: string, m: number, k: number, n: number): Contender {
  return {
    name: `tensile-${backend}`,
    async prepare() {
      await tl.setBackend(backend);
      const a = randn([m, k], 1);
      const b = randn([k, n], 2);
      return { run: () => tl.matMul(a, b).dispose(), dispose: () => tl.dispose([a, b]) };
    },
  };
}

export function unary(backend: string, size: number, op: 'relu' | 'exp'): Contender {
  return {
    name: `tensile-${backend}`,
    async prepare() {
      await tl.setBackend(backend);
      const x = randn([size], 3);
      return { run: () => tl[op](x).dispose(), dispose: () => x.dispose() };
    },
  };
}

export function add(backend: string, size: number): Contender {
  return {
    name: `tensile-${backend}`,
    async prepare() {
      await tl.setBackend(backend);
      const a = randn([size], 4);
      const b = randn([size], 5);
      return { run: () => tl.add(a, b).dispose(), dispose: () => tl.dispose([a, b]) };
    },
  };
}

export function softmax(backend: string, rows: number, cols: number): Contender {
  return {
    name: `tensile-${backend}`,
    async prepare() {
      await tl.setBackend(backend);
      const x = randn([rows, cols], 6);
      return { run: () => tl.softmax(x).dispose(), dispose: () => x.dispose() };
    },
  };
}

/** One SGD step of the 784-256-128-10 ReLU MLP with softmax cross-entropy. */
export function mlpStep(backend: string, batch: number, sizes: number[]): Contender {
  return {
    name: `tensile-${backend}`,
    async prepare() {
      await tl.setBackend(backend);
      const x = randn([batch, sizes[0]], 7);
      const labels = tl.keep(
        tl.tensor(
          Int32Array.from({ length: batch }, (_, i) => i % 10),
          [batch],
        ),
      );
      const y = tl.keep(tl.oneHot(labels, sizes[sizes.length - 1]));
      const params: tl.Variable[] = [];
      for (let i = 0; i + 1 < sizes.length; i++) {
        params.push(
          tl.variable(
            tl.randomNormal(
              [sizes[i], sizes[i + 1]],
              0,
              Math.sqrt(2 / sizes[i]),
              'float32',
              10 + i,
            ),
            { name: `bench/${backend}/w${i}` },
          ),
        );
        params.push(tl.variable(tl.zeros([sizes[i + 1]]), { name: `bench/${backend}/b${i}` }));
      }
      const loss = (): tl.Tensor => {
        let h: tl.Tensor = x;
        for (let i = 0; i < params.length; i += 2) {
          const last = i + 2 === params.length;
          h = tl.fusedMatMul({
            a: h,
            b: params[i],
            bias: params[i + 1],
            activation: last ? 'linear' : 'relu',
          });
        }
        return tl.neg(tl.mean(tl.sum(tl.mul(y, tl.logSoftmax(h)), -1)));
      };
      const run = () =>
        tl.tidy(() => {
          const { grads } = tl.variableGrads(loss, params);
          for (const p of params) p.assign(tl.sub(p, tl.mul(grads[p.name], 0.01)));
        });
      return { run, dispose: () => tl.dispose([x, labels, y, ...params]) };
    },
  };
}

/** One Adam update over the MLP's parameters (235,146 for 784-256-128-10), fused or composite. */
export function adamStep(backend: string, sizes: number[], fused: boolean): Contender {
  return {
    name: `tensile-${backend}${fused ? '-fused' : '-composite'}`,
    async prepare() {
      await tl.setBackend(backend);
      const variables: Record<string, tl.Variable> = {};
      const grads: Record<string, tl.Tensor> = {};
      for (let i = 0; i + 1 < sizes.length; i++) {
        for (const [kind, shape] of [
          ['w', [sizes[i], sizes[i + 1]]],
          ['b', [sizes[i + 1]]],
        ] as const) {
          const name = `adam/${backend}/${fused}/${kind}${i}`;
          variables[name] = tl.variable(tl.randomNormal([...shape], 0, 0.05, 'float32', i), {
            name,
          });
          grads[name] = tl.keep(tl.randomNormal([...shape], 0, 0.01, 'float32', 100 + i));
        }
      }
      const opt = optimizer(adam({ lr: 1e-3, fused }), variables);
      return {
        run: () => tl.tidy(() => opt.step(grads)),
        dispose: () => {
          opt.dispose();
          tl.dispose([...Object.values(variables), ...Object.values(grads)]);
        },
      };
    },
  };
}

export function conv2d(backend: string, batch: number, size: number, channels: number): Contender {
  return {
    name: `tensile-${backend}`,
    async prepare() {
      await tl.setBackend(backend);
      const x = randn([batch, size, size, channels], 8);
      const w = randn([3, 3, channels, channels], 9);
      return {
        run: () => tl.conv2d(x, w, { pad: 'same' }).dispose(),
        dispose: () => tl.dispose([x, w]),
      };
    },
  };
}

/** Forward pass of the 784-256-128-10 MLP on a batch (inference throughput). */
export function mlpInference(backend: string, batch: number, sizes: number[]): Contender {
  return {
    name: `tensile-${backend}`,
    async prepare() {
      await tl.setBackend(backend);
      const x = randn([batch, sizes[0]], 7);
      const params: tl.Tensor[] = [];
      for (let i = 0; i + 1 < sizes.length; i++) {
        params.push(randn([sizes[i], sizes[i + 1]], 20 + i), tl.keep(tl.zeros([sizes[i + 1]])));
      }
      const run = () =>
        tl.tidy(() => {
          let h: tl.Tensor = x;
          for (let i = 0; i < params.length; i += 2) {
            const last = i + 2 === params.length;
            h = tl.fusedMatMul({
              a: h,
              b: params[i],
              bias: params[i + 1],
              activation: last ? 'linear' : 'relu',
            });
          }
          tl.softmax(h).dataSync();
        });
      return { run, dispose: () => tl.dispose([x, ...params]) };
    },
  };
}
