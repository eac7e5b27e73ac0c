// Every activation by name through the activation layer, against golden/activations.json (value
// and VJP) where the fixture has it, and softmax / log-softmax on the fixture's stress rows.
import '@tensile/backend-cpu';
import * as tl from '@tensile/core';
import type { GoldenArray, Tolerance } from '@tensile/core/testing';
import { loadGolden } from '@tensile/core/testing';
import { describe, expect, it } from 'vitest';
import type { ActivationName } from '../../src/index.js';
import { ACTIVATION_NAMES, layers } from '../../src/index.js';
import { expectGolden, fromGolden } from '../helpers/golden.js';

interface ActivationsFile {
  tolerance: Tolerance;
  x: GoldenArray;
  upstream: GoldenArray;
  functions: Record<string, { value: GoldenArray; grad_upstream?: GoldenArray }>;
  softmax: {
    x: GoldenArray;
    upstream: GoldenArray;
    value: GoldenArray;
    grad_upstream: GoldenArray;
  };
  log_softmax: {
    x: GoldenArray;
    upstream: GoldenArray;
    value: GoldenArray;
    grad_upstream: GoldenArray;
  };
}

/** Golden function name → activation name (leaky_relu_0.2 and prelu take parameters the name cannot). */
const GOLDEN: Record<string, ActivationName> = {
  linear: 'linear',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
  relu: 'relu',
  'leaky_relu_0.01': 'leakyRelu',
  elu: 'elu',
  selu: 'selu',
  gelu: 'gelu',
  gelu_tanh: 'geluTanh',
  silu: 'silu',
  mish: 'mish',
  softplus: 'softplus',
  softsign: 'softsign',
  hard_sigmoid: 'hardSigmoid',
  hard_swish: 'hardSwish',
  relu6: 'relu6',
  step: 'step',
};

describe('activation layer', () => {
  const file = loadGolden<ActivationsFile>('activations.json');
  for (const [golden, name] of Object.entries(GOLDEN)) {
    it(`${name} matches golden ${golden} (value${golden === 'step' ? '' : ' and VJP'})`, () => {
      const layer = layers.activation({ activation: name });
      tl.tidy(() => {
        const x = fromGolden(file.x);
        const f = file.functions[golden];
        expectGolden(layer.apply(x), f.value, file.tolerance, `${name} value`);
        if (f.grad_upstream !== undefined) {
          const g = tl.grad((t) => layer.apply(t))(x, fromGolden(file.upstream));
          expectGolden(g, f.grad_upstream, file.tolerance, `${name} VJP`);
        }
      });
    });
  }

  for (const kind of ['softmax', 'logSoftmax'] as const) {
    it(`${kind} matches the golden stress rows (value and VJP)`, () => {
      const c = file[kind === 'softmax' ? 'softmax' : 'log_softmax'];
      const layer = layers.activation({ activation: kind });
      tl.tidy(() => {
        const x = fromGolden(c.x);
        expectGolden(layer.apply(x), c.value, file.tolerance, kind);
        expectGolden(
          tl.grad((t) => layer.apply(t))(x, fromGolden(c.upstream)),
          c.grad_upstream,
          file.tolerance,
          `${kind} VJP`,
        );
      });
    });
  }

  it('knows every activation of core by name, and only those', () => {
    tl.tidy(() => {
      const x = tl.tensor([[-2, -0.5, 0, 0.5, 2]]);
      for (const name of ACTIVATION_NAMES) {
        const y = layers.activation({ activation: name }).apply(x, { training: true });
        expect(y.shape, name).toEqual([1, 5]);
        expect(Array.from(y.dataSync()).every(Number.isFinite), name).toBe(true);
      }
      // rrelu: random slopes in training, the mean slope in inference (PyTorch).
      const rrelu = layers.activation({ activation: 'rrelu' });
      expect(rrelu.apply(x).dataSync()[0]).toBeCloseTo((-2 * (1 / 8 + 1 / 3)) / 2, 6);
    });
    expect(() => layers.activation({ activation: 'swishy' as ActivationName })).toThrow(
      /activation must be one of linear, sigmoid/,
    );
    expect(() => layers.activation({} as never)).toThrow(/'activation' option is required/);
    expect(layers.activation({ activation: 'relu' }).getConfig()).toMatchObject({
      activation: 'relu',
      trainable: true,
    });
  });
});
