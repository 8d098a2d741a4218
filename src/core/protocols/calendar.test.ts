import { describe, expect, it } from 'vitest';
import { addDays, calendarDayIn, daysBetween, isIsoDate, isIsoInstant, laterDate } from './calendar.ts';

describe('calendar days', () => {
  it('the calendar day of an instant depends on the zone', () => {
    expect(calendarDayIn('2021-06-01T15:59:59.999Z', 'Asia/Shanghai')).toBe('2021-06-01');
    expect(calendarDayIn('2021-06-01T16:00:00Z', 'Asia/Shanghai')).toBe('2021-06-02');
    expect(calendarDayIn('2021-06-01T16:00:00Z', 'UTC')).toBe('2021-06-01');
    expect(calendarDayIn('2021-06-01T03:00:00Z', 'America/Los_Angeles')).toBe('2021-05-31');
    expect(calendarDayIn(new Date('2020-01-24T19:00:00Z'), 'Asia/Shanghai')).toBe('2020-01-25');
  });

  it('adds days across months, leap days and years', () => {
    expect(addDays('2020-02-28', 1)).toBe('2020-02-29');
    expect(addDays('2021-02-28', 1)).toBe('2021-03-01');
    expect(addDays('2021-12-31', 1)).toBe('2022-01-01');
    expect(addDays('2021-06-01', -2)).toBe('2021-05-30');
    expect(daysBetween('2021-06-01', '2021-06-15')).toBe(14);
    expect(daysBetween('2021-03-01', '2021-02-27')).toBe(-2);
    expect(laterDate('2021-06-02', '2021-06-10')).toBe('2021-06-10');
  });

  it('knows real dates and instants with an offset', () => {
    expect(isIsoDate('2020-02-29')).toBe(true);
    expect(isIsoDate('2021-02-29')).toBe(false);
    expect(isIsoDate('2021-6-1')).toBe(false);
    expect(isIsoInstant('2021-06-01T10:00:00+08:00')).toBe(true);
    expect(isIsoInstant('2021-06-01T10:00Z')).toBe(true);
    expect(isIsoInstant('2021-06-01T10:00:00')).toBe(false);
    expect(isIsoInstant('2021-02-30T10:00:00Z')).toBe(false);
    expect(isIsoInstant('2021-06-01T25:00:00Z')).toBe(false);
  });
});
