import { dateIn, offsetMinutes, startOfDay } from '../time/zone.ts';

/** The calendar date (`YYYY-MM-DD`) of an instant in a time zone. */
export function localDateOf(instant: string | number, timeZone: string): string {
  return dateIn(new Date(instant), timeZone);
}

/** The local time of day (`HH:mm`) of an instant in a time zone. */
export function localTimeOf(instant: string | number, timeZone: string): string {
  const at = new Date(instant);
  return new Date(at.getTime() + offsetMinutes(at, timeZone) * 60_000).toISOString().slice(11, 16);
}

/** The instant (epoch ms) at which a calendar date begins in a time zone. */
export function startOfLocalDate(date: string, timeZone: string): number {
  return Date.parse(startOfDay(date, timeZone));
}

/** `date` plus `days` calendar days (negative to go back). */
export function addDays(date: string, days: number): string {
  const [year = 1970, month = 1, day = 1] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}
