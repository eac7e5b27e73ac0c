import { describe, expect, it } from 'vitest';
import { TensileError } from '@tensile/core';
import { reduceLROnPlateau } from '../src/plateau.js';
import { cosineAnnealingLR } from '../src/torch/cosine-annealing-lr.js';
import { Rng } from './helpers/random.js';

const run = (p: { step(m: number): number }, metrics: number[]) => metrics.map((m) => p.step(m));

describe('reduceLROnPlateau: PyTorch rules', () => {
  it("uses PyTorch's defaults", () => {
    expect(reduceLROnPlateau({ lr0: 0.1 }).params).toEqual({
      lr0: 0.1,
      mode: 'min',
      factor: 0.1,
      patience: 10,
      threshold: 1e-4,
      thresholdMode: 'rel',
      cooldown: 0,
      minLr: 0,
      eps: 1e-8,
    });
  });

  it('reduces once the bad steps exceed patience, then counts again from 0', () => {
    const p = reduceLROnPlateau({ lr0: 1, factor: 0.5, patience: 2 });
    expect(p.lr).toBe(1);
    expect(run(p, [10, 9, 9, 9, 9, 9, 9, 9])).toEqual([1, 1, 1, 1, 0.5, 0.5, 0.5, 0.25]);
    expect(p.numReductions).toBe(2);
    expect(p.t).toBe(8);
  });

  it('ignores bad steps during the cooldown', () => {
    const p = reduceLROnPlateau({ lr0: 1, factor: 0.5, patience: 2, cooldown: 2 });
    expect(run(p, [10, 9, 9, 9, 9, 9, 9, 9, 9, 9])).toEqual([
      1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.25,
    ]);
  });

  it('compares against the best by the relative threshold, not against the previous metric', () => {
    // Each step improves on the previous one by 0.05%, less than threshold = 0.1%: no improvement.
    const p = reduceLROnPlateau({ lr0: 1, factor: 0.5, patience: 1, threshold: 1e-3 });
    expect(run(p, [1, 0.9995, 0.999, 0.9985])).toEqual([1, 1, 0.5, 0.5]);
  });

  it('supports abs thresholds and max mode', () => {
    const abs = reduceLROnPlateau({ lr0: 1, patience: 0, threshold: 0.5, thresholdMode: 'abs' });
    expect(run(abs, [10, 9.6, 9])).toEqual([1, 0.1, 0.1]);
    const max = reduceLROnPlateau({ lr0: 1, mode: 'max', patience: 0, factor: 0.5 });
    expect(run(max, [0.5, 0.6, 0.6, 0.7])).toEqual([1, 1, 0.5, 0.5]);
  });

  it('stops at minLr and skips reductions smaller than eps', () => {
    const floor = reduceLROnPlateau({ lr0: 1, factor: 0.5, patience: 0, minLr: 0.3 });
    expect(run(floor, [1, 1, 1, 1])).toEqual([1, 0.5, 0.3, 0.3]);
    expect(floor.numReductions).toBe(2);
    const tiny = reduceLROnPlateau({ lr0: 1e-8, factor: 0.5, patience: 0 });
    expect(run(tiny, [1, 1])).toEqual([1e-8, 1e-8]);
  });

  it('rejects a non-finite metric instead of counting it as a bad step', () => {
    const p = reduceLROnPlateau({ lr0: 1 });
    expect(() => p.step(NaN)).toThrow(TensileError);
    expect(() => p.step(NaN)).toThrow('reduceLROnPlateau: metric must be a finite number, got NaN');
    expect(() => p.step(Infinity)).toThrow('got Infinity');
  });
});

describe('reduceLROnPlateau: composed with a schedule', () => {
  const cosine = cosineAnnealingLR({ lr0: 1, tMax: 20 });

  it('scales the schedule: lr = schedule(t)·scale', () => {
    const p = reduceLROnPlateau({ lr0: cosine, factor: 0.5, patience: 1 });
    const lrs = run(p, [5, 4, 4, 4, 3]);
    expect(lrs.slice(0, 3)).toEqual([cosine(1), cosine(2), cosine(3)]);
    expect(lrs[3]).toBe(cosine(4) * 0.5);
    expect(lrs[4]).toBe(cosine(5) * 0.5);
    expect(p.scale).toBe(0.5);
    expect(p.lrAt(40)).toBe(cosine(40) * 0.5);
    expect(p.lr).toBe(p.lrAt(p.t));
  });

  it('can be told which step of the schedule a metric belongs to', () => {
    const p = reduceLROnPlateau({ lr0: cosine, factor: 0.5, patience: 0 });
    expect(p.step(1, 10)).toBe(cosine(10));
    expect(p.step(2, 20)).toBe(cosine(20) * 0.5);
    expect(p.t).toBe(20);
  });

  it('keeps minLr as a floor on its own reductions', () => {
    const p = reduceLROnPlateau({ lr0: cosine, factor: 0.1, patience: 0, minLr: 0.2 });
    p.step(1);
    expect(p.step(1)).toBeCloseTo(0.2, 15);
  });

  it('accepts the schedule as a config, so params rebuild it', () => {
    const p = reduceLROnPlateau({ lr0: cosine.toJSON() });
    expect(p.lrAt(7)).toBe(cosine(7));
    expect(p.params.lr0).toEqual(cosine.toJSON());
    expect(reduceLROnPlateau(p.params).lrAt(7)).toBe(cosine(7));
  });
});

describe('reduceLROnPlateau: state dict', () => {
  it('resumes exactly where a JSON-saved checkpoint left off', () => {
    const rng = new Rng(7);
    const metrics = Array.from({ length: 60 }, (_, i) => 1 / (1 + i / 10) + 0.05 * rng.next());
    const options = {
      lr0: cosineAnnealingLR({ lr0: 1, tMax: 50 }),
      patience: 2,
      cooldown: 1,
      factor: 0.5,
    };
    const whole = reduceLROnPlateau(options);
    const expected = run(whole, metrics);

    const first = reduceLROnPlateau(options);
    const head = run(first, metrics.slice(0, 25));
    const saved = JSON.parse(JSON.stringify({ params: first.params, state: first.stateDict() }));
    const second = reduceLROnPlateau(saved.params);
    second.loadStateDict(saved.state);
    expect([...head, ...run(second, metrics.slice(25))]).toEqual(expected);
    expect(second.numReductions).toBe(whole.numReductions);
  });

  it('writes best as null before the first metric', () => {
    expect(reduceLROnPlateau({ lr0: 1 }).stateDict()).toEqual({
      t: 0,
      best: null,
      numBadEpochs: 0,
      cooldownCounter: 0,
      scale: 1,
      numReductions: 0,
    });
  });

  it('rejects unknown, missing or ill-typed entries', () => {
    const p = reduceLROnPlateau({ lr0: 1 });
    const good = p.stateDict();
    expect(() => p.loadStateDict({ ...good, lastEpoch: 3 } as never)).toThrow(
      "reduceLROnPlateau.loadStateDict: unknown entry 'lastEpoch'",
    );
    const { scale: _scale, ...missing } = good;
    expect(() => p.loadStateDict(missing as never)).toThrow(
      'reduceLROnPlateau.loadStateDict: scale must be a finite number >= 0, got undefined',
    );
    expect(() => p.loadStateDict({ ...good, numBadEpochs: 1.5 })).toThrow(
      'reduceLROnPlateau.loadStateDict: numBadEpochs must be an integer, got 1.5',
    );
    expect(() => p.loadStateDict(null as never)).toThrow(
      'reduceLROnPlateau.loadStateDict: state must be an object, got null',
    );
  });
});
