import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let lead: Session;
beforeAll(async () => {
  t = await createTestApp();
  lead = await t.login('lead');
});
afterAll(async () => {
  await t.close();
});

type Archivable = { id: number; version: number; archived: boolean; archivedReason?: string | null };

/**
 * Archiving `url` without a reason is refused naming the field and writes nothing; with one, the record
 * is archived with its reason (in the answer, the row and the audit event); unarchiving clears it.
 */
async function archivesWithReason(
  url: string,
  created: Archivable,
  table: 'outbreaks' | 'quarantine_sites' | 'places',
): Promise<void> {
  const refused = await lead.patch(url, { version: created.version, archived: true });
  expect(refused.statusCode).toBe(400);
  expect(refused.json().error.details).toEqual([
    { field: 'archivedReason', code: 'archive_reason', message: '归档须写明原因' },
  ]);
  const row = async () =>
    t.db.kysely
      .selectFrom(table)
      .select(['archived', 'archived_reason', 'version'])
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
  expect(await row()).toMatchObject({ archived: 0, archived_reason: null, version: created.version });

  const archived = await lead.patch(url, {
    version: created.version,
    archived: true,
    archivedReason: '疫情处置结束，转入历史档案',
  });
  expect(archived.statusCode, archived.body).toBe(200);
  expect(archived.json<Archivable>().archived).toBe(true);
  expect(await row()).toMatchObject({ archived: 1, archived_reason: '疫情处置结束，转入历史档案' });
  const audit = await t.db.kysely
    .selectFrom('audit_events')
    .select('changes')
    .where('entity_id', '=', String(created.id))
    .where('action', 'like', '%.update')
    .orderBy('seq', 'desc')
    .executeTakeFirstOrThrow();
  const changes = typeof audit.changes === 'string' ? audit.changes : JSON.stringify(audit.changes);
  expect(changes).toContain('疫情处置结束，转入历史档案');

  const restored = await lead.patch(url, { version: archived.json<Archivable>().version, archived: false });
  expect(restored.statusCode, restored.body).toBe(200);
  expect(await row()).toMatchObject({ archived: 0, archived_reason: null });
}

describe('records are archived with a reason (DESIGN §6)', () => {
  it('outbreaks', async () => {
    const created = await lead.post('/api/v1/outbreaks', {
      name: '归档测试疫情',
      disease: 'COVID-19',
      presetId: 'covid-ed5',
      startDate: '2020-01-20',
      divisionCode: '141102',
      caseNumberMask: 'GD-####',
    });
    expect(created.statusCode, created.body).toBe(201);
    const outbreak = created.json<Archivable>();
    await archivesWithReason(`/api/v1/outbreaks/${outbreak.id}`, outbreak, 'outbreaks');
    const read = await lead.get(`/api/v1/outbreaks/${outbreak.id}`);
    expect(read.json<Archivable>().archivedReason).toBeNull();
  });

  it('quarantine sites', async () => {
    const created = await lead.post('/api/v1/quarantine-sites', {
      name: '归档测试隔离点',
      address: '离石区滨河北路 1 号',
      divisionCode: '141102',
      capacity: 10,
    });
    expect(created.statusCode, created.body).toBe(201);
    const site = created.json<Archivable>();
    await archivesWithReason(`/api/v1/quarantine-sites/${site.id}`, site, 'quarantine_sites');
  });

  it('places', async () => {
    const created = await lead.post('/api/v1/places', {
      name: '归档测试超市',
      type: 'supermarket',
      divisionCode: '141102',
    });
    expect(created.statusCode, created.body).toBe(201);
    const place = created.json<Archivable>();
    await archivesWithReason(`/api/v1/places/${place.id}`, place, 'places');
  });
});
