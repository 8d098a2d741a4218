import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requiredSectionTitles } from '../../src/core/report/compose.ts';
import { createTestApp, type Session, type TestApp } from '../helpers/app.ts';
import { insertCase } from '../helpers/case-rows.ts';
import { docxText, unzipEntry } from '../helpers/docx-text.ts';

let t: TestApp;
let investigator: Session;
let lead: Session;
let kase: Awaited<ReturnType<typeof insertCase>>;
beforeAll(async () => {
  t = await createTestApp();
  investigator = await t.login('investigator');
  lead = await t.login('lead');
  kase = await insertCase(t.db);
  const entry = await investigator.post(`/api/v1/cases/${kase.caseId}/trajectory`, {
    startAt: '2020-01-22T10:00:00+08:00',
    endAt: '2020-01-22T10:30:00+08:00',
    placeName: '离石区某大药房',
    placeKind: 'retail',
    activity: '购药',
    evidence: [{ source: 'e_payment', reference: '微信支付 10:12', confidence: 'high' }],
  });
  expect(entry.statusCode, entry.body).toBe(201);
});
afterAll(async () => {
  await t.close();
});

async function download(session: Session, url: string): Promise<Buffer> {
  const response = await session.get(url);
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toContain('wordprocessingml');
  return response.rawPayload;
}

