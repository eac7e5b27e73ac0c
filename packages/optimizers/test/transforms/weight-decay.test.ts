import * as tl from '@tensile/core';
import '@tensile/backend-cpu';
import { describe, expect, it } from 'vitest';
import {
  addDecayedWeights,
  addWeightDecay,
  chain,
  disposeState,
  scaleByAdam,
} from '../../src/index.js';

describe('weight decay', () => {
  it('coupled decay goes into the gradient, before the adaptive scaling', () => {
    const params = { w: tl.tensor([2]) };
    const grads = { w: tl.tensor([0]) };
    // With g = 0, coupled decay makes Adam see g = λθ and normalize it to ~1;
    // decoupled decay adds λθ after Adam's (zero) direction.
    const coupled = chain(addWeightDecay(0.1), scaleByAdam());
    const decoupled = chain(scaleByAdam(), addDecayedWeights(0.1));
    const a = coupled.update(grads, coupled.init(params), params);
    const b = decoupled.update(grads, decoupled.init(params), params);
    expect(a.updates.w.dataSync()[0]).toBeCloseTo(1, 5);
    expect(b.updates.w.dataSync()[0]).toBeCloseTo(0.2, 6);
    tl.dispose([params.w, grads.w, a.updates.w, b.updates.w]);
    disposeState([a.state, b.state]);
  });

  it('needs no params when the decay is 0, and rejects a negative decay', () => {
    const g = { w: tl.tensor([1, 2]) };
    const t = addWeightDecay(0);
    const out = t.update(g, t.init(g));
    expect(Array.from(out.updates.w.dataSync())).toEqual([1, 2]);
    tl.dispose([g.w, out.updates.w]);
    expect(() => addWeightDecay(-1)).toThrow(
      /addWeightDecay: weightDecay must be a finite number >= 0, got -1/,
    );
    expect(() => addDecayedWeights(NaN)).toThrow(tl.ValueError);
  });
});
