// The adaptive scalings on their own: the conventions the aliases rely on, and the structural
// switches that cannot change after init.
import * as tl from '@tensile/core';
import '@tensile/backend-cpu';
import { describe, expect, it } from 'vitest';
import {
  disposeState,
  scaleByAdam,
  scaleByAdamax,
  scaleByRms,
  scaleByRss,
} from '../../src/index.js';
import type { GradientTransformation } from '../../src/index.js';
import { radamAdaptiveScale } from '../../src/transforms/scale-by-radam.js';
import { optimizersFile } from '../helpers/golden.js';

const once = (t: GradientTransformation<unknown>, g: number[]): number[] => {
  const grads = { w: tl.tensor(g) };
  const out = t.update(grads, t.init(grads));
  const values = Array.from(out.updates.w.dataSync());
  tl.dispose([grads.w, out.updates.w]);
  disposeState(out.state);
  return values;
};

describe('adaptive scalings', () => {
  it('scaleByRss: eps outside the root, the sum starting at initialAccumulatorValue', () => {
    expect(once(scaleByRss(), [2])).toEqual([Math.fround(2 / (2 + 1e-10))]);
    expect(once(scaleByRss({ initialAccumulatorValue: 5, eps: 0 }), [2])).toEqual([
      Math.fround(2 / 3),
    ]);
  });

  it('scaleByRms: eps outside the root; centered subtracts the squared mean', () => {
    const [g, alpha] = [2, 0.5];
    expect(once(scaleByRms({ alpha, eps: 0.1 }), [g])).toEqual([
      Math.fround(g / (Math.sqrt((1 - alpha) * g * g) + 0.1)),
    ]);
    const sq = (1 - alpha) * g * g;
    const mean = (1 - alpha) * g;
    expect(once(scaleByRms({ alpha, eps: 0, centered: true }), [g])[0]).toBeCloseTo(
      g / Math.sqrt(sq - mean * mean),
      5,
    );
  });

  it('scaleByAdamax: eps inside the max, so a zero gradient gives a zero update', () => {
    expect(once(scaleByAdamax(), [0])).toEqual([0]);
  });

  it('amsgrad and centered cannot be switched on after init', () => {
    const g = { w: tl.tensor([1]) };
    const plain = scaleByAdam().init(g);
    expect(() => scaleByAdam({ amsgrad: true }).update(g, plain)).toThrow(
      /amsgrad is on but the state was made without it/,
    );
    const rms = scaleByRms().init(g);
    expect(() => scaleByRms({ centered: true }).update(g, rms)).toThrow(/centered cannot change/);
    g.w.dispose();
    disposeState([plain, rms]);
  });

  it("RAdam rectifies from the step where ρₜ > 5: the golden radam case's rectified_steps", () => {
    const c = optimizersFile().cases.radam;
    const [, beta2] = c.resolved_hyperparameters.betas as [number, number];
    const rectified = Array.from({ length: 12 }, (_, i) => i + 1).filter(
      (t) => radamAdaptiveScale(beta2, t) !== undefined,
    );
    expect(rectified).toEqual(c.rectified_steps);
  });

  it('rejects bad options with a ValueError naming them', () => {
    expect(() => scaleByAdam({ betas: [1, 0.999] })).toThrow(
      /scaleByAdam: betas\[0\] must be a finite number in \[0, 1\), got 1/,
    );
    expect(() => scaleByAdam({ eps: -1 })).toThrow(/eps must be a finite number >= 0/);
    expect(() => scaleByRms({ alpha: -0.5 })).toThrow(/alpha must be a finite number >= 0/);
    expect(() => scaleByRss({ initialAccumulatorValue: -1 })).toThrow(tl.ValueError);
  });
});
