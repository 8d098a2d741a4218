import { ProtocolInputError } from './errors.ts';

/**
 * Calendar days as 'YYYY-MM-DD' strings. The only time-zone question in the protocols is "which calendar
 * day was this instant in the deployment zone"; after that, day arithmetic is plain date arithmetic, done
 * on UTC midnights so that no daylight-saving shift can move a day (docs/decisions/004-day-counting.md).
 */

const MS_PER_DAY = 86_400_000;
const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const isoInstantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  const cached = formatters.get(timeZone);
  if (cached) {
    return cached;
  }
  const formatter = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    calendar: 'gregory',
    numberingSystem: 'latn',
  });
  formatters.set(timeZone, formatter);
  return formatter;
}

export function isIsoDate(value: string): boolean {
  const match = isoDatePattern.exec(value);
  if (!match) {
    return false;
  }
  const [, year, month, day] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return date.toISOString().slice(0, 10) === value;
}

/**
 * An ISO-8601 instant with an explicit offset or Z; a bare local time would depend on the server's zone.
 * The calendar part is checked on its own because Date.parse rolls 30 February over into March.
 */
export function isIsoInstant(value: string): boolean {
  return isoInstantPattern.test(value) && isIsoDate(value.slice(0, 10)) && !Number.isNaN(Date.parse(value));
}

/** The calendar day (YYYY-MM-DD) on which `instant` falls in `timeZone`. */
export function calendarDayIn(instant: string | Date, timeZone: string): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) {
    throw new ProtocolInputError('lastExposure', 'iso_instant');
  }
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = formatterFor(timeZone);
  } catch {
    throw new ProtocolInputError('timeZone', 'invalid');
  }
  const parts = formatter.formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

function toUtcMs(date: string, field: string): number {
  if (!isIsoDate(date)) {
    throw new ProtocolInputError(field, 'iso_date');
  }
  return Date.parse(`${date}T00:00:00Z`);
}

/** `date` plus `days` calendar days (negative to go back). */
export function addDays(date: string, days: number, field = 'date'): string {
  return new Date(toUtcMs(date, field) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtcMs(to, 'date') - toUtcMs(from, 'date')) / MS_PER_DAY);
}

/** The later of two dates; YYYY-MM-DD strings order like the dates they name. */
export function laterDate(a: string, b: string): string {
  return a >= b ? a : b;
}
