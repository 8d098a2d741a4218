import { addDays, localDateOf, startOfLocalDate } from './zoned.ts';

export type DayGroup<T> = { date: string; entries: T[] };

/**
 * Groups entries by the calendar days they touch in a time zone, oldest day first. An entry that runs
 * past midnight (a night at home) appears under each day it covers, so every day's view is complete.
 */
export function groupByDay<T extends { startAt: string; endAt: string }>(
  entries: readonly T[],
  timeZone: string,
): DayGroup<T>[] {
  const byDate = new Map<string, T[]>();
  const sorted = [...entries].sort((a, b) => Date.parse(a.startAt) - Date.parse(b.startAt));
  for (const entry of sorted) {
    const endMs = Date.parse(entry.endAt);
    let date = localDateOf(entry.startAt, timeZone);
    // At least the start day; further days only while the entry is still running when they begin.
    for (let guard = 0; guard < 366; guard += 1) {
      const list = byDate.get(date) ?? [];
      list.push(entry);
      byDate.set(date, list);
      date = addDays(date, 1);
      if (startOfLocalDate(date, timeZone) >= endMs) {
        break;
      }
    }
  }
  return [...byDate.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, list]) => ({ date, entries: list }));
}
