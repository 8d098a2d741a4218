import { localDateOf, localTimeOf } from '../trajectory/zoned.ts';

export const UNKNOWN = '不详';
export const NONE = '无';

/** A value for a cell or a field: blank, null and undefined become `fallback` (不详 unless said otherwise). */
export function text(value: string | number | null | undefined, fallback = UNKNOWN): string {
  if (value === null || value === undefined) {
    return fallback;
  }
  const s = String(value).trim();
  return s === '' ? fallback : s;
}

/** `2020年01月25日 03:00` in the report's zone. */
export function dateTime(instant: string | null | undefined, timeZone: string): string {
  if (!instant || Number.isNaN(Date.parse(instant))) {
    return UNKNOWN;
  }
  return `${chineseDate(localDateOf(instant, timeZone))} ${localTimeOf(instant, timeZone)}`;
}

/** `2020年01月25日` for a calendar date `YYYY-MM-DD`. */
export function chineseDate(date: string | null | undefined): string {
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    return UNKNOWN;
  }
  return `${date.slice(0, 4)}年${date.slice(5, 7)}月${date.slice(8, 10)}日`;
}

/**
 * `01月21日⏎09:00—10:30`, or with both dates when the span crosses midnight; the line break keeps the
 * narrow time column of the trajectory table readable.
 */
export function timeSpan(startAt: string, endAt: string, timeZone: string): string {
  const startDate = localDateOf(startAt, timeZone);
  const endDate = localDateOf(endAt, timeZone);
  const day = (date: string) => `${date.slice(5, 7)}月${date.slice(8, 10)}日`;
  if (startDate === endDate) {
    return `${day(startDate)}\n${localTimeOf(startAt, timeZone)}—${localTimeOf(endAt, timeZone)}`;
  }
  return `${day(startDate)} ${localTimeOf(startAt, timeZone)}—\n${day(endDate)} ${localTimeOf(endAt, timeZone)}`;
}

/** Joins the non-blank parts with `sep`; nothing left → `fallback`. */
export function joinOr(parts: Array<string | null | undefined>, sep: string, fallback: string): string {
  const kept = parts.map((p) => (p ?? '').trim()).filter((p) => p !== '');
  return kept.length === 0 ? fallback : kept.join(sep);
}
