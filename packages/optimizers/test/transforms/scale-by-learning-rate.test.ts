import * as tl from '@tensile/core';
import '@tensile/backend-cpu';
import { describe, expect, it } from 'vitest';
import { disposeState, scaleByLearningRate } from '../../src/index.js';

describe('scaleByLearningRate', () => {
  it('multiplies by −lr, a schedule evaluated at its own update count', () => {
    const t = scaleByLearningRate((step) => 1 / (step + 1));
    const g = { w: tl.tensor([2]) };
    let state = t.init(g);
    const got: number[] = [];
    for (let k = 0; k < 3; k++) {
      const out = t.update(g, state);
      got.push(out.updates.w.dataSync()[0]);
      out.updates.w.dispose();
      state = out.state;
    }
    expect(got).toEqual([-2, -1, Math.fround(-2 / 3)]);
    expect(state).toEqual({ count: 3 });
    g.w.dispose();
    disposeState(state);
  });

  it('changes lr without touching the state, and checks what a schedule returns', () => {
    const t = scaleByLearningRate(0.1);
    expect(t.hyperparams).toEqual({ lr: 0.1 });
    expect(t.withHyperparams({ lr: 0.2 }).hyperparams.lr).toBe(0.2);
    expect(() => t.withHyperparams({ momentum: 1 } as never)).toThrow(
      /unknown hyper-parameter 'momentum'/,
    );
    expect(() => scaleByLearningRate(-1)).toThrow(
      /scaleByLearningRate: lr must be a number >= 0 or a schedule \(step\) => lr, got -1/,
    );
    const bad = scaleByLearningRate(() => NaN);
    const g = { w: tl.tensor([1]) };
    expect(() => bad.update(g, bad.init(g))).toThrow(
      /the lr schedule returned NaN at step 0; it must return a finite number >= 0/,
    );
    g.w.dispose();
  });
});
