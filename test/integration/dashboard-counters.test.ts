import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildDashboardCounters } from '../../src/server/dashboard/dashboard-counters.ts';
import { upsertPlanned } from '../../src/server/samples/samples.repository.ts';
import { dashboardOf, type DashboardSource } from '../../src/server/dashboard/dashboard.service.ts';
import { createTestApp, type Session, type TestApp } from '../helpers/app.ts';
import { sampleRow } from '../helpers/sample-rows.ts';
import { at, contactBody, day, makeOutbreak } from './contacts-fixtures.ts';

// The dashboard reads counters kept by triggers; after every kind of write they must equal a recount of
// the records, and a rebuild from the records must leave them unchanged.

let t: TestApp;
let lead: Session;
let investigator: Session;
let tracer: Session;
let site: Session;
let outbreakId: number;
let n = 700;

beforeAll(async () => {
  t = await createTestApp();
  [lead, investigator, tracer, site] = await Promise.all([
    t.login('lead'),
    t.login('investigator'),
    t.login('tracer'),
    t.login('site'),
  ]);
  outbreakId = await makeOutbreak(lead, 'covid-ed8');
});
afterAll(async () => {
  await t.close();
});

type C = { id: number; version: number; status: string };

async function dashboard(source: DashboardSource, curve: 'onset' | 'report', outbreak?: number) {
  const board = await dashboardOf(
    t.db.kysely,
    t.db.dialect,
    { scope: '141102', jurisdictionCode: '141102' },
    { date: day(0), curve, outbreakId: outbreak },
    { ...t.config, timeZone: 'Asia/Shanghai' },
    source,
  );
  return { ...board, computedMs: 0 };
}

/** Every view of the dashboard from the counters equals the recount. */
async function expectCountersEqualRecount(): Promise<void> {
  for (const curve of ['onset', 'report'] as const) {
    for (const outbreak of [outbreakId, undefined]) {
      expect(await dashboard('counters', curve, outbreak)).toEqual(
        await dashboard('recount', curve, outbreak),
      );
    }
  }
}

async function counterRows(): Promise<string[]> {
  const k = t.db.kysely;
  const tables = [
    k.selectFrom('dashboard_case_hours').selectAll().where('n', '!=', 0).execute(),
    k.selectFrom('dashboard_case_onsets').selectAll().where('n', '!=', 0).execute(),
    k.selectFrom('dashboard_confirmations').selectAll().where('n', '!=', 0).execute(),
    k.selectFrom('dashboard_contact_counts').selectAll().where('n', '!=', 0).execute(),
    k.selectFrom('dashboard_observation').selectAll().where('n', '!=', 0).execute(),
    k.selectFrom('dashboard_contacts_per_case').selectAll().where('n', '!=', 0).execute(),
    k.selectFrom('dashboard_sample_counts').selectAll().where('n', '!=', 0).execute(),
  ];
  const rows = (await Promise.all(tables)).flatMap((list, i) =>
    list.map((r) => `${i} ${JSON.stringify(Object.entries(r).map(([key, v]) => [key, String(v)]))}`),
  );
  return rows.sort();
}

