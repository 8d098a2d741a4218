import { describe, expect, it } from 'vitest';
import { dateIn, nextDate, offsetMinutes, startOfDay } from './zone.ts';

describe('calendar days in the deployment time zone', () => {
  it('Asia/Shanghai is UTC+8 all year', () => {
    expect(offsetMinutes(new Date('2020-01-25T00:00:00Z'), 'Asia/Shanghai')).toBe(480);
    expect(offsetMinutes(new Date('2020-07-01T00:00:00Z'), 'Asia/Shanghai')).toBe(480);
  });

  it('a day begins at 16:00 UTC the day before in Shanghai', () => {
    expect(startOfDay('2020-01-25', 'Asia/Shanghai')).toBe('2020-01-24T16:00:00.000Z');
    expect(startOfDay('2020-01-25', 'UTC')).toBe('2020-01-25T00:00:00.000Z');
  });

  it('handles a daylight-saving zone on its change days', () => {
    expect(startOfDay('2020-03-29', 'Europe/Berlin')).toBe('2020-03-28T23:00:00.000Z');
    expect(startOfDay('2020-03-30', 'Europe/Berlin')).toBe('2020-03-29T22:00:00.000Z');
  });

  it('03:00 on 2020-01-25 in Shanghai is still the 24th in UTC but the 25th locally', () => {
    expect(dateIn(new Date('2020-01-24T19:00:00Z'), 'Asia/Shanghai')).toBe('2020-01-25');
    expect(dateIn(new Date('2020-01-24T15:59:59Z'), 'Asia/Shanghai')).toBe('2020-01-24');
  });

  it('steps over month and leap-year ends', () => {
    expect(nextDate('2020-02-28')).toBe('2020-02-29');
    expect(nextDate('2020-02-29')).toBe('2020-03-01');
    expect(nextDate('2020-12-31')).toBe('2021-01-01');
  });
});
