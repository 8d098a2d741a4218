import { describe, expect, it } from 'vitest';
import { ProtocolInputError } from './errors.ts';
import { presetIds, type PresetId } from './ids.ts';
import type { ContactKind } from './model.ts';
import {
  observationEnd,
  planFor,
  planFromExposureDay,
  restartPlan,
  testDateGivenPlacement,
  testRuleOf,
  testsAfterPlacement,
  type Plan,
} from './plan.ts';
import { presets } from './presets.ts';

const zone = 'Asia/Shanghai';

/** Written out by hand from PROTOCOLS.md §4 for a last exposure on 2021-06-01 (day 0) in Asia/Shanghai. */
const expected: Record<PresetId, Record<ContactKind, Plan>> = {
  'covid-ed2': {
    close: {
      determined: true,
      phases: [{ type: 'medical_observation', start: '2021-06-02', end: '2021-06-15' }],
      tests: [],
    },
    secondary: { determined: false, phases: [], tests: [] },
  },
  'covid-ed5': {
    close: {
      determined: true,
      phases: [{ type: 'centralized', start: '2021-06-02', end: '2021-06-15' }],
      tests: [],
    },
    secondary: { determined: false, phases: [], tests: [] },
  },
  'covid-ed7': {
    close: {
      determined: true,
      phases: [{ type: 'centralized', start: '2021-06-02', end: '2021-06-15' }],
      tests: [
        { phase: 'centralized', dayOfPhase: 1, date: '2021-06-02' },
        { phase: 'centralized', dayOfPhase: 14, date: '2021-06-15' },
      ],
    },
    secondary: { determined: false, phases: [], tests: [] },
  },
  'covid-ed8': {
    close: {
      determined: true,
      phases: [
        { type: 'centralized', start: '2021-06-02', end: '2021-06-15' },
        { type: 'home_monitoring', start: '2021-06-16', end: '2021-06-22' },
      ],
      tests: [
        { phase: 'centralized', dayOfPhase: 1, date: '2021-06-02' },
        { phase: 'centralized', dayOfPhase: 4, date: '2021-06-05' },
        { phase: 'centralized', dayOfPhase: 7, date: '2021-06-08' },
        { phase: 'centralized', dayOfPhase: 14, date: '2021-06-15' },
        { phase: 'home_monitoring', dayOfPhase: 2, date: '2021-06-17' },
        { phase: 'home_monitoring', dayOfPhase: 7, date: '2021-06-22' },
      ],
    },
    secondary: {
      determined: true,
      phases: [{ type: 'centralized', start: '2021-06-02', end: '2021-06-08' }],
      tests: [
        { phase: 'centralized', dayOfPhase: 1, date: '2021-06-02' },
        { phase: 'centralized', dayOfPhase: 4, date: '2021-06-05' },
        { phase: 'centralized', dayOfPhase: 7, date: '2021-06-08' },
      ],
    },
  },
  'covid-ed9': {
    close: {
      determined: true,
      phases: [
        { type: 'centralized', start: '2021-06-02', end: '2021-06-08' },
        { type: 'home_monitoring', start: '2021-06-09', end: '2021-06-11' },
      ],
      tests: [
        { phase: 'centralized', dayOfPhase: 1, date: '2021-06-02' },
        { phase: 'centralized', dayOfPhase: 2, date: '2021-06-03' },
        { phase: 'centralized', dayOfPhase: 3, date: '2021-06-04' },
        { phase: 'centralized', dayOfPhase: 5, date: '2021-06-06' },
        { phase: 'centralized', dayOfPhase: 7, date: '2021-06-08' },
        { phase: 'home_monitoring', dayOfPhase: 3, date: '2021-06-11' },
      ],
    },
    secondary: {
      determined: true,
      phases: [{ type: 'home_quarantine', start: '2021-06-02', end: '2021-06-08' }],
      tests: [
        { phase: 'home_quarantine', dayOfPhase: 1, date: '2021-06-02' },
        { phase: 'home_quarantine', dayOfPhase: 4, date: '2021-06-05' },
        { phase: 'home_quarantine', dayOfPhase: 7, date: '2021-06-08' },
      ],
    },
  },
  'covid-2022-11': {
    close: {
      determined: true,
      phases: [
        { type: 'centralized', start: '2021-06-02', end: '2021-06-06' },
        { type: 'home_quarantine', start: '2021-06-07', end: '2021-06-09' },
      ],
      tests: [
        { phase: 'centralized', dayOfPhase: 1, date: '2021-06-02' },
        { phase: 'centralized', dayOfPhase: 2, date: '2021-06-03' },
        { phase: 'centralized', dayOfPhase: 3, date: '2021-06-04' },
        { phase: 'centralized', dayOfPhase: 5, date: '2021-06-06' },
        { phase: 'home_quarantine', dayOfPhase: 1, date: '2021-06-07' },
        { phase: 'home_quarantine', dayOfPhase: 3, date: '2021-06-09' },
      ],
    },
    secondary: { determined: false, phases: [], tests: [] },
  },
  'covid-2022-12': {
    close: {
      determined: true,
      phases: [{ type: 'home_quarantine', start: '2021-06-02', end: '2021-06-06' }],
      tests: [{ phase: 'home_quarantine', dayOfPhase: 5, date: '2021-06-06' }],
    },
    secondary: { determined: false, phases: [], tests: [] },
  },
  'covid-ed10': {
    close: { determined: false, phases: [], tests: [] },
    secondary: { determined: false, phases: [], tests: [] },
  },
};

