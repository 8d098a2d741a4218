import { describe, expect, it } from 'vitest';
import { computeClocks, overdueThreshold } from './clocks.ts';
import { canTransition, nextStates } from './states.ts';

const sla = { dispatchMinutes: 15, coreInfoHours: 4, reportHours: 24 };
const received = '2020-01-24T19:00:00.000Z'; // 2020-01-25 03:00 in 离石

describe('investigation clocks', () => {
  it('run from the received time with the configured limits', () => {
    const clocks = computeClocks(
      { receivedAt: received, dispatchedAt: null, coreInfoAt: null, submittedAt: null },
      sla,
      new Date('2020-01-24T19:05:00Z'),
    );
    expect(clocks.map((c) => [c.name, c.deadline, c.remainingSeconds, c.overdue])).toEqual([
      ['dispatch', '2020-01-24T19:15:00.000Z', 600, false],
      ['coreInfo', '2020-01-24T23:00:00.000Z', 4 * 3600 - 300, false],
      ['report', '2020-01-25T19:00:00.000Z', 24 * 3600 - 300, false],
    ]);
  });

  it('a clock done in time stops; one done late says so; one still running past its deadline is overdue', () => {
    const clocks = computeClocks(
      {
        receivedAt: received,
        dispatchedAt: '2020-01-24T19:10:00.000Z',
        coreInfoAt: '2020-01-24T23:30:00.000Z',
        submittedAt: null,
      },
      sla,
      new Date('2020-01-25T20:00:00Z'),
    );
    expect(clocks[0]).toMatchObject({
      name: 'dispatch',
      remainingSeconds: null,
      overdue: false,
      late: false,
    });
    expect(clocks[1]).toMatchObject({ name: 'coreInfo', overdue: false, late: true });
    expect(clocks[2]).toMatchObject({ name: 'report', remainingSeconds: -3600, overdue: true });
  });

  it('leaves out the core-information clock when it is switched off', () => {
    const clocks = computeClocks(
      { receivedAt: received, dispatchedAt: null, coreInfoAt: null, submittedAt: null },
      { ...sla, coreInfoHours: null },
      new Date(received),
    );
    expect(clocks.map((c) => c.name)).toEqual(['dispatch', 'report']);
  });

  it('the overdue threshold is now minus the limit', () => {
    expect(overdueThreshold(24 * 3_600_000, new Date('2020-01-26T00:00:00Z'))).toBe(
      '2020-01-25T00:00:00.000Z',
    );
  });
});

describe('investigation states', () => {
  it('move forward one step at a time; review can send back; submitted is final', () => {
    expect(canTransition('pending_dispatch', 'dispatched')).toBe(true);
    expect(canTransition('pending_dispatch', 'arrived')).toBe(false);
    expect(canTransition('pending_review', 'investigating')).toBe(true);
    expect(canTransition('investigating', 'submitted')).toBe(false);
    expect(nextStates('submitted')).toEqual([]);
  });
});
