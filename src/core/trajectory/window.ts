import { addDays, startOfLocalDate } from './zoned.ts';

/** A half-open interval of instants, [startMs, endMs). */
export type Window = { startMs: number; endMs: number };

/**
 * The case's look-back window: from the start of (anchor date − lookBackDays) in the deployment time zone
 * to the isolation time, or to `now` while the case is not isolated.
 */
export function lookBackWindow(input: {
  anchorDate: string;
  lookBackDays: number;
  isolatedAt: string | null;
  now: string;
  timeZone: string;
}): Window {
  const startMs = startOfLocalDate(addDays(input.anchorDate, -input.lookBackDays), input.timeZone);
  const endMs = Date.parse(input.isolatedAt ?? input.now);
  return { startMs, endMs: Math.max(startMs, endMs) };
}