async function report(classification: string, receivedDays: number): Promise<{ id: number }> {
  n += 1;
  const response = await investigator.post('/api/v1/cases', {
    outbreakId,
    person: { name: `看板病例${n}`, divisionCode: '141102001001' },
    classification,
    divisionCode: n % 2 === 0 ? '141102001001' : '141102002001',
    // Midnight: the earliest instant of a day, never in the future even just after midnight.
    receivedAt: at(receivedDays, 0),
    reportingInstitution: '吕梁市人民医院',
    discoveryRoute: 'clinic_visit',
    onsetDate: day(receivedDays - 2),
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function newContact(source: number): Promise<C> {
  n += 1;
  const response = await tracer.post(`/api/v1/cases/${source}/contacts`, contactBody(n));
  expect(response.statusCode, response.body).toBe(201);
  return response.json<C>();
}

async function notifyAndPlace(c: C, place: Record<string, unknown>): Promise<C> {
  const notified = await tracer.post(`/api/v1/contacts/${c.id}/status`, {
    version: c.version,
    to: 'notified',
  });
  expect(notified.statusCode, notified.body).toBe(200);
  const placed = await site.post(`/api/v1/contacts/${c.id}/placements`, {
    version: notified.json<C>().version,
    checkInAt: new Date().toISOString(),
    ...place,
  });
  expect(placed.statusCode, placed.body).toBe(201);
  return (await tracer.get(`/api/v1/contacts/${c.id}`)).json<C>();
}

describe('dashboard counters', () => {
  it('equal a recount after reports, reclassifications, placements, a release and a conversion', async () => {
    await expectCountersEqualRecount();
    const first = (await report('confirmed', 0)).id;
    const suspected = await report('suspected', 0);
    await report('asymptomatic', -1);
    const later = await report('suspected', -1);
    await expectCountersEqualRecount();

    const confirm = await investigator.post(`/api/v1/cases/${suspected.id}/classification`, {
      to: 'confirmed',
      reason: '核酸阳性',
    });
    expect(confirm.statusCode, confirm.body).toBe(200);
    const exclude = await investigator.post(`/api/v1/cases/${later.id}/classification`, {
      to: 'excluded',
      reason: '两次核酸阴性，间隔 24 小时以上',
      evidence: [
        { kind: 'nat', at: at(-2, 8), result: 'negative', specimen: '咽拭子' },
        { kind: 'nat', at: at(-1, 8), result: 'negative', specimen: '咽拭子' },
      ],
    });
    expect(exclude.statusCode, exclude.body).toBe(200);
    await expectCountersEqualRecount();

    const quarantineSite = await lead.post('/api/v1/quarantine-sites', {
      name: `看板测试隔离点${n}`,
      address: '离石区滨河北路 2 号',
      divisionCode: '141102001000',
      capacity: 10,
      rooms: [{ number: '201', beds: 2 }],
    });
    expect(quarantineSite.statusCode, quarantineSite.body).toBe(201);
    const siteId = quarantineSite.json<{ id: number }>().id;
    const home = (c: C) =>
      notifyAndPlace(c, { kind: 'home', address: '离石区某村 3 号', divisionCode: '141102002001' });
    const atSite = (c: C) => notifyAndPlace(c, { kind: 'site', siteId });

    const a = await home(await newContact(first));
    const b = await atSite(await newContact(first));
    const c = await atSite(await newContact(suspected.id));
    await newContact(suspected.id);
    const secondary = await tracer.post(`/api/v1/contacts/${a.id}/secondary-contacts`, {
      person: { name: '次密接乙', divisionCode: '141102001001' },
      exposure: {
        kind: 'same_space',
        setting: 'office',
        firstExposureAt: at(-2, 21),
        lastExposureAt: at(-1, 9),
      },
    });
    expect(secondary.statusCode, secondary.body).toBe(201);
    await expectCountersEqualRecount();
    const placed = await dashboard('counters', 'onset', outbreakId);
    expect(placed.observation.bySite.map((s) => [s.kind, s.siteId, s.count]).sort()).toEqual(
      [
        ['home', null, 1],
        ['site', siteId, 2],
      ].sort(),
    );

    // Samples: two more planned today for `a` (placing them planned their own); one collected and received.
    const { samples: start } = await dashboard('counters', 'onset', outbreakId);
    const planned = [];
    for (const specimen of ['throat_swab', 'nasopharyngeal_swab']) {
      const created = await lead.post('/api/v1/samples', {
        subjectType: 'contact',
        subjectId: a.id,
        specimen,
        plannedDate: day(0),
      });
      expect(created.statusCode, created.body).toBe(201);
      planned.push(created.json<{ code: string }>().code);
    }
    await expectCountersEqualRecount();
    const registered = await lead.post('/api/v1/samples/register', { code: planned[0] });
    expect(registered.statusCode, registered.body).toBe(200);
    const received = await lead.post('/api/v1/samples/receive', { codes: [planned[0]] });
    expect(received.statusCode, received.body).toBe(200);
    const withSamples = await dashboard('counters', 'onset', outbreakId);
    expect(withSamples.samples).toMatchObject({
      dueToday: start.dueToday + 1,
      inTransit: start.inTransit,
      awaitingResults: start.awaitingResults + 1,
    });
    await expectCountersEqualRecount();

    const monitoring = await tracer.post(`/api/v1/contacts/${a.id}/status`, {
      version: a.version,
      to: 'home_monitoring',
    });
    expect(monitoring.statusCode, monitoring.body).toBe(200);
    const released = await site.post(`/api/v1/contacts/${b.id}/release`, {
      version: b.version,
      reason: '经专家组研判解除',
    });
    expect(released.statusCode, released.body).toBe(200);
    const converted = await investigator.post(`/api/v1/contacts/${c.id}/convert`, {
      version: c.version,
      classification: 'confirmed',
      receivedAt: new Date().toISOString(),
      reportingInstitution: '离石区人民医院',
      reason: '第 1 天核酸阳性',
    });
    expect(converted.statusCode, converted.body).toBe(201);
    await expectCountersEqualRecount();

    const board = await dashboard('counters', 'onset', outbreakId);
    expect(board.observation.total).toBe(0);
    expect(board.contacts).toMatchObject({ total: 5, becameCases: 1 });
    expect(board.contacts.byStatus).toMatchObject({ home_monitoring: 1, released: 1, converted: 1 });
    expect(board.contacts.perCase).toMatchObject({ cases: 5, mean: 4 / 5, median: 0 });
    expect(board.newCases.today).toMatchObject({ confirmed: 3 });
    expect(board.zeroStreak.jurisdiction.days).toBe(0);

    const before = await counterRows();
    await rebuildDashboardCounters(t.db);
    expect(await counterRows()).toEqual(before);
  });

  it('equal a recount after multi-row inserts, updates, upserts and deletes of samples', async () => {
    const k = t.db.kysely;
    const person = await k.selectFrom('persons').select('id').orderBy('id').executeTakeFirstOrThrow();
    const at = new Date().toISOString();
    const sample = (i: number, status: string) =>
      sampleRow({
        outbreak_id: i % 3 === 0 ? null : outbreakId,
        subject_id: 90_000 + i,
        person_id: Number(person.id),
        division_code: i % 2 === 0 ? '141102001001' : '141102002001',
        planned_date: i % 4 === 0 ? null : day(i % 3),
        status,
      });
    const expectCountersEqualRebuild = async () => {
      await expectCountersEqualRecount();
      const kept = await counterRows();
      await rebuildDashboardCounters(t.db);
      expect(await counterRows()).toEqual(kept);
    };

    // One INSERT of 40 rows over several counter keys (the same key many times).
    await k
      .insertInto('samples')
      .values(Array.from({ length: 40 }, (_, i) => sample(i, i % 5 === 0 ? 'cancelled' : 'planned')))
      .execute();
    await expectCountersEqualRebuild();

    // One UPDATE moving many rows between statuses, another touching no counted column.
    const moved = await k
      .updateTable('samples')
      .set({ status: 'collected', collected_at: at })
      .where('subject_id', '>=', 90_000)
      .where('subject_id', '<', 90_025)
      .where('status', '=', 'planned')
      .executeTakeFirst();
    expect(Number(moved.numUpdatedRows)).toBeGreaterThan(10);
    await k.updateTable('samples').set({ label: '批量' }).where('subject_id', '>=', 90_000).execute();
    await expectCountersEqualRebuild();

    // Insert-or-revive in one statement: cancelled rows come back as planned, new rows are inserted.
    await k.transaction().execute((trx) =>
      upsertPlanned(
        trx,
        Array.from({ length: 50 }, (_, i) => sample(i, 'planned')),
      ),
    );
    await expectCountersEqualRebuild();

    // One DELETE of many rows.
    await k.deleteFrom('samples').where('subject_id', '>=', 90_030).execute();
    await expectCountersEqualRebuild();
  });
});
