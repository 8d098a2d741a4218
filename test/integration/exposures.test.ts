import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../src/server/http/schemas.ts';
import { createTestApp, type Session, type TestApp } from '../helpers/app.ts';
import { at, contactBody, day, makeCase, makeOutbreak } from './contacts-fixtures.ts';

type Item = {
  id: number;
  contactId: number;
  sourceCaseId: number | null;
  lastExposureAt: string;
  place: string | null;
  seat: string | null;
  masked: boolean;
};
type Page = { items: Item[]; nextCursor: string | null };
type ErrorBody = {
  error: { code: string; details: Array<{ field: string; code: string; message: string }> };
};

let t: TestApp;
let lead: Session;
let tracer: Session;
let commander: Session;
/** A tracer of 城北街道 (141102002), who sees only the contacts living there. */
let streetTracer: Session;
let caseA: number;
let caseB: number;
/** Contacts of case A in 龙凤社区 and in 北川社区 (城北街道), and of case B in 龙凤社区. */
let longfeng: number;
let beichuan: number;
let ofB: number;
/** Every exposure made here, as the contacts' detail pages show them. */
let ours: Item[];

const PLACE = '离石区滨河街道永宁路12号3单元';

async function addContact(
  caseId: number,
  n: number,
  divisionCode: string,
  exposure: Record<string, unknown>,
): Promise<number> {
  const body = contactBody(n, exposure);
  const response = await tracer.post(`/api/v1/cases/${caseId}/contacts`, {
    ...body,
    person: { ...body.person, divisionCode },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: number }>().id;
}

async function addExposure(contactId: number, firstDays: number, lastDays: number, hour: number) {
  const response = await tracer.post(`/api/v1/contacts/${contactId}/exposures`, {
    kind: 'same_space',
    firstExposureAt: at(firstDays, hour - 1),
    lastExposureAt: at(lastDays, hour),
  });
  expect(response.statusCode, response.body).toBe(201);
}

async function exposuresOf(contactId: number): Promise<Item[]> {
  const detail = await tracer.get(`/api/v1/contacts/${contactId}`);
  expect(detail.statusCode, detail.body).toBe(200);
  return detail
    .json<{ exposures: Omit<Item, 'contactId' | 'masked'>[] }>()
    .exposures.map((e) => ({ ...e, contactId, masked: false }));
}

/** Latest last exposure first, the larger id first on a tie: the order the list promises. */
const newestFirst = (a: Item, b: Item) => b.lastExposureAt.localeCompare(a.lastExposureAt) || b.id - a.id;

/** Follows nextCursor to the end; every page but the last is full. */
async function allPages(
  session: Session,
  query: string,
  limit: number,
): Promise<{ items: Item[]; pages: number }> {
  const items: Item[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const suffix: string = cursor === null ? '' : `&cursor=${cursor}`;
    const response = await session.get(`/api/v1/exposures?limit=${limit}${query}${suffix}`);
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json<Page>();
    if (page.nextCursor !== null) {
      expect(page.items).toHaveLength(limit);
    }
    items.push(...page.items);
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor !== null && pages < 100);
  return { items, pages };
}

const ids = (items: readonly Item[]) => items.map((item) => item.id);

beforeAll(async () => {
  t = await createTestApp();
  const admin = await t.login('admin');
  [lead, tracer, commander] = await Promise.all([t.login('lead'), t.login('tracer'), t.login('commander')]);
  const created = await admin.post('/api/v1/users', {
    username: 'chengbei.tracer',
    displayName: '城北追踪',
    role: 'tracer',
    jurisdictionCode: '141102002000',
    password: 'a-long-enough-password',
  });
  expect(created.statusCode, created.body).toBe(201);
  streetTracer = await t.login('chengbei.tracer', 'a-long-enough-password');

  const outbreakId = await makeOutbreak(lead, 'covid-ed8');
  const investigator = await t.login('investigator');
  caseA = await makeCase(investigator, outbreakId);
  caseB = await makeCase(investigator, outbreakId);
  // Ties on the last exposure time (day -2 20:00, day -3 12:00) across contacts test the id tie-break.
  longfeng = await addContact(caseA, 901, '141102001001', {
    lastExposureAt: at(-2, 20),
    place: PLACE,
    seat: '05车12F',
  });
  await addExposure(longfeng, -4, -4, 9);
  await addExposure(longfeng, -3, -3, 12);
  beichuan = await addContact(caseA, 902, '141102002001', { lastExposureAt: at(-2, 20) });
  await addExposure(beichuan, -5, -5, 10);
  ofB = await addContact(caseB, 903, '141102001001', { lastExposureAt: at(-3, 12) });
  await addExposure(ofB, -2, -1, 1);
  ours = [
    ...(await exposuresOf(longfeng)),
    ...(await exposuresOf(beichuan)),
    ...(await exposuresOf(ofB)),
  ].sort(newestFirst);
  expect(ours).toHaveLength(7);
});
afterAll(async () => {
  await t.close();
});

describe('GET /api/v1/exposures', () => {
  it('pages through a case’s exposures newest first, each exactly once, ties broken by id', async () => {
    const { items, pages } = await allPages(lead, `&caseId=${caseA}`, 2);
    expect(pages).toBe(3);
    expect(ids(items)).toEqual(ids(ours.filter((e) => e.sourceCaseId === caseA)));
    // The two exposures at day -2 20:00 came from different contacts; the later record is listed first.
    expect(items[0]?.lastExposureAt).toBe(items[1]?.lastExposureAt);
    expect(items[0]?.contactId).toBe(beichuan);
  });

  it('pages through everything in the jurisdiction, the demo’s exposures too, without repeats or gaps', async () => {
    const { items, pages } = await allPages(lead, '', 4);
    const inScope = await t.db.kysely
      .selectFrom('exposures')
      .innerJoin('contacts', 'contacts.id', 'exposures.contact_id')
      .select('exposures.id')
      .where('contacts.division_code', 'like', '141102%')
      .execute();
    expect(pages).toBeGreaterThan(2);
    expect(new Set(ids(items)).size).toBe(items.length);
    expect([...ids(items)].sort((a, b) => a - b)).toEqual(
      inScope.map((r) => Number(r.id)).sort((a, b) => a - b),
    );
    expect(ids(items)).toEqual(ids([...items].sort(newestFirst)));
    const oneGo = (await lead.get('/api/v1/exposures?limit=500')).json<Page>();
    expect(ids(oneGo.items)).toEqual(ids(items));
    expect(oneGo.nextCursor).toBeNull();
  });

  it('filters by contact, by source case and by last exposure time (from inclusive, to exclusive)', async () => {
    const ofContact = (await tracer.get(`/api/v1/exposures?contactId=${longfeng}`)).json<Page>();
    expect(ids(ofContact.items)).toEqual(ids(ours.filter((e) => e.contactId === longfeng)));
    expect(ofContact.items).toHaveLength(3);

    const ofCase = (await tracer.get(`/api/v1/exposures?caseId=${caseB}`)).json<Page>();
    expect(ids(ofCase.items)).toEqual(ids(ours.filter((e) => e.contactId === ofB)));

    const from = at(-3, 12);
    const to = at(-2, 20);
    const range = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    const inWindow = (await tracer.get(`/api/v1/exposures?${range}&limit=500`)).json<Page>();
    const expected = ours.filter((e) => e.lastExposureAt >= from && e.lastExposureAt < to);
    expect(expected.map((e) => e.contactId).sort()).toEqual([longfeng, ofB].sort());
    expect(ids(inWindow.items.filter((e) => ids(ours).includes(e.id)))).toEqual(ids(expected));
    expect(inWindow.items.every((e) => e.lastExposureAt >= from && e.lastExposureAt < to)).toBe(true);

    // The same instant written in Shanghai time; filters combine.
    const shanghai = `from=${encodeURIComponent(`${day(-3)}T12:00:00+08:00`)}`;
    const both = await tracer.get(`/api/v1/exposures?${shanghai}&caseId=${caseA}&contactId=${longfeng}`);
    expect(both.json<Page>().items.map((e) => e.lastExposureAt)).toEqual([at(-2, 20), at(-3, 12)]);
  });

  it('shows a street’s tracer only the exposures of contacts living in that street', async () => {
    const { items } = await allPages(streetTracer, '', 50);
    const streetContacts = await t.db.kysely
      .selectFrom('contacts')
      .select('id')
      .where('division_code', 'like', '141102002%')
      .execute();
    const visible = new Set(streetContacts.map((c) => Number(c.id)));
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((e) => visible.has(e.contactId))).toBe(true);
    expect(ids(items.filter((e) => ids(ours).includes(e.id)))).toEqual(
      ids(ours.filter((e) => e.contactId === beichuan)),
    );
    // Filters never widen the scope: another street's contact or case lists nothing, it is not a 404.
    const other = await streetTracer.get(`/api/v1/exposures?contactId=${longfeng}`);
    expect(other.statusCode).toBe(200);
    expect(other.json<Page>()).toEqual({ items: [], nextCursor: null });
    expect((await streetTracer.get(`/api/v1/exposures?caseId=${caseB}`)).json<Page>().items).toEqual([]);
  });

  it('masks place and seat for a role without personal:read, on the list and on the contact', async () => {
    const query = `/api/v1/exposures?contactId=${longfeng}`;
    const open = (await tracer.get(query)).json<Page>().items.find((e) => e.place !== null);
    expect(open).toMatchObject({ place: PLACE, seat: '05车12F', masked: false });
    const masked = (await commander.get(query)).json<Page>().items.find((e) => e.id === open?.id);
    expect(masked).toMatchObject({ place: '离石区滨河街道***', seat: '***', masked: true });
    expect(JSON.stringify((await commander.get(query)).json())).not.toContain('永宁路');
    const contact = (await commander.get(`/api/v1/contacts/${longfeng}`)).json<{
      exposures: Page['items'];
    }>();
    expect(contact.exposures.find((e) => e.id === open?.id)).toMatchObject({
      place: '离石区滨河街道***',
      seat: '***',
    });
    const shown = (await tracer.get(`/api/v1/contacts/${longfeng}`)).json<{ exposures: Page['items'] }>();
    expect(shown.exposures.find((e) => e.id === open?.id)).toMatchObject({ place: PLACE, seat: '05车12F' });
  });

  it('answers 400 naming the field for a bad cursor, an unknown key, a bad id or an empty time range', async () => {
    const cases: Array<[string, string, string]> = [
      ['cursor=not-a-cursor', 'cursor', 'cursor'],
      // Well-formed JSON whose time is not an instant: must not reach PostgreSQL's cast.
      [`cursor=${encodeCursor({ l: 'not-a-time', id: 3 })}`, 'cursor', 'cursor'],
      ['sort=asc', 'sort', 'unrecognized_keys'],
      ['contactId=abc', 'contactId', 'invalid_type'],
      ['caseId=0', 'caseId', 'too_small'],
      ['limit=501', 'limit', 'too_big'],
      ['from=2020-01-25T03:00:00', 'from', 'iso_instant'],
      [
        `from=${encodeURIComponent(at(-2, 10))}&to=${encodeURIComponent(at(-3, 10))}`,
        'to',
        'end_after_start',
      ],
      [
        `from=${encodeURIComponent(at(-2, 10))}&to=${encodeURIComponent(at(-2, 10))}`,
        'to',
        'end_after_start',
      ],
    ];
    for (const [query, field, code] of cases) {
      const response = await lead.get(`/api/v1/exposures?${query}`);
      expect(response.statusCode, query).toBe(400);
      const error = response.json<ErrorBody>().error;
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.details[0], query).toMatchObject({ field, code });
    }
    const zh = (await lead.get('/api/v1/exposures?cursor=x')).json<ErrorBody>();
    expect(zh.error.details[0]?.message).toBe('翻页游标无效');
    const en = (await lead.get('/api/v1/exposures?cursor=x', { 'accept-language': 'en' })).json<ErrorBody>();
    expect(en.error.details[0]?.message).toBe('is not a valid page cursor');
  });

  it('answers 401 without a session and 403 to a role that may not read contacts', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/exposures' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json<ErrorBody>().error.code).toBe('UNAUTHENTICATED');
    const sampler = await t.login('sampler');
    const refused = await sampler.get('/api/v1/exposures');
    expect(refused.statusCode).toBe(403);
    expect(refused.json<ErrorBody>().error.code).toBe('FORBIDDEN');
  });
});
