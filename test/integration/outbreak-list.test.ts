import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/app.ts';
import { countRows, reportCase } from './cases-fixtures.ts';

let t: TestApp;
let declared = 0;
let admin: Session;
let lead: Session;
let sampler: Session;
let cityLead: Session;

type Page = { items: Array<{ id: number; name: string; startDate: string }>; nextCursor: string | null };

/** Every page of `url` (which has a query already), following the cursors; the pages' sizes alongside. */
async function allPages(session: Session, url: string): Promise<{ names: string[]; sizes: number[] }> {
  const names: string[] = [];
  const sizes: number[] = [];
  let cursor: string | null = null;
  do {
    const response = await session.get(`${url}${cursor === null ? '' : `&cursor=${cursor}`}`);
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json<Page>();
    names.push(...page.items.map((o) => o.name));
    sizes.push(page.items.length);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return { names, sizes };
}

async function declare(session: Session, name: string, startDate: string, divisionCode: string) {
  const response = await session.post('/api/v1/outbreaks', {
    name,
    disease: 'COVID-19',
    presetId: 'covid-ed9',
    startDate,
    divisionCode,
    caseNumberMask: `PG${++declared}-####`,
  });
  expect(response.statusCode, response.body).toBe(201);
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  lead = await t.login('lead');
  sampler = await t.login('sampler');
  // A district beside the demo's, under the same city, with leads of its own and of the city: the
  // neighbour's outbreaks concern neither the demo district nor its townships.
  expect((await admin.post('/api/v1/jurisdictions', { code: '141181', name: '孝义市' })).statusCode).toBe(
    201,
  );
  for (const [username, jurisdictionCode] of [
    ['city.lead', '141100'],
    ['xiaoyi.lead', '141181'],
  ]) {
    const created = await admin.post('/api/v1/users', {
      username,
      displayName: username,
      role: 'lead',
      jurisdictionCode,
      password: 'a-long-enough-password',
    });
    expect(created.statusCode, created.body).toBe(201);
  }
  cityLead = await t.login('city.lead', 'a-long-enough-password');
  const neighbour = await t.login('xiaoyi.lead', 'a-long-enough-password');
  // Three on one day, so that pages break inside a day (the id decides there).
  for (const [i, date] of ['2022-03-01', '2022-03-01', '2022-03-01', '2022-02-10', '2022-04-05'].entries()) {
    await declare(lead, `区级疫情${i + 1}`, date, '141102');
  }
  await declare(lead, '乡镇疫情1', '2022-03-02', '141102006000');
  await declare(lead, '乡镇疫情2', '2022-03-04', '141102001000');
  await declare(cityLead, '市级疫情1', '2022-01-15', '141100');
  await declare(neighbour, '邻区疫情1', '2022-03-03', '141181');
});
afterAll(async () => {
  await t.close();
});

describe('GET /api/v1/outbreaks', () => {
  it('pages newest first, each outbreak once: those of the caller’s division, above and below it', async () => {
    const { names, sizes } = await allPages(lead, '/api/v1/outbreaks?limit=2');
    const ours = names.filter((name) => /^(区级|乡镇|市级|邻区)/.test(name));
    expect(ours).toEqual([
      '区级疫情5',
      '乡镇疫情2',
      '乡镇疫情1',
      '区级疫情3',
      '区级疫情2',
      '区级疫情1',
      '区级疫情4',
      '市级疫情1',
    ]);
    expect(new Set(names).size).toBe(names.length);
    expect(sizes.slice(0, -1).every((size) => size === 2)).toBe(true);
  });

  it('shows a township user the outbreaks of its township and above, not another township’s', async () => {
    const { names } = await allPages(sampler, '/api/v1/outbreaks?limit=3');
    expect(names.filter((name) => /^(区级|乡镇|市级|邻区)/.test(name))).toEqual([
      '区级疫情5',
      '乡镇疫情1',
      '区级疫情3',
      '区级疫情2',
      '区级疫情1',
      '区级疫情4',
      '市级疫情1',
    ]);
  });

  it('shows the city every district’s outbreaks', async () => {
    const { names } = await allPages(cityLead, '/api/v1/outbreaks?limit=500');
    expect(names).toContain('邻区疫情1');
    expect(names).toContain('乡镇疫情1');
  });

  it('filters archived outbreaks either way', async () => {
    const all = (await lead.get('/api/v1/outbreaks?limit=500')).json<Page>().items;
    const target = all.find((o) => o.name === '区级疫情4');
    const read = (await lead.get(`/api/v1/outbreaks/${target?.id}`)).json<{ version: number }>();
    const archived = await lead.patch(`/api/v1/outbreaks/${target?.id}`, {
      version: read.version,
      archived: true,
      archivedReason: '测试分页的归档筛选',
    });
    expect(archived.statusCode, archived.body).toBe(200);
    const active = (await allPages(lead, '/api/v1/outbreaks?archived=false&limit=2')).names;
    const gone = (await allPages(lead, '/api/v1/outbreaks?archived=true&limit=2')).names;
    expect(active).not.toContain('区级疫情4');
    expect(gone).toEqual(['区级疫情4']);
  });

  it('refuses a bad cursor, limit or filter, naming the field', async () => {
    for (const [query, field] of [
      ['cursor=bm90LWpzb24', 'cursor'],
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['archived=maybe', 'archived'],
      ['sort=name', 'sort'],
    ]) {
      const response = await lead.get(`/api/v1/outbreaks?${query}`);
      expect(response.statusCode, query).toBe(400);
      const details = response.json<{ error: { details: Array<{ field?: string }> } }>().error.details;
      expect(details.map((d) => d.field)).toContain(field);
    }
  });
});