describe('the 流调报告', () => {
  it('previews the document model with the ten section titles, the trajectory and its evidence', async () => {
    const response = await investigator.get(`/api/v1/cases/${kase.caseId}/report/preview?kind=initial`);
    expect(response.statusCode, response.body).toBe(200);
    const doc = response.json();
    const titles: string[] = doc.sections.map((s: { title: string }) => s.title);
    for (const title of requiredSectionTitles) {
      expect(
        titles.some((s) => s.endsWith(`、${title}`)),
        title,
      ).toBe(true);
    }
    expect(doc.subtitle).toBe('初次报告');
    expect(doc.header).toContainEqual({ label: '报送单位', value: '市疾控中心、区卫健局' });
    expect(doc.header).toContainEqual({ label: '报告单位', value: '离石区疾病预防控制中心' });
    const contact = doc.sections.find((s: { key: string }) => s.key === 'contact');
    expect(JSON.stringify(contact)).toContain('电子支付凭证（高）：微信支付 10:12');
    expect(
      (await investigator.get(`/api/v1/cases/${kase.caseId}/report/preview?kind=weekly`)).statusCode,
    ).toBe(400);
  });

  it('keeps each generated report as an immutable numbered version whose .docx holds all ten titles', async () => {
    const first = await investigator.post('/api/v1/reports', { caseId: kase.caseId, kind: 'initial' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      caseId: kase.caseId,
      kind: 'initial',
      number: 1,
      authorName: '王流调',
    });
    const docx = await download(investigator, first.json().docxUrl);
    const text = docxText(docx);
    for (const title of requiredSectionTitles) {
      expect(text, title).toContain(title);
    }
    expect(text).toContain('离石区某大药房');
    expect(unzipEntry(docx, 'word/document.xml').toString('utf8')).toContain('w:eastAsia="宋体"');

    // A later edit of the trajectory changes the next version, not the stored one.
    await investigator.post(`/api/v1/cases/${kase.caseId}/trajectory`, {
      startAt: '2020-01-22T14:00:00+08:00',
      endAt: '2020-01-22T16:00:00+08:00',
      placeName: '离石区某购物中心',
    });
    const second = await investigator.post('/api/v1/reports', { caseId: kase.caseId, kind: 'progress' });
    expect(second.json().number).toBe(2);
    expect(docxText(await download(investigator, second.json().docxUrl))).toContain('离石区某购物中心');
    const again = await download(investigator, first.json().docxUrl);
    expect(again.equals(docx)).toBe(true);
    const stored = (await investigator.get(`/api/v1/reports/${first.json().id}`)).json();
    expect(JSON.stringify(stored.content)).not.toContain('离石区某购物中心');

    const list = await investigator.get(`/api/v1/reports?caseId=${kase.caseId}`);
    expect(list.json().items.map((v: { number: number }) => v.number)).toEqual([2, 1]);
    expect((await investigator.request('PATCH', `/api/v1/reports/${first.json().id}`, {})).statusCode).toBe(
      404,
    );
  });

  it('submits: records the recipients and time, files the investigation and stops its 24-hour clock', async () => {
    const version = (
      await investigator.post('/api/v1/reports', { caseId: kase.caseId, kind: 'initial' })
    ).json();
    const response = await lead.post(`/api/v1/reports/${version.id}/submit`, {});
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json();
    expect(result.investigationState).toBe('submitted');
    expect(result.submission.recipients).toEqual(['市疾控中心', '区卫健局']);
    expect(result.submission.submittedBy).toBe('李建军');
    expect(result.submittedAt).not.toBeNull();
    const row = await t.db.kysely
      .selectFrom('investigations')
      .select(['state', 'submitted_at'])
      .where('case_id', '=', kase.caseId)
      .executeTakeFirstOrThrow();
    expect(row.state).toBe('submitted');
    expect(row.submitted_at).toBe(result.submittedAt);
    const investigation = await investigator.get(`/api/v1/cases/${kase.caseId}/investigation`);
    if (investigation.statusCode === 200) {
      const report = investigation.json().clocks.find((c: { name: string }) => c.name === 'report');
      expect(report.doneAt).toBe(result.submittedAt);
      expect(report.remainingSeconds).toBeNull();
    }

    // A closing report later is recorded with the recipients named, without another state change.
    const closing = (
      await investigator.post('/api/v1/reports', { caseId: kase.caseId, kind: 'closing' })
    ).json();
    const later = await investigator.post(`/api/v1/reports/${closing.id}/submit`, {
      recipients: ['市疾控中心'],
    });
    expect(later.statusCode, later.body).toBe(200);
    expect(later.json()).toMatchObject({ investigationState: 'submitted', submittedAt: result.submittedAt });
    const list = (await investigator.get(`/api/v1/reports?caseId=${kase.caseId}`)).json();
    expect(list.items[0].submissions[0].recipients).toEqual(['市疾控中心']);
  });

  it('refuses to submit before the team has started investigating', async () => {
    const early = await insertCase(t.db, { state: 'dispatched' });
    const version = (
      await investigator.post('/api/v1/reports', { caseId: early.caseId, kind: 'initial' })
    ).json();
    const response = await lead.post(`/api/v1/reports/${version.id}/submit`, {});
    expect(response.statusCode).toBe(409);
    expect(response.json().error.details[0].code).toBe('investigation_not_ready');
    const row = await t.db.kysely
      .selectFrom('report_submissions')
      .select(['id'])
      .where('report_version_id', '=', version.id)
      .execute();
    expect(row).toEqual([]);
  });

  it('counts the case’s contacts by kind: identified, traced, placed', async () => {
    const counted = await insertCase(t.db);
    const source = await t.db.kysely
      .selectFrom('cases')
      .select(['person_id', 'outbreak_id'])
      .where('id', '=', counted.caseId)
      .executeTakeFirstOrThrow();
    const at = new Date().toISOString();
    const contact = (classification: string, status: string, notified: boolean, placedOn: string | null) => ({
      person_id: source.person_id,
      outbreak_id: source.outbreak_id,
      source_case_id: counted.caseId,
      source_contact_id: null,
      classification,
      status,
      division_code: '141102',
      last_exposure_at: '2020-01-23T09:00:00.000Z',
      observation_end: null,
      plan: '{}',
      placed_on: placedOn,
      notified_at: notified ? at : null,
      released_on: null,
      release_reason: null,
      lost_reason: null,
      converted_case_id: null,
      created_at: at,
      updated_at: at,
      version: 1,
    });
    await t.db.kysely
      .insertInto('contacts')
      .values([
        contact('close', 'placed', true, '2020-01-25'),
        contact('close', 'identified', false, null),
        contact('general', 'notified', true, null),
      ])
      .execute();
    const doc = (await investigator.get(`/api/v1/cases/${counted.caseId}/report/preview`)).json();
    const table = doc.sections.find((s: { key: string }) => s.key === 'contacts').blocks[0];
    expect(table.rows).toEqual([
      ['密切接触者', '2', '1', '0', '1'],
      ['密接的密接', '0', '0', '0', '0'],
      ['一般接触者', '1', '1', '0', '0'],
    ]);
  });

  it('keeps reports inside the jurisdiction and to the roles that may read them', async () => {
    const elsewhere = await insertCase(t.db, { divisionCode: '141181' });
    expect((await investigator.get(`/api/v1/cases/${elsewhere.caseId}/report/preview`)).statusCode).toBe(404);
    expect(
      (await investigator.post('/api/v1/reports', { caseId: elsewhere.caseId, kind: 'initial' })).statusCode,
    ).toBe(404);
    const tracer = await t.login('tracer');
    expect((await tracer.get(`/api/v1/reports?caseId=${kase.caseId}`)).statusCode).toBe(403);
    const commander = await t.login('commander');
    expect((await commander.get(`/api/v1/reports?caseId=${kase.caseId}`)).statusCode).toBe(200);
    expect(
      (await commander.post('/api/v1/reports', { caseId: kase.caseId, kind: 'initial' })).statusCode,
    ).toBe(403);
  });
  it('pages a case’s versions newest first, each once, and refuses a bad cursor naming it', async () => {
    const paged = await insertCase(t.db);
    for (const kind of ['initial', 'progress', 'progress', 'closing']) {
      const created = await investigator.post('/api/v1/reports', { caseId: paged.caseId, kind });
      expect(created.statusCode, created.body).toBe(201);
    }
    const numbers: number[] = [];
    let cursor: string | null = null;
    do {
      const response = await investigator.get(
        `/api/v1/reports?caseId=${paged.caseId}&limit=3${cursor === null ? '' : `&cursor=${cursor}`}`,
      );
      expect(response.statusCode, response.body).toBe(200);
      const page = response.json<{ items: Array<{ number: number }>; nextCursor: string | null }>();
      numbers.push(...page.items.map((v) => v.number));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(numbers).toEqual([4, 3, 2, 1]);

    const bad = await investigator.get(`/api/v1/reports?caseId=${paged.caseId}&cursor=bm8`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toContainEqual(expect.objectContaining({ field: 'cursor' }));
  });
});
