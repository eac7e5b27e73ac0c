// Tabulates a schedule for plotting or inspection.
import { type CyclicalSchedule } from './schedule.js';
import { checkNumber } from './validate.js';

export interface ScheduleSamples {
  steps: number[];
  lr: number[];
  /** Present when the schedule cycles momentum. */
  momentum?: number[];
}

/** The schedule (and its momentum, if any) at t = 0, 1, …, numSteps − 1. */
export function sampleSchedule(schedule: CyclicalSchedule, numSteps: number): ScheduleSamples {
  const n = checkNumber('sampleSchedule', 'numSteps', numSteps, { ge: 0 }, true);
  const steps = Array.from({ length: n }, (_, t) => t);
  const samples: ScheduleSamples = { steps, lr: steps.map((t) => schedule(t)) };
  const momentum = schedule.momentum;
  if (momentum !== undefined) samples.momentum = steps.map((t) => momentum(t));
  return samples;
}
