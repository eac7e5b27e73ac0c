// Every activation of golden/activations.json: value, derivative (all-ones VJP) and a random VJP.
import * as ops from '../../ops/index.js';
import { tidy } from '../../engine/api.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { GoldenArray, Tolerance } from '../golden.js';
import { loadGolden } from '../golden.js';
import type { Section } from './harness.js';
import { expectGolden, fromGolden, vjp } from './harness.js';

interface ActivationCase {
  params: Record<string, number>;
  value: GoldenArray;
  grad_ones?: GoldenArray;
  grad_upstream?: GoldenArray;
  grad_alpha_ones?: number;
  grad_alpha_upstream?: number;
}

interface ActivationsFile {
  tolerance: Tolerance;
  x: GoldenArray;
  upstream: GoldenArray;
  functions: Record<string, ActivationCase>;
  prelu_per_channel: Record<
    'x' | 'alpha' | 'upstream' | 'value' | 'grad_x' | 'grad_alpha',
    GoldenArray
  >;
  softmax: Record<'x' | 'upstream' | 'value' | 'grad_upstream', GoldenArray>;
  log_softmax: Record<'x' | 'upstream' | 'value' | 'grad_upstream', GoldenArray>;
}

/** The Tensile op for each golden function name (PyTorch's names). */
const ACTIVATIONS: Record<string, (x: Tensor, p: Record<string, number>) => Tensor> = {
  linear: (x) => ops.clone(x),
  sigmoid: ops.sigmoid,
  tanh: ops.tanh,
  relu: ops.relu,
  'leaky_relu_0.01': (x, p) => ops.leakyRelu(x, p.negative_slope),
  'leaky_relu_0.2': (x, p) => ops.leakyRelu(x, p.negative_slope),
  elu: (x, p) => ops.elu(x, p.alpha),
  selu: ops.selu,
  gelu: (x) => ops.gelu(x),
  gelu_tanh: (x) => ops.gelu(x, { approximate: 'tanh' }),
  silu: ops.silu,
  mish: ops.mish,
  softplus: ops.softplus,
  softsign: ops.softsign,
  hard_sigmoid: ops.hardSigmoid,
  hard_swish: ops.hardSwish,
  relu6: ops.relu6,
  step: ops.step,
};

export function goldenActivations({ api, use }: Section): void {
  const file = loadGolden<ActivationsFile>('activations.json');
  const tol = file.tolerance;
  api.describe('golden activations', () => {
    for (const [name, c] of Object.entries(file.functions)) {
      api.it(name, async () => {
        await use();
        tidy(() => {
          const x = fromGolden(file.x);
          if (name === 'prelu') {
            const f = (t: Tensor, a: Tensor) => ops.prelu(t, a);
            const alpha = ops.tensor([c.params.alpha]);
            for (const [upstream, gx, ga] of [
              [ops.onesLike(x), c.grad_ones, c.grad_alpha_ones],
              [fromGolden(file.upstream), c.grad_upstream, c.grad_alpha_upstream],
            ] as const) {
              const { value, grads } = vjp(f, [x, alpha], upstream);
              expectGolden(value, c.value, tol, `${name} value`);
              expectGolden(grads[0], gx as GoldenArray, tol, `${name} grad x`);
              expectGolden(
                grads[1],
                { shape: [1], dtype: 'float64', data: [ga as number] },
                tol,
                `${name} grad alpha`,
              );
            }
            return;
          }
          const op = ACTIVATIONS[name];
          if (op === undefined)
            throw new Error(`no Tensile op is mapped to golden activation '${name}'`);
          const f = (t: Tensor) => op(t, c.params);
          expectGolden(f(x), c.value, tol, `${name} value`);
          if (c.grad_ones)
            expectGolden(
              vjp(f, [x], ops.onesLike(x)).grads[0],
              c.grad_ones,
              tol,
              `${name} grad_ones`,
            );
          if (c.grad_upstream) {
            expectGolden(
              vjp(f, [x], fromGolden(file.upstream)).grads[0],
              c.grad_upstream,
              tol,
              `${name} grad_upstream`,
            );
          }
        });
      });
    }

    api.it('prelu per channel', async () => {
      await use();
      tidy(() => {
        const g = file.prelu_per_channel;
        const { value, grads } = vjp(
          (x, a) => ops.prelu(x, a),
          [fromGolden(g.x), fromGolden(g.alpha)],
          fromGolden(g.upstream),
        );
        expectGolden(value, g.value, tol, 'prelu value');
        expectGolden(grads[0], g.grad_x, tol, 'prelu grad x');
        expectGolden(grads[1], g.grad_alpha, tol, 'prelu grad alpha');
      });
    });

    for (const [name, op] of [
      ['softmax', ops.softmax],
      ['log_softmax', ops.logSoftmax],
    ] as const) {
      api.it(name, async () => {
        await use();
        tidy(() => {
          const g = file[name];
          const { value, grads } = vjp((x) => op(x), [fromGolden(g.x)], fromGolden(g.upstream));
          expectGolden(value, g.value, tol, `${name} value`);
          expectGolden(grads[0], g.grad_upstream, tol, `${name} grad`);
        });
      });
    }
  });
}
