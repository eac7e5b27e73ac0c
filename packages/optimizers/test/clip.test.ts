// fixtures/golden/clipping.json (all but max_norm_*, the weight constraint of
// @tensile/regularization), plus the clipping transformations' contract: stateless, bad input.
import * as tl from '@tensile/core';
import '@tensile/backend-cpu';
import { assertClose, type GoldenArray } from '@tensile/core/testing';
import { describe, expect, it } from 'vitest';
import type { GradientTransformation } from '../src/index.js';
import { chain, clipByGlobalNorm, clipByNorm, clipByValue, globalNorm } from '../src/index.js';
import { clippingFile, float32 } from './helpers/golden.js';

const golden = clippingFile();
const { tolerance } = golden;

/** Runs a stateless transformation once on a list of tensors and returns the outputs' values. */
function apply(t: GradientTransformation<unknown>, inputs: tl.Tensor[]): number[][] {
  return tl.tidy(() => {
    const state = t.init(inputs);
    const { updates } = t.update(inputs, state);
    return updates.map((u) => Array.from(u.dataSync()));
  });
}

interface Case {
  params: Record<string, number | string>;
  input?: GoldenArray;
  output?: GoldenArray;
  inputs?: GoldenArray[];
  outputs?: GoldenArray[];
  total_norm?: number;
  clipped?: boolean;
  tensors?: Array<{ input: GoldenArray; norm: number; clipped: boolean; output: GoldenArray }>;
}

/** Golden case → the transformation under test; max_norm_* belongs to regularization. */
function transformationFor(name: string, c: Case): GradientTransformation<unknown> | undefined {
  const p = c.params;
  const normType = p.norm_type === 'inf' ? Infinity : Number(p.norm_type);
  if (name === 'clip_by_value') return clipByValue(Number(p.clip_value));
  if (name === 'clip_by_value_range')
    return clipByValue({ min: Number(p.min), max: Number(p.max) });
  if (name === 'clip_by_norm_per_tensor') return clipByNorm(Number(p.max_norm));
  if (name.startsWith('clip_by_global_norm')) {
    return clipByGlobalNorm(Number(p.max_norm), { normType });
  }
  return undefined;
}

describe('golden clipping.json', () => {
  for (const [name, raw] of Object.entries(golden.cases)) {
    const c = raw as unknown as Case;
    const t = transformationFor(name, c);
    if (t === undefined) {
      it.skip(`${name}: the max-norm weight constraint lives in @tensile/regularization`, () =>
        undefined);
      continue;
    }
    it(name, () => {
      const before = tl.memory().numTensors;
      const inputs = (c.inputs ?? c.tensors?.map((x) => x.input) ?? [c.input as GoldenArray]).map(
        float32,
      );
      const expected = c.outputs ?? c.tensors?.map((x) => x.output) ?? [c.output as GoldenArray];
      apply(t, inputs).forEach((values, i) =>
        assertClose(values, expected[i], tolerance, `${name}[${i}]`),
      );
      if (c.total_norm !== undefined) {
        const normType = c.params.norm_type === 'inf' ? Infinity : Number(c.params.norm_type);
        const total = tl.tidy(() => globalNorm(inputs, normType).dataSync()[0]);
        assertClose(total, c.total_norm, tolerance, `${name} total_norm`);
        expect(total > Number(c.params.max_norm)).toBe(c.clipped);
      }
      for (const [i, x] of (c.tensors ?? []).entries()) {
        const norm = tl.tidy(() => globalNorm([inputs[i]]).dataSync()[0]);
        assertClose(norm, x.norm, tolerance, `${name} norm[${i}]`);
        expect(norm > Number(c.params.max_norm)).toBe(x.clipped);
      }
      tl.dispose(inputs);
      expect(tl.memory().numTensors).toBe(before);
    });
  }
});

describe('clipping transformations', () => {
  it('are stateless and compose in a chain', () => {
    const t = chain(clipByValue(10), clipByGlobalNorm(1));
    const g = [tl.tensor([3, 4])];
    const state = t.init(g);
    expect(state).toEqual([{}, {}]);
    const out = t.update(g, state);
    assertClose(out.updates[0].dataSync(), [0.6, 0.8], { rtol: 1e-5, atol: 1e-6 });
    tl.dispose([g, out.updates]);
  });

  it('global norm of order p is the p-norm of the per-tensor p-norms', () => {
    const a = tl.tensor([1, -2]);
    const b = tl.tensor([[2]]);
    const got = tl.tidy(() => globalNorm({ a, b }, 3).dataSync()[0]);
    expect(got).toBeCloseTo((1 + 8 + 8) ** (1 / 3), 5);
    tl.dispose([a, b]);
  });

  it("uses PyTorch's +1e-6: a gradient exactly at maxNorm is scaled by maxNorm/(maxNorm + 1e-6)", () => {
    const g = { w: tl.tensor([3, 4]) };
    const t = clipByGlobalNorm(5);
    const out = t.update(g, t.init(g));
    const factor = 5 / (5 + 1e-6);
    assertClose(out.updates.w.dataSync(), [3 * factor, 4 * factor], { rtol: 1e-7, atol: 0 });
    tl.dispose([g.w, out.updates.w]);
  });

  it('errorIfNonfinite stops on a NaN norm, as PyTorch does', () => {
    const g = { w: tl.tensor([NaN, 1]) };
    const strict = clipByGlobalNorm(1, { errorIfNonfinite: true });
    expect(() => strict.update(g, strict.init(g))).toThrow(tl.NonFiniteError);
    expect(() => strict.update(g, strict.init(g))).toThrow(/clipByGlobalNorm: the total norm/);
    const lenient = clipByGlobalNorm(1);
    const out = lenient.update(g, lenient.init(g));
    expect(Number.isNaN(out.updates.w.dataSync()[0])).toBe(true);
    tl.dispose([g.w, out.updates.w]);
  });

  it('rejects bad arguments with a ValueError naming them', () => {
    expect(() => clipByValue(-1)).toThrow(
      /clipByValue: maxAbs must be a finite number >= 0, got -1/,
    );
    expect(() => clipByValue({ min: 1, max: 0 })).toThrow(
      /clipByValue: max must be >= min \(1\), got 0/,
    );
    expect(() => clipByNorm(NaN)).toThrow(tl.ValueError);
    expect(() => clipByGlobalNorm(1, { normType: 0 })).toThrow(
      /normType must be a finite number > 0/,
    );
    expect(() => clipByGlobalNorm(1, { normType: Infinity })).not.toThrow();
  });
});