describe('declaring and closing outbreaks', () => {
  it('refuses an unknown local overlay by its field, on declaring and on editing', async () => {
    const body = {
      name: '本地规则测试疫情',
      disease: 'COVID-19',
      presetId: 'covid-ed9',
      startDate: '2022-05-01',
      divisionCode: '141102',
      caseNumberMask: 'OV-####',
    };
    const unknown = await lead.post('/api/v1/outbreaks', { ...body, overlayId: 'no-such-overlay' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details).toEqual([
      expect.objectContaining({ field: 'overlayId', code: 'unknown_overlay' }),
    ]);
    const created = await lead.post('/api/v1/outbreaks', { ...body, overlayId: 'lishi-2020' });
    expect(created.statusCode, created.body).toBe(201);
    const { id, version } = created.json<{ id: number; version: number }>();
    const edited = await lead.patch(`/api/v1/outbreaks/${id}`, { version, overlayId: 'no-such-overlay' });
    expect(edited.statusCode).toBe(400);
    expect(edited.json().error.details[0]).toMatchObject({ field: 'overlayId', code: 'unknown_overlay' });
    const row = await t.db.kysely
      .selectFrom('outbreaks')
      .select(['overlay_id', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ overlay_id: 'lishi-2020', version });
  });

  it('takes no new case into an archived outbreak, naming it, and takes them again once restored', async () => {
    const created = await lead.post('/api/v1/outbreaks', {
      name: '已结束的疫情',
      disease: 'COVID-19',
      presetId: 'covid-ed9',
      startDate: '2022-06-01',
      divisionCode: '141102',
      caseNumberMask: 'END-####',
    });
    expect(created.statusCode, created.body).toBe(201);
    const outbreak = created.json<{ id: number; version: number }>();
    const archived = await lead.patch(`/api/v1/outbreaks/${outbreak.id}`, {
      version: outbreak.version,
      archived: true,
      archivedReason: '疫情处置结束',
    });
    expect(archived.statusCode, archived.body).toBe(200);
    const investigator = await t.login('investigator');
    const before = { persons: await countRows(t, 'persons'), cases: await countRows(t, 'cases') };
    const refused = await investigator.post('/api/v1/cases', {
      outbreakId: outbreak.id,
      receivedAt: '2022-06-02T10:00:00+08:00',
      reportingInstitution: '吕梁市人民医院',
      discoveryRoute: 'clinic_visit',
      person: { name: '归档后病例', divisionCode: '141102006001' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details).toEqual([
      {
        field: 'outbreakId',
        code: 'outbreak_archived',
        message: '疫情“已结束的疫情”已归档，不能再报告病例',
      },
    ]);
    expect({ persons: await countRows(t, 'persons'), cases: await countRows(t, 'cases') }).toEqual(before);

    const restored = await lead.patch(`/api/v1/outbreaks/${outbreak.id}`, {
      version: archived.json<{ version: number }>().version,
      archived: false,
    });
    expect(restored.statusCode, restored.body).toBe(200);
    expect((await reportCase(investigator, outbreak.id)).caseNumber).toBe('END-0001');
  });
});
