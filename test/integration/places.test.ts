import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/app.ts';
import { insertCase, insertTrajectoryEntry } from '../helpers/case-rows.ts';

let t: TestApp;
let investigator: Session;

beforeAll(async () => {
  t = await createTestApp();
  investigator = await t.login('investigator');
});
afterAll(async () => {
  await t.close();
});

type Place = { id: number; name: string; version: number; venueCode: string | null };

async function createPlace(body: Record<string, unknown>): Promise<Place> {
  const response = await investigator.post('/api/v1/places', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<Place>();
}

describe('places', () => {
  it('registers, lists by keyset with filters, edits with versions and keeps venue codes unique', async () => {
    const pharmacy = await createPlace({
      name: '永宁大药房',
      type: 'pharmacy',
      address: '离石区永宁中路 12 号',
      divisionCode: '141102',
      venueCode: 'PL-T-001',
    });
    await createPlace({ name: '吕梁商厦', type: 'mall', divisionCode: '141102', lat: 37.52, lng: 111.14 });
    await createPlace({ name: '城北菜市场', type: 'market', divisionCode: '141102' });

    const taken = await investigator.post('/api/v1/places', {
      name: '另一药房',
      type: 'pharmacy',
      divisionCode: '141102',
      venueCode: 'PL-T-001',
    });
    expect(taken.statusCode).toBe(400);
    expect(taken.json().error.details[0]).toMatchObject({ field: 'venueCode', code: 'venue_code_taken' });

    const outside = await investigator.post('/api/v1/places', {
      name: '外区超市',
      type: 'supermarket',
      divisionCode: '141181',
    });
    expect(outside.statusCode).toBe(400);

    const first = await investigator.get('/api/v1/places?limit=2');
    expect(first.statusCode).toBe(200);
    const page1 = first.json<{ items: Place[]; nextCursor: string | null }>();
    expect(page1.items).toHaveLength(2);
    expect(page1.nextCursor).not.toBeNull();
    const second = await investigator.get(`/api/v1/places?limit=2&cursor=${page1.nextCursor}`);
    const page2 = second.json<{ items: Place[]; nextCursor: string | null }>();
    const names = [...page1.items, ...page2.items].map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('城北菜市场');

    const pharmacies = await investigator.get(
      `/api/v1/places?type=pharmacy&q=${encodeURIComponent('永宁大药房')}`,
    );
    expect(pharmacies.json<{ items: Place[] }>().items.map((p) => p.name)).toEqual(['永宁大药房']);
    const text = await investigator.get(`/api/v1/places?q=${encodeURIComponent('商厦')}`);
    expect(text.json<{ items: Place[] }>().items.map((p) => p.name)).toEqual(['吕梁商厦']);

    const edited = await investigator.patch(`/api/v1/places/${pharmacy.id}`, {
      version: pharmacy.version,
      address: '离石区永宁中路 14 号',
    });
    expect(edited.statusCode).toBe(200);
    const stale = await investigator.patch(`/api/v1/places/${pharmacy.id}`, {
      version: pharmacy.version,
      name: '改名',
    });
    expect(stale.statusCode).toBe(409);
    const audit = await t.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('entity', '=', 'place')
      .where('entity_id', '=', String(pharmacy.id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['place.create', 'place.update']);

    const sampler = await t.login('sampler');
    expect(
      (await sampler.post('/api/v1/places', { name: 'x', type: 'other', divisionCode: '141102' })).statusCode,
    ).toBe(403);
  });

  it('links trajectory entries and shows the exposure windows inside each case’s look-back window', async () => {
    const place = await createPlace({
      name: '龙凤超市',
      type: 'supermarket',
      divisionCode: '141102',
      venueCode: 'PL-T-9',
    });
    const { caseId, caseNumber } = await insertCase(t.db);
    const entry = (start: string, end: string) =>
      insertTrajectoryEntry(t.db, { caseId, start, end, placeName: '龙凤超市', placeKind: 'supermarket' });
    const inside = await entry('2020-01-22T02:00:00.000Z', '2020-01-22T03:00:00.000Z');
    const before = await entry('2019-12-01T02:00:00.000Z', '2019-12-01T03:00:00.000Z');
    for (const e of [inside, before]) {
      const linked = await investigator.patch(`/api/v1/places/${place.id}/link-entry`, {
        entryId: e,
      });
      expect(linked.statusCode, linked.body).toBe(200);
    }
    const missing = await investigator.patch(`/api/v1/places/${place.id}/link-entry`, { entryId: 999_999 });
    expect(missing.statusCode).toBe(400);

    const windows = await investigator.get(`/api/v1/places/${place.id}/exposure-windows`);
    expect(windows.statusCode).toBe(200);
    expect(windows.json().items).toEqual([
      {
        entryId: inside,
        caseId,
        caseNumber,
        classification: 'suspected',
        start: '2020-01-22T02:00:00.000Z',
        end: '2020-01-22T03:00:00.000Z',
      },
    ]);
  });
});
