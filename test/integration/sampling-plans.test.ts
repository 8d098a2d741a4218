import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OUTBREAK } from '../../src/server/demo/outbreak.ts';
import { createTestApp, type Session, type TestApp } from '../helpers/app.ts';

type Entry = {
  sampleId: number;
  code: string;
  subjectId: number;
  specimen: string;
  label: string | null;
  status: string;
};

let t: TestApp;
let investigator: Session;
let sampler: Session;
let lead: Session;
let outbreakId = 0;
let contactId = 0;

async function entriesOn(date: string): Promise<Entry[]> {
  const response = await sampler.get(`/api/v1/sampling/day-list?date=${date}&division=141102006001`);
  expect(response.statusCode, response.body).toBe(200);
  return response
    .json<{ groups: Array<{ entries: Entry[] }> }>()
    .groups.flatMap((g) => g.entries)
    .filter((e) => e.subjectId === contactId);
}

async function liveSamples(): Promise<Array<{ planned_date: string | null; status: string }>> {
  return t.db.kysely
    .selectFrom('samples')
    .select(['planned_date', 'status'])
    .where('subject_type', '=', 'contact')
    .where('subject_id', '=', contactId)
    .where('status', '!=', 'cancelled')
    .orderBy('planned_date')
    .execute();
}

beforeAll(async () => {
  t = await createTestApp();
  investigator = await t.login('investigator');
  sampler = await t.login('sampler');
  lead = await t.login('lead');
  // Run the demo outbreak under edition 9, whose close contacts are tested on days 1, 2, 3, 5, 7 and home day 3.
  const outbreak = await t.db.kysely
    .selectFrom('outbreaks')
    .select('id')
    .where('name', '=', DEMO_OUTBREAK)
    .executeTakeFirstOrThrow();
  outbreakId = Number(outbreak.id);
  await t.db.kysely
    .updateTable('outbreaks')
    .set({ preset_id: 'covid-ed9' })
    .where('id', '=', outbreakId)
    .execute();
  const source = await t.db.kysely
    .selectFrom('cases')
    .select('id')
    .where('case_number', '=', 'LS-2020-0002')
    .executeTakeFirstOrThrow();
  const response = await investigator.post(`/api/v1/cases/${source.id}/contacts`, {
    person: {
      name: '计划测试',
      phone: '13900009999',
      currentAddress: '韩家坡村99号',
      divisionCode: '141102006001',
    },
    classification: 'close',
    exposure: {
      kind: 'household',
      firstExposureAt: '2020-01-24T18:00:00.000Z',
      lastExposureAt: '2020-01-25T04:00:00.000Z',
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  contactId = response.json<{ id: number }>().id;
}, 120_000);

afterAll(async () => {
  await t.close();
});

describe('sampling plans on the contacts’ planned tests', () => {
  it('the day list carries the contact’s test of the day with the preset’s specimen', async () => {
    const [entry] = await entriesOn('2020-01-26');
    expect(entry).toMatchObject({ specimen: 'throat_swab', label: 'centralized day 1', status: 'planned' });
    expect(await entriesOn('2020-01-29')).toHaveLength(0);
  });

  it('planning the outbreak gives every test its sample once; planning again adds nothing', async () => {
    const first = await lead.post('/api/v1/sampling/plans/sync', { outbreakId });
    expect(first.statusCode, first.body).toBe(200);
    const again = await lead.post('/api/v1/sampling/plans/sync', { outbreakId });
    expect(again.json<{ planned: number }>().planned).toBe(0);
    expect((await liveSamples()).map((s) => s.planned_date)).toEqual([
      '2020-01-26',
      '2020-01-27',
      '2020-01-28',
      '2020-01-30',
      '2020-02-01',
      '2020-02-04',
    ]);
  });

  it('a new exposure restarts the plan: what was collected stays, the rest is planned anew', async () => {
    const [entry] = await entriesOn('2020-01-26');
    expect(
      (
        await sampler.post('/api/v1/samples/register', {
          code: entry?.code,
          collectedAt: '2020-01-26T02:00:00.000Z',
        })
      ).statusCode,
    ).toBe(200);
    const exposure = await investigator.post(`/api/v1/contacts/${contactId}/exposures`, {
      kind: 'household',
      firstExposureAt: '2020-01-25T18:00:00.000Z',
      lastExposureAt: '2020-01-26T04:00:00.000Z',
    });
    expect(exposure.statusCode, exposure.body).toBeLessThan(300);
    const sync = await lead.post('/api/v1/sampling/plans/sync', { outbreakId });
    expect(sync.statusCode).toBe(200);
    const live = await liveSamples();
    expect(live.filter((s) => s.status === 'collected').map((s) => s.planned_date)).toEqual(['2020-01-26']);
    expect(live.filter((s) => s.status === 'planned').map((s) => s.planned_date)).toEqual([
      '2020-01-27',
      '2020-01-28',
      '2020-01-29',
      '2020-01-31',
      '2020-02-02',
      '2020-02-05',
    ]);
  });
});
