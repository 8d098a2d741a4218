import { describe, expect, it } from 'vitest';
import { flagTrajectory, type TimedEntry } from './flags.ts';
import { lookBackWindow } from './window.ts';

// Onset 2020-01-23, two days back, isolated 2020-01-24 20:00 Beijing time (12:00Z).
const window = lookBackWindow({
  anchorDate: '2020-01-23',
  lookBackDays: 2,
  isolatedAt: '2020-01-24T12:00:00.000Z',
  now: '2020-01-25T00:00:00.000Z',
  timeZone: 'Asia/Shanghai',
});

/** Builds an entry from Beijing wall-clock times ("01-21 08:00"). */
function entry(id: number, from: string, to: string, residence = false): TimedEntry {
  const at = (s: string) => new Date(`2020-${s.replace(' ', 'T')}:00+08:00`).toISOString();
  return { id, startAt: at(from), endAt: at(to), residence };
}

/** A complete timeline: home every night, outings by day, nothing missing. */
const complete = [
  entry(1, '01-21 00:00', '01-21 09:00', true),
  entry(2, '01-21 09:00', '01-21 10:30'),
  entry(3, '01-21 10:30', '01-23 09:00', true),
  entry(4, '01-23 09:00', '01-23 11:00'),
  entry(5, '01-23 11:00', '01-24 20:00', true),
];

describe('trajectory flags', () => {
  it('raises nothing for a complete timeline', () => {
    expect(flagTrajectory(complete, window)).toEqual([]);
  });

  it('flags an entry before the window, and one that straddles its start as partial', () => {
    const flags = flagTrajectory(
      [
        entry(10, '01-19 10:00', '01-19 11:00'),
        entry(11, '01-20 23:00', '01-21 09:00', true),
        ...complete.slice(1),
      ],
      window,
    );
    expect(flags).toEqual([
      { kind: 'outside_window', entryIds: [10], partial: false },
      { kind: 'outside_window', entryIds: [11], partial: true },
    ]);
  });

  it('treats the window start as a local-midnight edge: 23:59 the day before is outside', () => {
    const flags = flagTrajectory([entry(12, '01-20 23:00', '01-20 23:59')], null);
    expect(flags).toEqual([]);
    const inWindow = flagTrajectory([entry(12, '01-20 23:00', '01-20 23:59')], window);
    expect(inWindow[0]).toEqual({ kind: 'outside_window', entryIds: [12], partial: false });
  });

  it('flags an entry after isolation', () => {
    const flags = flagTrajectory([...complete, entry(20, '01-24 21:00', '01-24 22:00')], window);
    expect(flags).toContainEqual({ kind: 'outside_window', entryIds: [20], partial: false });
  });

  it('flags each overlapping pair with the overlapping stretch', () => {
    const flags = flagTrajectory(
      [
        entry(1, '01-21 00:00', '01-21 09:00', true),
        entry(2, '01-21 08:30', '01-21 10:30'),
        entry(3, '01-21 10:00', '01-23 09:00', true),
        ...complete.slice(3),
      ],
      window,
    );
    expect(flags).toEqual([
      {
        kind: 'overlap',
        entryIds: [1, 2],
        from: '2020-01-21T00:30:00.000Z',
        to: '2020-01-21T01:00:00.000Z',
      },
      {
        kind: 'overlap',
        entryIds: [2, 3],
        from: '2020-01-21T02:00:00.000Z',
        to: '2020-01-21T02:30:00.000Z',
      },
    ]);
  });

  it('does not call back-to-back entries an overlap', () => {
    expect(flagTrajectory(complete, null)).toEqual([]);
  });

  it('flags a gap longer than the threshold after an outing, naming the entries around it', () => {
    const flags = flagTrajectory(
      [
        entry(1, '01-21 00:00', '01-21 09:00', true),
        entry(2, '01-21 09:00', '01-21 10:30'),
        entry(3, '01-21 14:00', '01-23 09:00', true),
        ...complete.slice(3),
      ],
      window,
    );
    expect(flags).toEqual([
      {
        kind: 'gap',
        entryIds: [2, 3],
        from: '2020-01-21T02:30:00.000Z',
        to: '2020-01-21T06:00:00.000Z',
        minutes: 210,
      },
    ]);
  });

  it('keeps a gap at or under the threshold, and honours a custom threshold', () => {
    const timeline = [
      entry(1, '01-21 00:00', '01-21 09:00', true),
      entry(2, '01-21 09:00', '01-21 10:30'),
      entry(3, '01-21 12:30', '01-23 09:00', true),
      ...complete.slice(3),
    ];
    expect(flagTrajectory(timeline, window)).toEqual([]);
    expect(flagTrajectory(timeline, window, { gapThresholdMinutes: 60 })).toHaveLength(1);
  });

  it('lets a residence entry cover the night until the next outing', () => {
    const timeline = [
      entry(1, '01-21 00:00', '01-21 09:00', true),
      entry(2, '01-21 09:00', '01-21 10:30'),
      entry(3, '01-21 10:30', '01-21 20:00', true),
      entry(4, '01-23 09:00', '01-23 11:00'),
      entry(5, '01-23 11:00', '01-24 20:00', true),
    ];
    expect(flagTrajectory(timeline, window)).toEqual([]);
    const strict = flagTrajectory(timeline, window, { residenceCoversUntilNext: false });
    expect(strict).toEqual([expect.objectContaining({ kind: 'gap', entryIds: [3, 4], minutes: 37 * 60 })]);
  });

  it('flags the uncovered start and end of the window', () => {
    const flags = flagTrajectory([entry(4, '01-23 09:00', '01-23 11:00')], window);
    expect(flags).toEqual([
      {
        kind: 'gap',
        entryIds: [4],
        from: '2020-01-20T16:00:00.000Z',
        to: '2020-01-23T01:00:00.000Z',
        minutes: 3420,
      },
      {
        kind: 'gap',
        entryIds: [4],
        from: '2020-01-23T03:00:00.000Z',
        to: '2020-01-24T12:00:00.000Z',
        minutes: 1980,
      },
    ]);
  });

  it('flags the whole window as one gap when there are no entries', () => {
    expect(flagTrajectory([], window)).toEqual([
      expect.objectContaining({ kind: 'gap', entryIds: [], minutes: 4 * 24 * 60 - 4 * 60 }),
    ]);
  });

  it('does not count an entry nested inside a longer one as ending the coverage', () => {
    const flags = flagTrajectory(
      [entry(1, '01-21 00:00', '01-24 20:00', true), entry(2, '01-22 10:00', '01-22 11:00')],
      window,
    );
    expect(flags.filter((f) => f.kind === 'gap')).toEqual([]);
    expect(flags).toContainEqual(expect.objectContaining({ kind: 'overlap', entryIds: [1, 2] }));
  });
});
