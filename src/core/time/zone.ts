/**
 * Calendar days in the deployment time zone (DESIGN §6): a date filter such as "reported on 2020-01-25"
 * means that day in Asia/Shanghai, not in UTC.
 */

/** Offset of `timeZone` from UTC at `instant`, in minutes (480 for Asia/Shanghai). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const field = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    field('year'),
    field('month') - 1,
    field('day'),
    field('hour'),
    field('minute'),
    field('second'),
  );
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The instant (ISO UTC) at which calendar day `date` (YYYY-MM-DD) begins in `timeZone`. */
export function startOfDay(date: string, timeZone: string): string {
  const utcMidnight = new Date(`${date}T00:00:00Z`);
  const guess = new Date(utcMidnight.getTime() - offsetMinutes(utcMidnight, timeZone) * 60_000);
  // A second pass settles days on which the offset changes (daylight saving zones).
  const settled = new Date(utcMidnight.getTime() - offsetMinutes(guess, timeZone) * 60_000);
  return settled.toISOString();
}

/** The calendar date (YYYY-MM-DD) of `instant` in `timeZone`. */
export function dateIn(instant: Date, timeZone: string): string {
  const shifted = new Date(instant.getTime() + offsetMinutes(instant, timeZone) * 60_000);
  return shifted.toISOString().slice(0, 10);
}

/** The calendar date after `date`. */
export function nextDate(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}
