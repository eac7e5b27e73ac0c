// PyTorch's SequentialLR as a pure function: each schedule takes over at its milestone and counts
// its own steps from 0 there (SequentialLR calls `scheduler.step(0)` at a milestone).
import { ScheduleError, invalidParameter } from './errors.js';
import { type Schedule, type ScheduleConfig, defineSchedule } from './schedule.js';
import { checkIncreasing, checkNumber } from './validate.js';

export type SequentialParams = { schedules: ScheduleConfig[]; milestones: number[] };

/**
 * Runs `schedules[0]` on [0, milestones[0]), then schedules[i] on [milestones[i−1], milestones[i])
 * evaluated at t − milestones[i−1]; the last one runs forever. Milestones are strictly increasing
 * integers ≥ 1, one fewer than the schedules. Nests: a sequential is a schedule like any other.
 */
export function sequential(
  schedules: readonly Schedule[],
  milestones: readonly number[],
): Schedule<SequentialParams> {
  const op = 'sequential';
  if (!Array.isArray(schedules) || schedules.length === 0) {
    throw invalidParameter(op, 'schedules', 'a non-empty array of schedules', schedules);
  }
  schedules.forEach((s, i) => {
    if (typeof s !== 'function' || typeof s.name !== 'string' || typeof s.params !== 'object') {
      throw invalidParameter(
        op,
        `schedules[${i}]`,
        'a schedule (from a factory or defineSchedule)',
        s,
      );
    }
  });
  if (!Array.isArray(milestones)) throw invalidParameter(op, 'milestones', 'an array', milestones);
  const ms = milestones.map((m: unknown, i) =>
    checkNumber(op, `milestones[${i}]`, m, { ge: 1 }, true),
  );
  if (ms.length !== schedules.length - 1) {
    throw new ScheduleError(
      op,
      `milestones must have one entry fewer than schedules, got ${ms.length} milestones for ${schedules.length} schedules`,
    );
  }
  checkIncreasing(op, 'milestones', ms);
  const parts = [...schedules];
  const params: SequentialParams = {
    schedules: parts.map((s) => ({ name: s.name, params: s.params })),
    milestones: ms,
  };
  return defineSchedule(op, params, (t) => {
    let i = 0;
    while (i < ms.length && t >= ms[i]) i++;
    return parts[i](i === 0 ? t : t - ms[i - 1]);
  });
}
