import { describe, expect, it } from 'vitest';
import { addDays, localDateOf, localTimeOf, startOfLocalDate } from './zoned.ts';

describe('calendar days in a time zone', () => {
  it('puts 16:00Z on the next day in Shanghai and 15:59:59Z on the same day', () => {
    expect(localDateOf('2020-01-21T15:59:59.999Z', 'Asia/Shanghai')).toBe('2020-01-21');
    expect(localDateOf('2020-01-21T16:00:00.000Z', 'Asia/Shanghai')).toBe('2020-01-22');
    expect(localTimeOf('2020-01-21T16:00:00.000Z', 'Asia/Shanghai')).toBe('00:00');
  });

  it('finds the instant a local day begins, also across a daylight-saving change', () => {
    expect(new Date(startOfLocalDate('2020-01-23', 'Asia/Shanghai')).toISOString()).toBe(
      '2020-01-22T16:00:00.000Z',
    );
    expect(new Date(startOfLocalDate('2020-03-08', 'America/New_York')).toISOString()).toBe(
      '2020-03-08T05:00:00.000Z',
    );
    expect(new Date(startOfLocalDate('2020-03-09', 'America/New_York')).toISOString()).toBe(
      '2020-03-09T04:00:00.000Z',
    );
    expect(new Date(startOfLocalDate('2020-01-23', 'UTC')).toISOString()).toBe('2020-01-23T00:00:00.000Z');
  });

  it('adds calendar days across months and leap days', () => {
    expect(addDays('2020-02-28', 1)).toBe('2020-02-29');
    expect(addDays('2020-03-01', -1)).toBe('2020-02-29');
    expect(addDays('2020-01-23', -2)).toBe('2020-01-21');
  });
});
