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

describe('plans regenerate when their inputs change, in the same request', () => {
  it('a new exposure re-plans the samples at once: collected kept, cancelled ones not duplicated', async () => {
    const before = await liveSamples();
    const collected = before.filter((s) => s.status === 'collected');
    expect(collected.length).toBeGreaterThan(0);
    // No sync call and no day list: the exposure itself brings the samples in line with the restarted plan.
    const exposure = await investigator.post(`/api/v1/contacts/${contactId}/exposures`, {
      kind: 'household',
      firstExposureAt: '2020-01-26T18:00:00.000Z',
      lastExposureAt: '2020-01-27T04:00:00.000Z',
      confirmOutsideWindow: true,
    });
    expect(exposure.statusCode, exposure.body).toBeLessThan(300);
    const live = await liveSamples();
    expect(live.filter((s) => s.status === 'collected')).toEqual(collected);
    expect(live.filter((s) => s.status === 'planned').map((s) => s.planned_date)).toEqual([
      '2020-01-28',
      '2020-01-29',
      '2020-01-30',
      '2020-02-01',
      '2020-02-03',
      '2020-02-06',
    ]);
    const dates = live.map((s) => s.planned_date);
    expect(new Set(dates).size).toBe(dates.length);
    const sync = await lead.post('/api/v1/sampling/plans/sync', { outbreakId });
    expect(sync.json<{ planned: number; cancelled: number }>()).toEqual({ planned: 0, cancelled: 0 });
  });

  it('a release cancels the planned samples in the same request; what was collected stays', async () => {
    const version = async () =>
      (await investigator.get(`/api/v1/contacts/${contactId}`)).json<{ version: number }>().version;
    const collected = (await liveSamples()).filter((s) => s.status === 'collected');
    expect((await liveSamples()).some((s) => s.status === 'planned')).toBe(true);
    const notified = await investigator.post(`/api/v1/contacts/${contactId}/status`, {
      version: await version(),
      to: 'notified',
    });
    expect(notified.statusCode, notified.body).toBe(200);
    const placed = await investigator.post(`/api/v1/contacts/${contactId}/placements`, {
      kind: 'home',
      version: await version(),
      address: '韩家坡村99号',
      divisionCode: '141102006001',
      checkInAt: '2020-01-27T06:00:00.000Z',
    });
    expect(placed.statusCode, placed.body).toBeLessThan(300);
    const released = await investigator.post(`/api/v1/contacts/${contactId}/release`, {
      version: await version(),
      reason: '经专家组研判解除',
    });
    expect(released.statusCode, released.body).toBe(200);
    // No sync and no day list in between: the tubes left with the tests.
    expect(await liveSamples()).toEqual(collected);
  });

  it('a moved discharge date re-plans the follow-up: a collected step stays, nothing twice', async () => {
    const kase = await t.db.kysely
      .selectFrom('cases')
      .select('id')
      .where('case_number', '=', 'LS-2020-0003')
      .executeTakeFirstOrThrow();
    const id = Number(kase.id);
    const live = () =>
      t.db.kysely
        .selectFrom('samples')
        .select(['plan_ref', 'specimen', 'status', 'planned_date'])
        .where('subject_type', '=', 'case')
        .where('subject_id', '=', id)
        .where('source', '=', 'discharge')
        .where('status', '!=', 'cancelled')
        .orderBy('planned_date')
        .orderBy('specimen')
        .execute();
    const first = await lead.request('PUT', `/api/v1/cases/${id}/discharge`, { dischargeDate: '2020-02-20' });
    expect(first.statusCode, first.body).toBe(200);
    type FollowUp = {
      version: number;
      samplings: Array<{
        ref: string;
        start: string;
        state: string;
        samples: Array<{ code: string; status: string }>;
      }>;
    };
    const week2 = first.json<FollowUp>().samplings[0]?.samples.find((s) => s.status === 'planned');
    expect(week2).toBeDefined();
    const registered = await lead.post('/api/v1/samples/register', {
      code: week2?.code,
      collectedAt: '2020-02-28T02:00:00.000Z',
    });
    expect(registered.statusCode, registered.body).toBe(200);
    const before = await live();
    const moved = await lead.request('PUT', `/api/v1/cases/${id}/discharge`, {
      dischargeDate: '2020-02-22',
      version: first.json<FollowUp>().version,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const after = await live();
    const keys = after.map((s) => `${s.plan_ref ?? ''}|${s.specimen}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(after.filter((s) => s.status !== 'planned')).toEqual(before.filter((s) => s.status !== 'planned'));
    const planned = after.filter((s) => s.status === 'planned');
    expect(planned.length).toBeGreaterThan(0);
    expect(planned.every((s) => (s.planned_date ?? '') >= '2020-03-01')).toBe(true);
    const stale = await lead.request('PUT', `/api/v1/cases/${id}/discharge`, {
      dischargeDate: '2020-02-23',
      version: first.json<FollowUp>().version,
    });
    expect(stale.statusCode).toBe(409);
    expect(await live()).toEqual(after);
  });
});
