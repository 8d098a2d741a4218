import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCode, sampleCode } from '../../src/core/lab/codes.ts';
import { DEMO_OUTBREAK } from '../../src/server/demo/outbreak.ts';
import { sampleRow } from '../helpers/sample-rows.ts';
import { createTestApp, type Session, type TestApp } from '../helpers/app.ts';
import { multipartBody } from '../helpers/multipart.ts';

/** A lab file larger than one import batch, mixing screened persons, contacts on their plan and bad rows. */

let t: TestApp;
let investigator: Session;
let lead: Session;
let lab: Session;
const contactIds: number[] = [];
const contactCodes: string[] = [];
const screened: number[] = [];
const SCREENED = 620;

async function importCsv(csv: string) {
  const body = multipartBody([
    {
      name: 'mapping',
      value: JSON.stringify({ code: '标本号', testedAt: '检测时间', orf1abCt: 'ORF1ab', nCt: 'N' }),
    },
    { name: 'file', value: csv, filename: 'lab.csv' },
  ]);
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/lab-results/import',
    payload: body.payload,
    headers: { ...body.headers, cookie: lab.cookie, 'x-csrf-token': lab.csrfToken, 'accept-language': 'en' },
  });
}

beforeAll(async () => {
  t = await createTestApp();
  investigator = await t.login('investigator');
  lead = await t.login('lead');
  lab = await t.login('lab');
  const outbreak = await t.db.kysely
    .selectFrom('outbreaks')
    .select('id')
    .where('name', '=', DEMO_OUTBREAK)
    .executeTakeFirstOrThrow();
  // Edition 9 tests close contacts on days 1, 2, 3, 5, 7: each contact gets planned samples on its tests.
  await t.db.kysely
    .updateTable('outbreaks')
    .set({ preset_id: 'covid-ed9' })
    .where('id', '=', outbreak.id)
    .execute();
  const source = await t.db.kysely
    .selectFrom('cases')
    .select('id')
    .where('case_number', '=', 'LS-2020-0002')
    .executeTakeFirstOrThrow();
  for (let i = 0; i < 3; i += 1) {
    const created = await investigator.post(`/api/v1/cases/${source.id}/contacts`, {
      person: {
        name: `导入${i}`,
        phone: `1390000${String(2000 + i)}`,
        currentAddress: `龙马坡村${i}号`,
        divisionCode: '141102006002',
      },
      classification: 'close',
      exposure: {
        kind: 'household',
        firstExposureAt: '2020-01-24T18:00:00.000Z',
        lastExposureAt: '2020-01-25T04:00:00.000Z',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const contactId = created.json<{ id: number }>().id;
    contactIds.push(contactId);
    const first = await t.db.kysely
      .selectFrom('samples')
      .select('id')
      .where('subject_type', '=', 'contact')
      .where('subject_id', '=', contactId)
      .where('status', '=', 'planned')
      .orderBy('planned_date')
      .executeTakeFirstOrThrow();
    const code = sampleCode(Number(first.id));
    const registered = await lead.post('/api/v1/samples/register', {
      code,
      collectedAt: '2020-01-26T01:30:00.000Z',
    });
    expect(registered.statusCode, registered.body).toBe(200);
    contactCodes.push(code);
  }
  const person = await t.db.kysely.selectFrom('persons').select('id').orderBy('id').executeTakeFirstOrThrow();
  const at = new Date().toISOString();
  for (let i = 0; i < SCREENED; i += 100) {
    const inserted = await t.db.kysely
      .insertInto('samples')
      .values(
        Array.from({ length: Math.min(100, SCREENED - i) }, (_, k) =>
          sampleRow({
            subject_id: Number(person.id),
            person_id: Number(person.id),
            division_code: '141102006001',
            planned_date: '2020-02-01',
            replicate: i + k + 1,
            status: 'collected',
            collected_at: '2020-02-01T01:00:00.000Z',
            collected_by: 'sampler',
            created_at: at,
          }),
        ),
      )
      .returning('id')
      .execute();
    screened.push(...inserted.map((r) => Number(r.id)));
  }
}, 180_000);

afterAll(async () => {
  await t.close();
});

describe('lab import in batches', () => {
  it('imports every good row of a file larger than a batch, reports every bad row by line, in file order', async () => {
    const lines = ['标本号,检测时间,ORF1ab,N'];
    screened.forEach((id, i) => {
      lines.push(`${sampleCode(id)},2020-02-01 20:00,,`);
      if (i === 300) {
        lines.push(`S000999990,2020-02-01 20:00,,`, `${sampleCode(id)},2020-02-01 20:00,47,`);
      }
    });
    const [positive = '', negative = '', twice = ''] = contactCodes;
    lines.push(
      `${positive},2020-01-26 21:00,24.5,25.1`,
      `${negative},2020-01-26 21:00,,`,
      `${twice},2020-01-26 21:00,30.2,31`,
      `${twice},2020-01-26 22:00,,`,
    );
    const response = await importCsv(lines.join('\n'));
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json<{
      rows: number;
      imported: number;
      badRows: Array<{ line: number; field: string; code: string; value: string | null }>;
    }>();
    expect(result.rows).toBe(SCREENED + 2 + 4);
    expect(result.imported).toBe(SCREENED + 4);
    // Header is line 1; screened row i is on line i + 2; the two bad rows follow row 300.
    expect(result.badRows.map((b) => `${b.line}:${b.field}:${b.code}`)).toEqual([
      '303:code:unknown_sample',
      '304:orf1abCt:ct_range',
    ]);
    const tested = await t.db.kysely
      .selectFrom('samples')
      .select(['status', 'result'])
      .where('id', 'in', screened)
      .execute();
    expect(tested.every((s) => s.status === 'tested' && s.result === 'negative')).toBe(true);
    expect(tested).toHaveLength(SCREENED);
    const results = await t.db.kysely
      .selectFrom('lab_results')
      .select((eb) => eb.fn.countAll().as('n'))
      .where(
        'import_id',
        '=',
        (await t.db.kysely.selectFrom('lab_imports').select('id').executeTakeFirstOrThrow()).id,
      )
      .executeTakeFirstOrThrow();
    expect(Number(results.n)).toBe((SCREENED + 4) * 2);
  });

  it('a contact’s planned test is done with the result; the last row of a sample wins; positives raise the alert', async () => {
    const tests = await t.db.kysely
      .selectFrom('samples as s')
      .innerJoin('contact_tests as c', 'c.id', 's.contact_test_id')
      .select(['s.subject_id', 's.result as sample_result', 'c.status', 'c.result', 'c.done_at'])
      .where(
        's.id',
        'in',
        contactCodes.map((c) => parseCode(c)?.id ?? 0),
      )
      .orderBy('s.subject_id')
      .execute();
    expect(tests.map((r) => [r.sample_result, r.status, r.result])).toEqual([
      ['positive', 'done', 'positive'],
      ['negative', 'done', 'negative'],
      ['negative', 'done', 'negative'],
    ]);
    expect(
      tests.every(
        (r) => r.done_at !== null && new Date(r.done_at).toISOString() === '2020-01-26T01:30:00.000Z',
      ),
    ).toBe(true);
    const alerts = await investigator.get('/api/v1/lab-suggestions?kind=convert&status=open');
    const subjects = alerts
      .json<{ items: Array<{ subjectId: number }> }>()
      .items.map((s) => s.subjectId)
      .filter((id) => contactIds.includes(id))
      .sort((a, b) => a - b);
    // The third contact's sample had a positive reading before its negative one: the rule still sees it.
    expect(subjects).toEqual([contactIds[0], contactIds[2]]);
  });

  it('writes the import and its results into the audit chain', async () => {
    const events = await t.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'entity'])
      .where('entity', '=', 'lab_import')
      .execute();
    expect(events.filter((e) => e.action === 'lab.result').length).toBeGreaterThanOrEqual(2);
    expect(events.filter((e) => e.action === 'lab.import')).toHaveLength(1);
  });
});

describe('sample lists for the lab and the dashboard', () => {
  it('filters by status and result, pages by cursor, masks names for roles without personal data', async () => {
    const positive = await lab.get('/api/v1/samples?status=tested&result=positive');
    expect(positive.statusCode, positive.body).toBe(200);
    const items = positive.json<{ items: Array<{ subjectId: number; name: string; result: string }> }>()
      .items;
    expect(items.map((s) => s.subjectId)).toEqual([contactIds[0]]);
    expect(items[0]?.name).not.toBe('导入0');
    expect(items[0]?.name.startsWith('导')).toBe(true);
    const named = await investigator.get(
      `/api/v1/samples?subjectType=contact&subjectId=${contactIds[0]}&status=tested`,
    );
    expect(named.json<{ items: Array<{ name: string }> }>().items[0]?.name).toBe('导入0');
    const first = await lab.get('/api/v1/samples?status=tested&date=2020-02-01&limit=250');
    const page = first.json<{ items: Array<{ id: number }>; nextCursor: string | null }>();
    expect(page.items).toHaveLength(250);
    const second = await lab.get(
      `/api/v1/samples?status=tested&date=2020-02-01&limit=500&cursor=${page.nextCursor ?? ''}`,
    );
    const rest = second.json<{ items: Array<{ id: number }>; nextCursor: string | null }>();
    expect(rest.items.length + page.items.length).toBe(SCREENED);
    expect(rest.nextCursor).toBeNull();
    expect(Math.min(...page.items.map((s) => s.id))).toBeGreaterThan(
      Math.max(...rest.items.map((s) => s.id)),
    );
    expect((await lab.get('/api/v1/samples?status=lost')).statusCode).toBe(400);
    expect((await lab.get('/api/v1/samples?colour=red')).statusCode).toBe(400);
    expect((await lab.get('/api/v1/samples?cursor=nonsense')).statusCode).toBe(400);
  });

  it('suggestions name the person and, once converted, the case', async () => {
    const open = await investigator.get('/api/v1/lab-suggestions?kind=convert&status=open');
    const [alert] = open
      .json<{
        items: Array<{ id: number; version: number; subjectId: number; subject: { name: string } | null }>;
      }>()
      .items.filter((s) => s.subjectId === contactIds[0]);
    expect(alert?.subject?.name).toBe('导入0');
    const decided = await investigator.post(`/api/v1/lab-suggestions/${alert?.id}/decide`, {
      version: alert?.version,
      decision: 'accept',
      classification: 'confirmed',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const body = decided.json<{
      caseId: number;
      suggestion: { subject: { caseId: number | null; caseNumber: string | null } | null };
    }>();
    expect(body.suggestion.subject?.caseId).toBe(body.caseId);
    expect(body.suggestion.subject?.caseNumber).toMatch(/^LS-2020-\d{4}$/);
  });
});
