import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextDate, startOfDay } from '../../src/core/time/zone.ts';
import { createTestApp, type Session, type TestApp } from '../helpers/app.ts';
import { sampleRow } from '../helpers/sample-rows.ts';
import { TZ, contactBody, day, makeCase, makeOutbreak } from './contacts-fixtures.ts';

// Each dashboard number links to a list filtered by the API's own query names; the list must hold exactly
// the records the number counts, on any date the dashboard shows.

let t: TestApp;
let commander: Session;
let lead: Session;
let tracer: Session;
let site: Session;
let n = 900;

beforeAll(async () => {
  t = await createTestApp();
  [commander, lead, tracer, site] = await Promise.all([
    t.login('commander'),
    t.login('lead'),
    t.login('tracer'),
    t.login('site'),
  ]);
});
afterAll(async () => {
  await t.close();
});

type Board = {
  observation: { bySite: Array<{ kind: string; siteId: number | null; count: number }> };
  releases: { dueToday: number; overdue: number };
  samples: { doneToday: number };
};

async function dashboard(date: string): Promise<Board> {
  const response = await commander.get(`/api/v1/dashboard?date=${date}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Board>();
}

/** Every row of a list, page after page: the lists page by cursor and never count. */
async function total(path: string): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const url: string = `${path}${separator}limit=500${cursor === null ? '' : `&cursor=${cursor}`}`;
    const response = await commander.get(url);
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json<{ items: unknown[]; nextCursor: string | null }>();
    count += page.items.length;
    cursor = page.nextCursor;
  } while (cursor !== null);
  return count;
}

type C = { id: number; version: number };

async function placedContact(caseId: number, place: Record<string, unknown>): Promise<C> {
  n += 1;
  const created = await tracer.post(`/api/v1/cases/${caseId}/contacts`, contactBody(n));
  expect(created.statusCode, created.body).toBe(201);
  const c = created.json<C>();
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

async function expectBadQuery(path: string, field: string): Promise<void> {
  const zh = await commander.get(path);
  expect(zh.statusCode, zh.body).toBe(400);
  const detail = zh.json().error.details.find((d: { field: string }) => d.field === field);
  expect(detail, zh.body).toBeDefined();
  expect(detail.message).toMatch(/[\u4e00-\u9fff]/);
  const en = await commander.get(path, { 'accept-language': 'en' });
  expect(en.statusCode).toBe(400);
  const enDetail = en.json().error.details.find((d: { field: string }) => d.field === field);
  expect(enDetail.message).toMatch(/^[\x20-\x7e]+$/);
}

describe('dashboard links open exactly what the number counts', () => {
  it('results of a day: the samples tested in that day of the deployment zone, edges included', async () => {
    const date = day(-2);
    const start = startOfDay(date, TZ);
    const end = startOfDay(nextDate(date), TZ);
    const ms = (instant: string, delta: number) => new Date(Date.parse(instant) + delta).toISOString();
    const person = await t.db.kysely
      .selectFrom('persons')
      .select('id')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    // The first and last millisecond of the day count; the millisecond before and the next day's first do not.
    const testedAt = [start, ms(end, -1), ms(start, -1), end];
    await t.db.kysely
      .insertInto('samples')
      .values(
        testedAt.map((at, i) =>
          sampleRow({
            subject_id: 95_000 + i,
            person_id: Number(person.id),
            status: 'tested',
            result: 'negative',
            collected_at: ms(at, -3_600_000),
            received_at: ms(at, -1_800_000),
            tested_at: at,
          }),
        ),
      )
      .execute();

    const board = await dashboard(date);
    const listed = await total(`/api/v1/samples?testedOn=${date}`);
    expect(listed).toBe(board.samples.doneToday);
    expect(listed).toBeGreaterThanOrEqual(2);
    expect(await total('/api/v1/samples?status=tested')).toBeGreaterThan(listed);

    await expectBadQuery('/api/v1/samples?testedOn=2020-02-30', 'testedOn');
    await expectBadQuery('/api/v1/samples?testedOn=today', 'testedOn');
  });

  it('home observation and observation at a site: contacts under observation with an open placement of that kind', async () => {
    const outbreakId = await makeOutbreak(lead, 'covid-ed8');
    const caseId = await makeCase(lead, outbreakId);
    const quarantineSite = await lead.post('/api/v1/quarantine-sites', {
      name: `看板链接隔离点${n}`,
      address: '离石区滨河北路 8 号',
      divisionCode: '141102001000',
      capacity: 10,
      rooms: [{ number: '301', beds: 2 }],
    });
    expect(quarantineSite.statusCode, quarantineSite.body).toBe(201);
    const siteId = quarantineSite.json<{ id: number }>().id;
    const home = { kind: 'home', address: '离石区某村 5 号', divisionCode: '141102002001' };
    await placedContact(caseId, home);
    await placedContact(caseId, home);
    const released = await placedContact(caseId, home);
    await placedContact(caseId, { kind: 'site', siteId });
    // A released contact's placement is closed: counted by neither the figure nor the list.
    const release = await site.post(`/api/v1/contacts/${released.id}/release`, {
      version: released.version,
      reason: '经专家组研判解除',
    });
    expect(release.statusCode, release.body).toBe(200);

    const board = await dashboard(day(0));
    const figure = (kind: string) =>
      board.observation.bySite.filter((s) => s.kind === kind).reduce((a, s) => a + s.count, 0);
    const homeListed = await total('/api/v1/contacts?placement=home');
    expect(homeListed).toBe(figure('home'));
    expect(homeListed).toBeGreaterThanOrEqual(2);
    const siteListed = await total('/api/v1/contacts?placement=site');
    expect(siteListed).toBe(figure('site'));
    expect(siteListed).toBeGreaterThanOrEqual(1);
    expect(await total('/api/v1/contacts')).toBeGreaterThan(homeListed + siteListed);
    // The site's own row links to placement=site&siteId (the dashboard's links.ts).
    const siteFigure = board.observation.bySite.find((s) => s.siteId === siteId)?.count;
    expect(siteFigure).toBe(1);
    expect(await total(`/api/v1/contacts?placement=site&siteId=${siteId}`)).toBe(siteFigure);

    await expectBadQuery('/api/v1/contacts?placement=hotel', 'placement');
  });

  it('releases due on a past date: the list for that date, not today’s', async () => {
    const outbreakId = await makeOutbreak(lead, 'covid-ed8');
    const caseId = await makeCase(lead, outbreakId);
    const ids: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      ids.push(
        (
          await placedContact(caseId, {
            kind: 'home',
            address: '离石区某村 9 号',
            divisionCode: '141102002001',
          })
        ).id,
      );
    }
    // The plan sets the end from the exposure; these ends are put on chosen days around the past date
    // (one before, one on, one after it), and the dashboard's counters follow by their triggers.
    const date = day(-4);
    const ends = [day(-6), date, day(-3)];
    for (const [i, id] of ids.entries()) {
      await t.db.kysely
        .updateTable('contacts')
        .set({ observation_end: ends[i] })
        .where('id', '=', id)
        .execute();
    }

    const past = await dashboard(date);
    const listed = await total(`/api/v1/contacts?releaseDueBy=${date}`);
    expect(listed).toBe(past.releases.dueToday + past.releases.overdue);
    expect(listed).toBeGreaterThanOrEqual(2);
    expect(await total('/api/v1/contacts?releaseDue=true')).toBeGreaterThan(listed);

    // Today's figure still matches both forms of today's list.
    const today = await dashboard(day(0));
    const dueToday = today.releases.dueToday + today.releases.overdue;
    expect(await total('/api/v1/contacts?releaseDue=true')).toBe(dueToday);
    expect(await total(`/api/v1/contacts?releaseDueBy=${day(0)}`)).toBe(dueToday);

    await expectBadQuery('/api/v1/contacts?releaseDueBy=2020-13-01', 'releaseDueBy');
  });
});
