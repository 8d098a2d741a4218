import { describe, expect, it } from 'vitest';
import { lookBackWindow } from './window.ts';

describe('look-back window', () => {
  it('opens at local midnight N days before onset and closes at isolation', () => {
    const window = lookBackWindow({
      anchorDate: '2020-01-23',
      lookBackDays: 2,
      isolatedAt: '2020-01-24T18:30:00.000Z',
      now: '2020-01-26T00:00:00.000Z',
      timeZone: 'Asia/Shanghai',
    });
    expect(new Date(window.startMs).toISOString()).toBe('2020-01-20T16:00:00.000Z');
    expect(new Date(window.endMs).toISOString()).toBe('2020-01-24T18:30:00.000Z');
  });

  it('runs to now while the case is not isolated', () => {
    const window = lookBackWindow({
      anchorDate: '2020-01-23',
      lookBackDays: 0,
      isolatedAt: null,
      now: '2020-01-25T03:00:00.000Z',
      timeZone: 'Asia/Shanghai',
    });
    expect(new Date(window.startMs).toISOString()).toBe('2020-01-22T16:00:00.000Z');
    expect(new Date(window.endMs).toISOString()).toBe('2020-01-25T03:00:00.000Z');
  });
});
