// Dense: kernel layout, mapping over leading axes, bias, activations (fused and not), penalties,
// constraints, freezing, config round trip and bad input.
import '@tensile/backend-cpu';
import * as tl from '@tensile/core';
import { l2, maxNorm } from '@tensile/regularization';
import { describe, expect, it } from 'vitest';
import { initializers, layers } from '../../src/index.js';

describe('dense', () => {
  it('computes x·W + b with W [inputs, units], over the last axis of any rank', () => {
    const layer = layers.dense({
      units: 2,
      kernelInitializer: initializers.constant({ value: 0.5 }),
      biasInitializer: 'ones',
    });
    tl.tidy(() => {
      const x = tl.tensor([[[1, 2, 3]], [[4, 5, 6]]]);
      const y = layer.apply(x);
      expect(y.shape).toEqual([2, 1, 2]);
      expect(Array.from(y.dataSync())).toEqual([4, 4, 8.5, 8.5]);
    });
    expect(layer.kernel?.shape).toEqual([3, 2]);
    expect(layer.weights.map((w) => w.path)).toEqual([
      `${layer.name}/kernel`,
      `${layer.name}/bias`,
    ]);
    layer.dispose();
  });

  it('applies fused and unfused activations, and leaves them out for preActivation', () => {
    tl.tidy(() => {
      const x = tl.randomNormal([4, 3], 0, 1, 'float32', 1);
      for (const activation of ['relu', 'selu', 'softmax', 'gelu'] as const) {
        const layer = layers.dense({ units: 5, activation });
        const z = layer.apply(x, { preActivation: true });
        const expected =
          activation === 'softmax'
            ? tl.softmax(z)
            : activation === 'selu'
              ? tl.selu(z)
              : activation === 'relu'
                ? tl.relu(z)
                : tl.gelu(z);
        const y = layer.apply(x);
        const [a, e] = [y.dataSync(), expected.dataSync()];
        for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(e[i], 5);
        layer.dispose();
      }
    });
  });

  it('adds its penalties to the loss and projects its constraints after updates', () => {
    const layer = layers.dense({
      units: 2,
      inputShape: [2],
      kernelInitializer: initializers.constant({ value: 3 }),
      kernelRegularizer: l2(0.1),
      biasConstraint: maxNorm(1),
      kernelConstraint: maxNorm(1),
    });
    tl.tidy(() => {
      layer.apply(tl.ones([1, 2]));
      expect(layer.regularizationLoss()?.dataSync()[0]).toBeCloseTo(0.1 * 4 * 9, 5);
    });
    layer.applyConstraints();
    // Each column [3, 3] has norm 3√2 and is scaled to norm 1.
    expect(layer.kernel?.dataSync()[0]).toBeCloseTo(1 / Math.SQRT2, 5);
    const config = layer.getConfig();
    expect(config.kernelRegularizer).toEqual({ name: 'l2', config: { l2: 0.1 } });
    expect(config.kernelConstraint).toEqual({ name: 'maxNorm', config: { maxValue: 1, axis: 0 } });
    const copy = layers.layerFromConfig({
      className: 'Dense',
      config: JSON.parse(JSON.stringify(config)),
    });
    expect(copy.getConfig()).toEqual({ ...config, name: config.name });
    layer.dispose();
  });

  it('freezes: trainable = false takes its weights out of training', () => {
    const layer = layers.dense({ units: 2, inputShape: [3], trainable: false });
    tl.tidy(() => void layer.apply(tl.ones([1, 3])));
    expect(layer.weights.every((w) => !w.variable.trainable)).toBe(true);
    layer.trainable = true;
    expect(layer.trainableWeights.length).toBe(2);
    expect(layer.countParams()).toBe(8);
    layer.dispose();
  });

  it('rejects bad options and inputs with clear errors', () => {
    expect(() => layers.dense({ units: 0 })).toThrow(
      /dense: units must be a positive integer, got 0/,
    );
    expect(() => layers.dense({ units: 2, unit: 3 } as never)).toThrow(/unknown option 'unit'/);
    expect(() => layers.dense({ units: 2, kernelInitializer: 'xavier' })).toThrow(
      /initializer must be one of/,
    );
    expect(() => layers.dense({ units: 2, kernelRegularizer: 0.1 as never })).toThrow(
      /kernelRegularizer must be a function/,
    );
    const layer = layers.dense({ units: 2 });
    tl.tidy(() => {
      expect(() => layer.apply(tl.ones([3]))).toThrow(/expects inputs of rank ≥ 2/);
      layer.apply(tl.ones([1, 3]));
      expect(() => layer.apply(tl.ones([1, 4]))).toThrow(
        /input 0 has shape \(None, 4\), but the layer was built for \(None, 3\)/,
      );
      expect(() => layer.setWeights([tl.ones([3, 3]), tl.ones([2])])).toThrow(
        /'dense_\d+\/kernel' must be \[3,2\] float32, got \[3,3\] float32/,
      );
      expect(() => layer.setWeights([tl.ones([3, 2])])).toThrow(
        /expected 2 tensors \(kernel, bias\), got 1/,
      );
    });
    layer.dispose();
  });
});
