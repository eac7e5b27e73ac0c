// A schedule times a constant: what reduceLROnPlateau hands the optimizer when its learning rate
// is a schedule, so the reduced rate keeps following the schedule and still saves as
// `{name: 'scaledSchedule', params: {schedule, scale}}`.
import type { Schedule, ScheduleConfig } from '@tensile/schedulers';
import { defineSchedule, registerSchedule, scheduleFromConfig } from '@tensile/schedulers';

const NAME = 'scaledSchedule';

export function scaledSchedule(schedule: Schedule, scale: number): Schedule {
  return defineSchedule(NAME, { schedule: schedule.toJSON(), scale }, (t) => schedule(t) * scale);
}

registerSchedule(NAME, (params) =>
  scaledSchedule(scheduleFromConfig(params.schedule as ScheduleConfig), params.scale as number),
);
