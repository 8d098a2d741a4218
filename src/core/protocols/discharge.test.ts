import { describe, expect, it } from 'vitest';
import { dischargePlan } from './discharge.ts';
import { ProtocolInputError } from './errors.ts';
import { layerOverlay } from './overlay.ts';
import { lishi2020 } from './overlays.ts';
import { presets } from './presets.ts';

describe('discharge follow-up', () => {
  it('the demo district: week 2 and week 4 swabs and day-28 serum, anal and throat swabs, on top of the national visits', () => {
    const plan = dischargePlan(layerOverlay(presets['covid-ed2'], lishi2020), '2020-02-20');
    expect(plan.determined).toBe(true);
    expect(plan.observation).toEqual({ type: 'self_monitoring', start: '2020-02-21', end: '2020-03-05' });
    expect(
      plan.events.map((e) => [
        e.kind,
        e.start,
        e.end,
        e.kind === 'sampling' ? e.specimens.join('+') : e.items[0],
      ]),
    ).toEqual([
      ['visit', '2020-02-28', '2020-03-05', 'visit'],
      ['sampling', '2020-02-28', '2020-03-05', 'throat_swab+anal_swab'],
      ['visit', '2020-03-13', '2020-03-19', 'visit'],
      ['sampling', '2020-03-13', '2020-03-19', 'throat_swab+anal_swab'],
      ['sampling', '2020-03-19', '2020-03-19', 'serum+anal_swab+throat_swab'],
    ]);
    for (const event of plan.events) {
      if (event.kind === 'sampling') {
        expect(event.certainty).toBe('local');
      }
    }
  });

  it('edition 7 onward: 14 days of isolation observation and the 2020-04 follow-up items', () => {
    const plan = dischargePlan(presets['covid-ed8'], '2021-06-30');
    expect(plan.observation).toEqual({
      type: 'isolation_observation',
      start: '2021-07-01',
      end: '2021-07-14',
    });
    expect(plan.events[0]).toMatchObject({
      kind: 'visit',
      start: '2021-07-08',
      end: '2021-07-14',
      items: ['visit', 'blood_count', 'biochemistry', 'nat', 'ct_if_pneumonia'],
    });
    expect(plan.events).toHaveLength(2);
  });

  it('2022: 7 days of home health monitoring, no visits', () => {
    for (const id of ['covid-ed9', 'covid-2022-11', 'covid-2022-12'] as const) {
      expect(dischargePlan(presets[id], '2022-12-31')).toEqual({
        determined: true,
        observation: { type: 'home_monitoring', start: '2023-01-01', end: '2023-01-07' },
        events: [],
      });
    }
  });

  it('edition 10 determines nothing, but a local overlay can still sample', () => {
    expect(dischargePlan(presets['covid-ed10'], '2023-02-01')).toEqual({
      determined: false,
      observation: null,
      events: [],
    });
    const local = dischargePlan(layerOverlay(presets['covid-ed10'], lishi2020), '2023-02-01');
    expect(local.observation).toBeNull();
    expect(local.events.map((e) => e.start)).toEqual(['2023-02-09', '2023-02-23', '2023-03-01']);
  });

  it('refuses a malformed discharge date by field', () => {
    expect(() => dischargePlan(presets['covid-ed8'], '2021-06-31')).toThrowError(
      new ProtocolInputError('dischargeDate', 'iso_date'),
    );
  });
});
