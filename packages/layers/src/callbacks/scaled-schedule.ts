// A schedule times a constant: what reduceLROnPlateau hands the optimizer when its learning rate
// is a schedule, so the reduced rate keeps following the schedule and still saves as
// `{name: 'scaledSchedule', params: {schedule, scale}}`.
import * as tl from '@tensile/core';
import type { Schedule, ScheduleConfig } from '@tensile/schedulers';
import {
  defineSchedule,
  listSchedules,
  registerSchedule,
  scheduleFromConfig,
} from '@tensile/schedulers';

const NAME = 'scaledSchedule';

export function scaledSchedule(schedule: Schedule, scale: number): Schedule {
  if (typeof scale !== 'number' || !(scale >= 0) || !Number.isFinite(scale)) {
    throw tl.invalidArgument(NAME, 'scale', 'a finite number ≥ 0', scale);
  }
  return defineSchedule(NAME, { schedule: schedule.toJSON(), scale }, (t) => schedule(t) * scale);
}

// A second copy of this package in one process finds the name taken: the first one's builder
// rebuilds the same schedule, so it is kept.
if (!listSchedules().includes(NAME)) {
  registerSchedule(NAME, (params) =>
    scaledSchedule(scheduleFromConfig(params.schedule as ScheduleConfig), params.scale as number),
  );
}
