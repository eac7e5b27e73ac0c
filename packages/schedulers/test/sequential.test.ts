import { describe, expect, it } from 'vitest';
import { TensileError } from '@tensile/core';
import { constant, exponentialDecay } from '../src/closed-form.js';
import { sequential } from '../src/sequential.js';
import { cosineAnnealingLR } from '../src/torch/cosine-annealing-lr.js';
import { linearLR } from '../src/torch/linear-lr.js';

describe('sequential', () => {
  const warmup = linearLR({ lr0: 1, startFactor: 0.1, totalIters: 5 });
  const cosine = cosineAnnealingLR({ lr0: 1, tMax: 10 });
  const hold = constant({ lr0: 0 });
  const s = sequential([warmup, cosine, hold], [5, 15]);

  it('hands over at each milestone, restarting the next schedule at t = 0', () => {
    expect(s(0)).toBe(warmup(0));
    expect(s(4.5)).toBe(warmup(4.5));
    expect(s(5)).toBe(cosine(0));
    expect(s(10)).toBe(cosine(5));
    expect(s(15)).toBe(0);
    expect(s(1e6)).toBe(0);
  });

  it('records its parts as configs', () => {
    expect(s.name).toBe('sequential');
    expect(s.params).toEqual({
      schedules: [warmup.toJSON(), cosine.toJSON(), hold.toJSON()],
      milestones: [5, 15],
    });
  });

  it('nests', () => {
    const outer = sequential([constant({ lr0: 2 }), s], [3]);
    expect(outer(2)).toBe(2);
    expect(outer(3 + 7)).toBe(s(7));
  });

  it('is a single schedule when given one', () => {
    const single = sequential([exponentialDecay({ lr0: 1, rate: 0.5 })], []);
    expect(single(2)).toBe(0.25);
  });

  it.each([
    [
      [warmup, cosine],
      [5, 6],
      'sequential: milestones must have one entry fewer than schedules, got 2 milestones for 2 schedules',
    ],
    [[warmup, cosine, hold], [6, 6], 'sequential: milestones must be strictly increasing'],
    [[warmup, cosine], [0], 'sequential: milestones[0] must be >= 1, got 0'],
    [[warmup, cosine], [2.5], 'sequential: milestones[0] must be an integer, got 2.5'],
    [[], [], 'sequential: schedules must be a non-empty array of schedules, got []'],
    [
      [warmup, (t: number) => t],
      [2],
      'sequential: schedules[1] must be a schedule (from a factory or defineSchedule), got a function',
    ],
  ])('rejects bad arguments (%#)', (schedules, milestones, message) => {
    const call = () => sequential(schedules as never, milestones);
    expect(call).toThrow(TensileError);
    expect(call).toThrow(message);
  });
});
