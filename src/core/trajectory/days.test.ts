import { describe, expect, it } from 'vitest';
import { groupByDay } from './days.ts';

const e = (id: number, startAt: string, endAt: string) => ({ id, startAt, endAt });

describe('grouping by calendar day', () => {
  it('puts an entry at 00:30 Beijing time on that day although it is the previous day in UTC', () => {
    const groups = groupByDay(
      [e(1, '2020-01-22T16:30:00.000Z', '2020-01-22T17:00:00.000Z')],
      'Asia/Shanghai',
    );
    expect(groups.map((g) => g.date)).toEqual(['2020-01-23']);
    expect(groupByDay([e(1, '2020-01-22T16:30:00.000Z', '2020-01-22T17:00:00.000Z')], 'UTC')[0]?.date).toBe(
      '2020-01-22',
    );
  });

  it('shows a night at home under both days, and an entry ending exactly at midnight under one', () => {
    const groups = groupByDay(
      [
        e(1, '2020-01-21T12:00:00.000Z', '2020-01-22T01:00:00.000Z'),
        e(2, '2020-01-22T02:00:00.000Z', '2020-01-22T16:00:00.000Z'),
      ],
      'Asia/Shanghai',
    );
    expect(groups).toEqual([
      { date: '2020-01-21', entries: [expect.objectContaining({ id: 1 })] },
      {
        date: '2020-01-22',
        entries: [expect.objectContaining({ id: 1 }), expect.objectContaining({ id: 2 })],
      },
    ]);
  });

  it('orders days and the entries within them by time', () => {
    const groups = groupByDay(
      [
        e(3, '2020-01-23T05:00:00.000Z', '2020-01-23T06:00:00.000Z'),
        e(2, '2020-01-23T02:00:00.000Z', '2020-01-23T03:00:00.000Z'),
        e(1, '2020-01-21T02:00:00.000Z', '2020-01-21T03:00:00.000Z'),
      ],
      'Asia/Shanghai',
    );
    expect(groups.map((g) => [g.date, g.entries.map((x) => x.id)])).toEqual([
      ['2020-01-21', [1]],
      ['2020-01-23', [2, 3]],
    ]);
  });

  it('returns no days for no entries', () => {
    expect(groupByDay([], 'Asia/Shanghai')).toEqual([]);
  });
});