/** Moves every date of a plan by `days`, independently of the code under test. */
function shifted(plan: Plan, days: number): Plan {
  const shift = (date: string): string => {
    const d = new Date(`${date}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  };
  return {
    determined: plan.determined,
    phases: plan.phases.map((p) => ({ ...p, start: shift(p.start), end: shift(p.end) })),
    tests: plan.tests.map((t) => ({ ...t, date: shift(t.date) })),
  };
}

const kinds: ContactKind[] = ['close', 'secondary'];

describe.each(presetIds)('%s', (id) => {
  const preset = presets[id];

  it.each(kinds)('%s contact: the last second of a Shanghai day counts from that day', (kind) => {
    expect(planFor(preset, kind, '2021-06-01T15:59:59Z', zone)).toEqual(expected[id][kind]);
    expect(planFor(preset, kind, '2021-06-01T23:59:59.999+08:00', zone)).toEqual(expected[id][kind]);
  });

  it.each(kinds)('%s contact: the first second of the next Shanghai day counts from the next day', (kind) => {
    expect(planFor(preset, kind, '2021-06-01T16:00:00Z', zone)).toEqual(shifted(expected[id][kind], 1));
    expect(planFor(preset, kind, '2021-06-02T00:00:00+08:00', zone)).toEqual(shifted(expected[id][kind], 1));
  });

  it.each(kinds)('%s contact: midnight at the start of the day belongs to that day', (kind) => {
    expect(planFor(preset, kind, '2021-05-31T16:00:00Z', zone)).toEqual(expected[id][kind]);
  });

  it.each(kinds)('%s contact: a new exposure restarts the period and keeps completed tests', (kind) => {
    const restarted = restartPlan(
      preset,
      kind,
      ['2021-06-05T01:00:00Z', '2021-06-01T02:00:00Z'],
      ['2021-06-03', '2021-06-02', '2021-06-03'],
      zone,
    );
    const fromNewExposure = shifted(expected[id][kind], 4);
    expect(restarted).toMatchObject(fromNewExposure);
    expect(restarted.lastExposure).toBe('2021-06-05T01:00:00.000Z');
    expect(restarted.completedTests).toEqual(['2021-06-02', '2021-06-03']);
    expect(restarted.pendingTests).toEqual(fromNewExposure.tests);
  });
});

describe('the covid-ed8 example of the issue', () => {
  const plan = planFor(presets['covid-ed8'], 'close', '2021-06-01T10:00:00+08:00', zone);

  it('14 days centralized from the day after the exposure, then 7 days of home monitoring', () => {
    expect(plan.phases).toEqual([
      { type: 'centralized', start: '2021-06-02', end: '2021-06-15' },
      { type: 'home_monitoring', start: '2021-06-16', end: '2021-06-22' },
    ]);
    expect(observationEnd(plan)).toBe('2021-06-22');
  });

  it('tests on centralized days 1, 4, 7, 14 and home days 2, 7', () => {
    expect(plan.tests.map((t) => `${t.phase}:${t.dayOfPhase}:${t.date}`)).toEqual([
      'centralized:1:2021-06-02',
      'centralized:4:2021-06-05',
      'centralized:7:2021-06-08',
      'centralized:14:2021-06-15',
      'home_monitoring:2:2021-06-17',
      'home_monitoring:7:2021-06-22',
    ]);
  });

  it('day 14 is the double sampling: two nasopharyngeal swabs, two labs', () => {
    const day14 = plan.tests[3];
    expect(day14 && testRuleOf(presets['covid-ed8'], 'close', day14)).toMatchObject({
      specimens: ['nasopharyngeal_swab'],
      doubleSampling: true,
    });
    const day1 = plan.tests[0];
    expect(day1 && testRuleOf(presets['covid-ed8'], 'close', day1)?.doubleSampling).toBe(false);
  });
});

describe('calendar edges', () => {
  it('crosses month and year ends', () => {
    expect(planFor(presets['covid-ed8'], 'close', '2021-12-31T15:59:59Z', zone).phases).toEqual([
      { type: 'centralized', start: '2022-01-01', end: '2022-01-14' },
      { type: 'home_monitoring', start: '2022-01-15', end: '2022-01-21' },
    ]);
  });

  it('counts 29 February in a leap year', () => {
    expect(planFromExposureDay(presets['covid-ed2'], 'close', '2020-02-28').phases).toEqual([
      { type: 'medical_observation', start: '2020-02-29', end: '2020-03-13' },
    ]);
  });

  it('uses the deployment zone, whatever its offset or daylight-saving rules', () => {
    // 2021-03-14T04:30Z is 23:30 on 13 March in New York, the night clocks went forward.
    const plan = planFor(presets['covid-2022-12'], 'close', '2021-03-14T04:30:00Z', 'America/New_York');
    expect(plan.phases).toEqual([{ type: 'home_quarantine', start: '2021-03-14', end: '2021-03-18' }]);
    expect(planFor(presets['covid-2022-12'], 'close', '2021-03-14T04:30:00Z', zone).phases[0]?.start).toBe(
      '2021-03-15',
    );
  });

  it('has no end when nothing is determined', () => {
    expect(observationEnd(planFor(presets['covid-ed10'], 'close', '2023-01-09T00:00:00Z', zone))).toBeNull();
  });
});

describe('placement', () => {
  it('a test day before placement is done on the placement day; later ones stay', () => {
    expect(testDateGivenPlacement('2021-06-02', '2021-06-04')).toBe('2021-06-04');
    expect(testDateGivenPlacement('2021-06-05', '2021-06-04')).toBe('2021-06-05');
    expect(testDateGivenPlacement('2021-06-04', '2021-06-04')).toBe('2021-06-04');
  });

  it('moves every overdue test of a plan to the placement day and keeps which test it was', () => {
    const plan = planFor(presets['covid-ed9'], 'close', '2022-07-01T08:00:00+08:00', zone);
    const placed = testsAfterPlacement(plan, '2022-07-04');
    expect(placed.map((t) => [t.dayOfPhase, t.date, t.dueDate])).toEqual([
      [1, '2022-07-02', '2022-07-04'],
      [2, '2022-07-03', '2022-07-04'],
      [3, '2022-07-04', '2022-07-04'],
      [5, '2022-07-06', '2022-07-06'],
      [7, '2022-07-08', '2022-07-08'],
      [3, '2022-07-11', '2022-07-11'],
    ]);
  });
});

describe('restart', () => {
  it('a completed test on a date the new plan also tests satisfies it', () => {
    const restarted = restartPlan(
      presets['covid-ed8'],
      'close',
      ['2021-06-01T10:00:00+08:00', '2021-06-03T10:00:00+08:00'],
      ['2021-06-02', '2021-06-04'],
      zone,
    );
    expect(restarted.tests[0]).toEqual({ phase: 'centralized', dayOfPhase: 1, date: '2021-06-04' });
    expect(restarted.pendingTests[0]).toEqual({ phase: 'centralized', dayOfPhase: 4, date: '2021-06-07' });
    expect(restarted.completedTests).toEqual(['2021-06-02', '2021-06-04']);
  });
});

describe('bad input names the field', () => {
  const fieldOf = (f: () => unknown): string | null => {
    try {
      f();
      return null;
    } catch (error) {
      return error instanceof ProtocolInputError ? `${error.field}:${error.code}` : 'other';
    }
  };
  const ed8 = presets['covid-ed8'];

  it.each([
    ['2021-06-01', 'no time'],
    ['2021-06-01T10:00:00', 'no offset'],
    ['yesterday', 'not a time'],
    ['2021-02-30T10:00:00Z', 'no such day'],
  ])('lastExposure %s (%s)', (value) => {
    expect(fieldOf(() => planFor(ed8, 'close', value, zone))).toBe('lastExposure:iso_instant');
  });

  it('the other inputs', () => {
    expect(fieldOf(() => planFor(ed8, 'close', '2021-06-01T10:00:00Z', 'Mars/Olympus'))).toBe(
      'timeZone:invalid',
    );
    expect(fieldOf(() => restartPlan(ed8, 'close', [], [], zone))).toBe('exposures:required');
    expect(fieldOf(() => restartPlan(ed8, 'close', ['2021-06-01T10:00:00Z', 'x'], [], zone))).toBe(
      'exposures.1:iso_instant',
    );
    expect(fieldOf(() => restartPlan(ed8, 'close', ['2021-06-01T10:00:00Z'], ['6/2'], zone))).toBe(
      'completedTests.0:iso_date',
    );
    expect(fieldOf(() => testDateGivenPlacement('2021-06-02', '2021-13-01'))).toBe('placementDate:iso_date');
    expect(fieldOf(() => planFromExposureDay(ed8, 'close', '2021-6-1'))).toBe('exposureDay:iso_date');
  });
});
