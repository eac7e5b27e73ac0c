// Losses beyond the golden cases: options, reductions, stability at extreme logits, label checks.
import '@tensile/backend-cpu';
import * as tl from '@tensile/core';
import { describe, expect, it } from 'vitest';
import { losses } from '../../src/index.js';

describe('losses', () => {
  it("'none' keeps elements for element-wise losses and samples for class losses", () => {
    tl.tidy(() => {
      const y = tl.tensor([
        [0, 1],
        [1, 0],
        [0, 1],
      ]);
      const p = tl.tensor([
        [0.2, 0.8],
        [0.6, 0.4],
        [0.5, 0.5],
      ]);
      expect(losses.meanSquaredError(y, p, { reduction: 'none' }).shape).toEqual([3, 2]);
      expect(losses.categoricalCrossentropy(y, p, { reduction: 'none' }).shape).toEqual([3]);
      expect(losses.kld(y, p, { reduction: 'none' }).shape).toEqual([3, 2]);
      expect(losses.perSampleLoss(losses.kld, y, p).shape).toEqual([3]);
      expect(losses.perSampleLoss(losses.meanSquaredError, y, p).shape).toEqual([3]);
      const sum = losses.meanAbsoluteError(y, p, { reduction: 'sum' }).dataSync()[0];
      expect(sum).toBeCloseTo(0.2 + 0.2 + 0.4 + 0.4 + 0.5 + 0.5, 6);
    });
  });

  it('stays finite from logits at ±1000 (log-softmax, softplus) where probabilities underflow', () => {
    tl.tidy(() => {
      const logits = tl.tensor([[1000, -1000, 0]]);
      const ce = losses.categoricalCrossentropy(tl.tensor([[0, 1, 0]]), logits, {
        fromLogits: true,
      });
      expect(ce.dataSync()[0]).toBeCloseTo(2000, 1);
      const sparse = losses.sparseCategoricalCrossentropy(tl.tensor([2], [1], 'int32'), logits, {
        fromLogits: true,
      });
      expect(sparse.dataSync()[0]).toBeCloseTo(1000, 1);
      const bce = losses.binaryCrossentropy(tl.tensor([[1, 0]]), tl.tensor([[-1000, 1000]]), {
        fromLogits: true,
      });
      expect(bce.dataSync()[0]).toBeCloseTo(1000, 1);
      const g = tl.grad((z) =>
        losses.binaryCrossentropy(tl.tensor([[1, 0]]), z, { fromLogits: true }),
      )(tl.tensor([[0, 0]]));
      // σ(0) − y, also at z = 0 exactly.
      expect(Array.from(g.dataSync())).toEqual([-0.25, 0.25]);
      // Binary cross-entropy on probabilities clamps each log at −100, as torch.
      expect(losses.binaryCrossentropy(tl.tensor([[1]]), tl.tensor([[0]])).dataSync()[0]).toBe(100);
    });
  });

  it('label smoothing: categorical y(1 − ε) + ε/C, binary y(1 − ε) + ε/2', () => {
    tl.tidy(() => {
      const z = tl.tensor([[2, 0, -1]]);
      const smoothed = losses.categoricalCrossentropy(tl.tensor([[1, 0, 0]]), z, {
        fromLogits: true,
        labelSmoothing: 0.3,
      });
      const manual = losses.categoricalCrossentropy(tl.tensor([[0.8, 0.1, 0.1]]), z, {
        fromLogits: true,
      });
      expect(smoothed.dataSync()[0]).toBeCloseTo(manual.dataSync()[0], 6);
      const b = losses.binaryCrossentropy(tl.tensor([[1]]), tl.tensor([[0.7]]), {
        labelSmoothing: 0.2,
      });
      const m = losses.binaryCrossentropy(tl.tensor([[0.9]]), tl.tensor([[0.7]]));
      expect(b.dataSync()[0]).toBeCloseTo(m.dataSync()[0], 6);
    });
  });

  it('huber is quadratic within delta and linear outside', () => {
    tl.tidy(() => {
      const y = tl.zeros([1, 2]);
      const v = losses.huber(y, tl.tensor([[0.5, 3]]), { delta: 1, reduction: 'none' }).dataSync();
      expect(Array.from(v)).toEqual([0.125, 2.5]);
    });
  });

  it('rejects bad options, shapes, dtypes and labels with clear errors', () => {
    tl.tidy(() => {
      const y = tl.zeros([2, 3]);
      const p = tl.ones([2, 3]);
      expect(() => losses.meanSquaredError(y, p, { delta: 1 })).toThrow(
        /meanSquaredError: option 'delta' does not apply to meanSquaredError \(it takes reduction\)/,
      );
      expect(() => losses.meanSquaredError(y, p, { fromLogits: true })).toThrow(
        /'fromLogits' does not apply/,
      );
      expect(() => losses.meanSquaredError(y, p, { axis: 1 } as never)).toThrow(
        /unknown option 'axis'/,
      );
      // One options object for every loss: options that do not apply may hold their neutral value.
      const neutral = {
        reduction: 'sum' as const,
        fromLogits: false,
        labelSmoothing: 0,
        delta: undefined,
      };
      expect(losses.hinge(y, p, neutral).dataSync()[0]).toBe(6);
      expect(() => losses.meanSquaredError(y, p, { reduction: 'avg' as never })).toThrow(
        /reduction must be 'mean', 'sum' or 'none'/,
      );
      expect(() => losses.categoricalCrossentropy(y, p, { labelSmoothing: 2 })).toThrow(
        /labelSmoothing must be a number in \[0, 1\]/,
      );
      expect(() => losses.huber(y, p, { delta: 0 })).toThrow(/delta/);
      expect(() => losses.meanSquaredError(tl.zeros([2, 2]), p)).toThrow(
        /yTrue is \[2,2\], yPred is \[2,3\]/,
      );
      expect(() => losses.sparseCategoricalCrossentropy(tl.zeros([2]), p)).toThrow(
        /int32 class indices, got float32/,
      );
      expect(() =>
        losses.sparseCategoricalCrossentropy(tl.tensor([0, 3], [2], 'int32'), p),
      ).toThrow(/yTrue\[1\] = 3 is not a class index in \[0, 2\]/);
      expect(() => losses.sparseCategoricalCrossentropy(tl.tensor([0], [1], 'int32'), p)).toThrow(
        /yTrue must have shape \[2\]/,
      );
      expect(
        losses.sparseCategoricalCrossentropy(tl.tensor([[0], [2]], [2, 1], 'int32'), p).shape,
      ).toEqual([]);
    });
    expect(losses.getLoss('mse')).toBe(losses.meanSquaredError);
    expect(losses.getLoss('kullbackLeiblerDivergence')).toBe(losses.kld);
    expect(() => losses.getLoss('nll')).toThrow(/one of meanSquaredError/);
  });
});
