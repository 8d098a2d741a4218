export { groupByDay, type DayGroup } from './days.ts';
export { flagTrajectory, type FlagOptions, type TimedEntry, type TrajectoryFlag } from './flags.ts';
export { lookBackWindow, type Window } from './window.ts';
export { addDays, localDateOf, localTimeOf, startOfLocalDate } from './zoned.ts';
