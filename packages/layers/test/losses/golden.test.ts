// Every case of golden/losses.json through the public losses: value (mean and sum) and gradient
// with respect to the prediction, table-driven from the fixture.
import '@tensile/backend-cpu';
import type { Tensor } from '@tensile/core';
import * as tl from '@tensile/core';
import type { GoldenArray, Tolerance } from '@tensile/core/testing';
import { assertClose, loadGolden } from '@tensile/core/testing';
import { describe, expect, it } from 'vitest';
import { losses } from '../../src/index.js';
import type { LossFunction, LossOptions } from '../../src/losses/loss.js';
import { expectGolden, fromGolden } from '../helpers/golden.js';

interface LossCase {
  params: Record<string, number>;
  prediction_input: string;
  inputs: Record<string, GoldenArray>;
  value_mean: number;
  value_sum: number;
  grad_mean: GoldenArray;
  grad_sum: GoldenArray;
  value_elementwise_mean?: number;
}

interface LossesFile {
  tolerance: Tolerance;
  losses: Record<string, LossCase>;
}

/** Which public loss and options each golden case exercises. */
const MAPPING: Record<string, { fn: LossFunction; options?: LossOptions; target?: string }> = {
  mse: { fn: losses.meanSquaredError },
  mae: { fn: losses.meanAbsoluteError },
  huber: { fn: losses.huber },
  huber_small_delta: { fn: losses.huber },
  binary_cross_entropy: { fn: losses.binaryCrossentropy },
  binary_cross_entropy_soft_targets: { fn: losses.binaryCrossentropy },
  binary_cross_entropy_with_logits: {
    fn: losses.binaryCrossentropy,
    options: { fromLogits: true },
  },
  categorical_cross_entropy_onehot: {
    fn: losses.categoricalCrossentropy,
    options: { fromLogits: true },
  },
  categorical_cross_entropy_soft: {
    fn: losses.categoricalCrossentropy,
    options: { fromLogits: true },
  },
  categorical_cross_entropy_onehot_from_probs: { fn: losses.categoricalCrossentropy },
  categorical_cross_entropy_soft_from_probs: { fn: losses.categoricalCrossentropy },
  categorical_cross_entropy_onehot_label_smoothing: {
    fn: losses.categoricalCrossentropy,
    options: { fromLogits: true },
  },
  sparse_categorical_cross_entropy: {
    fn: losses.sparseCategoricalCrossentropy,
    options: { fromLogits: true },
    target: 'labels',
  },
  sparse_categorical_cross_entropy_label_smoothing: {
    fn: losses.sparseCategoricalCrossentropy,
    options: { fromLogits: true },
    target: 'labels',
  },
  kl_divergence: { fn: losses.kld },
  hinge: { fn: losses.hinge },
};

/** The golden params in Tensile's names (label_smoothing → labelSmoothing). */
function options(c: LossCase, base: LossOptions = {}): LossOptions {
  const out: LossOptions = { ...base };
  if (c.params.delta !== undefined) out.delta = c.params.delta;
  if (c.params.label_smoothing !== undefined) out.labelSmoothing = c.params.label_smoothing;
  return out;
}

describe('losses: golden losses.json', () => {
  const file = loadGolden<LossesFile>('losses.json');
  it('maps every case of the fixture', () => {
    expect(Object.keys(file.losses).filter((k) => MAPPING[k] === undefined)).toEqual([]);
  });
  for (const [name, c] of Object.entries(file.losses)) {
    const m = MAPPING[name];
    if (m === undefined) continue;
    for (const reduction of ['mean', 'sum'] as const) {
      it(`${name} (${reduction}): value and gradient`, () => {
        const before = tl.memory().numTensors;
        tl.tidy(() => {
          const pred = fromGolden(c.inputs[c.prediction_input]);
          const target = fromGolden(c.inputs[m.target ?? 'target']);
          const f = (p: Tensor) => m.fn(target, p, { ...options(c, m.options), reduction });
          const { value, grad } = tl.valueAndGrad(f)(pred);
          assertClose(
            value.dataSync()[0],
            reduction === 'mean' ? c.value_mean : c.value_sum,
            file.tolerance,
            `${name} value`,
          );
          expectGolden(
            grad,
            reduction === 'mean' ? c.grad_mean : c.grad_sum,
            file.tolerance,
            `${name} grad`,
          );
        });
        expect(tl.memory().numTensors).toBe(before);
      });
    }
  }
  it("kl_divergence: 'none' keeps the elements (torch); their mean is torch's elementwise 'mean'", () => {
    const c = file.losses.kl_divergence;
    tl.tidy(() => {
      const none = losses.kld(fromGolden(c.inputs.target), fromGolden(c.inputs.pred), {
        reduction: 'none',
      });
      expect(none.shape).toEqual(c.inputs.pred.shape);
      assertClose(tl.mean(none).dataSync()[0], c.value_elementwise_mean as number, file.tolerance);
    });
  });
});
