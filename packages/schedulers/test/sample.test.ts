import { describe, expect, it } from 'vitest';
import { sampleSchedule } from '../src/sample.js';
import { stepLR } from '../src/torch/step-lr.js';
import { cyclicLR } from '../src/torch/cyclic-lr.js';

describe('sampleSchedule', () => {
  it('tabulates lr (and momentum when cycled) at t = 0 … n − 1', () => {
    expect(sampleSchedule(stepLR({ lr0: 1, stepSize: 2, gamma: 0.5 }), 5)).toEqual({
      steps: [0, 1, 2, 3, 4],
      lr: [1, 1, 0.5, 0.5, 0.25],
    });
    const cyclic = sampleSchedule(cyclicLR({ baseLr: 0, maxLr: 1, stepSizeUp: 2 }), 3);
    expect(cyclic.lr).toEqual([0, 0.5, 1]);
    expect(cyclic.momentum?.map((m) => Number(m.toFixed(12)))).toEqual([0.9, 0.85, 0.8]);
  });

  it('rejects a bad count', () => {
    expect(() => sampleSchedule(stepLR({ lr0: 1, stepSize: 2 }), -1)).toThrow(
      'sampleSchedule: numSteps must be >= 0, got -1',
    );
  });
});
