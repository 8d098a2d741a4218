import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/app.ts';
import { multipartBody } from '../helpers/multipart.ts';
import { at, day, makeCase, makeOutbreak, residentId } from './contacts-fixtures.ts';

let t: TestApp;
let lead: Session;
let tracer: Session;
let commander: Session;
let caseId: number;

beforeAll(async () => {
  t = await createTestApp();
  [lead, tracer, commander] = await Promise.all([t.login('lead'), t.login('tracer'), t.login('commander')]);
  const outbreakId = await makeOutbreak(lead, 'covid-ed8');
  caseId = await makeCase(await t.login('investigator'), outbreakId);
});
afterAll(async () => {
  await t.close();
});

type Report = {
  headers: string[];
  mapping: Record<string, string>;
  rows: number;
  committed: boolean;
  created: number;
  contactIds: number[];
  errors: Array<{ line: number; field: string; column: string | null; code: string; message: string }>;
};

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('密接');
  for (const row of rows) {
    sheet.addRow(row);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function upload(
  session: Session,
  bytes: Buffer,
  fields: { mapping?: Record<string, string>; commit?: boolean } = {},
  target = caseId,
) {
  const parts: Array<{ name: string; value: string | Buffer; filename?: string }> = [];
  if (fields.mapping) {
    parts.push({ name: 'mapping', value: JSON.stringify(fields.mapping) });
  }
  if (fields.commit !== undefined) {
    parts.push({ name: 'commit', value: String(fields.commit) });
  }
  parts.push({ name: 'file', filename: 'contacts.xlsx', value: bytes });
  const body = multipartBody(parts);
  return session.request('POST', `/api/v1/cases/${target}/contacts/import`, body.payload, {
    ...body.headers,
    'accept-language': 'zh-CN',
  });
}

async function auditCount(action: string): Promise<number> {
  const row = await t.db.kysely
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', action)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function contactsOfCase(): Promise<number> {
  const list = await tracer.get(`/api/v1/contacts?caseId=${caseId}&limit=500`);
  return list.json<{ items: unknown[] }>().items.length;
}

const chineseHeader = [
  '姓名',
  '身份证号',
  '联系电话',
  '现住址',
  '区划代码',
  '接触类型',
  '首次接触时间',
  '末次接触时间',
  '接触地点',
];

describe('contacts from .xlsx', () => {
  it('guesses the mapping from Chinese headers, previews without writing, then commits in one go', async () => {
    const bytes = await workbook([
      chineseHeader,
      [
        '李明',
        residentId(401),
        '13800004001',
        '凤山街道某小区1号',
        '141102001001',
        '同住',
        `${day(-3)} 08:00`,
        `${day(-2)} 20:00`,
        '家中',
      ],
      // A date cell as Excel stores it: the wall-clock time, zone-less.
      [
        '李红',
        residentId(402),
        13800004002,
        '凤山街道某小区1号',
        '141102001001',
        '共餐',
        new Date(`${day(-3)}T12:00:00Z`),
        new Date(`${day(-3)}T13:30:00Z`),
        '饭店',
      ],
      [],
    ]);
    const createdBefore = await auditCount('contact.create');
    const preview = await upload(tracer, bytes);
    expect(preview.statusCode, preview.body).toBe(200);
    const report = preview.json<Report>();
    expect(report).toMatchObject({ rows: 2, committed: false, created: 2, errors: [] });
    expect(report.mapping).toMatchObject({
      name: '姓名',
      documentNumber: '身份证号',
      phone: '联系电话',
      kind: '接触类型',
      firstExposureAt: '首次接触时间',
      lastExposureAt: '末次接触时间',
      place: '接触地点',
    });
    expect(await contactsOfCase()).toBe(0);
    // The preview rolled back everything it wrote, its audit events too.
    expect(await auditCount('contact.create')).toBe(createdBefore);

    const committed = await upload(tracer, bytes, { commit: true });
    expect(committed.statusCode, committed.body).toBe(200);
    expect(committed.json<Report>()).toMatchObject({ committed: true, created: 2, errors: [] });
    expect(await contactsOfCase()).toBe(2);
    expect(await auditCount('contacts.import')).toBe(1);
    expect(await auditCount('contact.create')).toBe(createdBefore + 2);
    const ids = committed.json<Report>().contactIds;
    const details = await Promise.all(
      ids.map(async (id) =>
        (await tracer.get(`/api/v1/contacts/${id}`)).json<{
          person: { name: string; phone: string };
          exposures: Array<{ kind: string; lastExposureAt: string }>;
        }>(),
      ),
    );
    const hong = details.find((d) => d.person.name === '李红');
    // 13:30 on the sheet is 13:30 in Shanghai.
    expect(hong?.exposures[0]).toMatchObject({
      kind: 'shared_meal_or_entertainment',
      lastExposureAt: new Date(`${day(-3)}T13:30:00+08:00`).toISOString(),
    });
    expect(hong?.person.phone).toBe('13800004002');
    const ming = details.find((d) => d.person.name === '李明');
    expect(ming?.exposures[0]).toMatchObject({ kind: 'household', lastExposureAt: at(-2, 20) });
  });

  it('refuses the whole file when any row is bad and reports every problem by line, field and column', async () => {
    const before = await contactsOfCase();
    const bytes = await workbook([
      ['说明：某病例密接名单'],
      chineseHeader,
      [
        '张三',
        residentId(411),
        '13800004011',
        '',
        '141102001001',
        '同住',
        `${day(-3)} 08:00`,
        `${day(-2)} 20:00`,
        '',
      ],
      [
        '李四',
        '141102198001019999',
        '13800004012',
        '',
        '141102001001',
        '同住',
        `${day(-3)} 08:00`,
        `${day(-2)} 20:00`,
        '',
      ],
      [
        '王五',
        residentId(413),
        '12345',
        '',
        '141102001001',
        '跳舞',
        `${day(-2)} 08:00`,
        `${day(-3)} 20:00`,
        '',
      ],
    ]);
    const response = await upload(tracer, bytes, { commit: true });
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json<Report>();
    expect(report.committed).toBe(false);
    expect(report.contactIds).toEqual([]);
    const problems = report.errors.map((e) => `${e.line} ${e.field} ${e.column ?? ''}`);
    // The title line is skipped: the header is line 2, so data rows are lines 3–5 as Excel numbers them.
    expect(problems).toContain('4 documentNumber 身份证号');
    expect(problems).toContain('5 phone 联系电话');
    expect(problems).toContain('5 kind 接触类型');
    expect(report.errors.every((e) => e.line !== 3)).toBe(true);
    expect(report.errors.find((e) => e.field === 'phone')?.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await contactsOfCase()).toBe(before);

    const times = await workbook([
      chineseHeader,
      [
        '王五',
        residentId(414),
        '13800004014',
        '',
        '141102001001',
        '同住',
        `${day(-2)} 08:00`,
        `${day(-3)} 20:00`,
        '',
      ],
    ]);
    const swapped = (await upload(tracer, times, { commit: true })).json<Report>();
    expect(swapped.errors).toEqual([
      expect.objectContaining({ line: 2, field: 'lastExposureAt', code: 'end_before_start' }),
    ]);
    expect(await contactsOfCase()).toBe(before);
  });

  it('takes an explicit mapping for English headers and refuses a mapping that names no column', async () => {
    const bytes = await workbook([
      ['Full name', 'ID', 'Mobile', 'How', 'From', 'Until'],
      ['Zhao Liu', residentId(421), '13800004021', 'visitor', at(-3, 9), at(-3, 10)],
    ]);
    const mapping = {
      name: 'Full name',
      documentNumber: 'ID',
      phone: 'Mobile',
      kind: 'How',
      firstExposureAt: 'From',
      lastExposureAt: 'Until',
    };
    const ok = await upload(tracer, bytes, { mapping, commit: true });
    expect(ok.json<Report>(), ok.body).toMatchObject({ committed: true, created: 1, errors: [] });

    const unknown = await upload(tracer, bytes, { mapping: { ...mapping, phone: 'Telephone' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0]).toMatchObject({ field: 'mapping.phone', code: 'unknown_column' });

    const guessed = await upload(tracer, bytes);
    expect(guessed.statusCode).toBe(400);
    const missing = guessed.json<{ error: { details: Array<{ field: string }> } }>().error.details;
    expect(missing.map((d) => d.field)).toEqual(
      expect.arrayContaining(['mapping.kind', 'mapping.firstExposureAt']),
    );

    const notXlsx = await upload(tracer, Buffer.from('name,phone\n'));
    expect(notXlsx.statusCode).toBe(400);
    expect(notXlsx.json().error.details[0]).toMatchObject({ field: 'file', code: 'xlsx_unreadable' });

    expect((await upload(commander, bytes)).statusCode).toBe(403);
  });

  it('exports the filtered list as .xlsx, masked for a role without personal:read', async () => {
    async function read(session: Session, query: string) {
      const response = await session.get(`/api/v1/contacts/export.xlsx?${query}`);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-type']).toContain('spreadsheetml');
      const book = new ExcelJS.Workbook();
      await book.xlsx.read(Readable.from(response.rawPayload));
      const sheet = book.worksheets[0];
      const rows: string[][] = [];
      sheet?.eachRow((row) => {
        rows.push((Array.isArray(row.values) ? row.values.slice(1) : []).map((v) => String(v ?? '')));
      });
      return rows;
    }
    const full = await read(tracer, `caseId=${caseId}`);
    expect(full[0]).toEqual(expect.arrayContaining(['姓名', '证件号码', '联系电话', '状态']));
    expect(full).toHaveLength(1 + (await contactsOfCase()));
    const ming = full.find((row) => row[1] === '李明');
    expect(ming?.[2]).toBe(residentId(401));
    expect(ming?.[3]).toBe('13800004001');
    expect(ming?.[7]).toBe('已判定');

    const searched = await read(tracer, `caseId=${caseId}&q=13800004001`);
    expect(searched).toHaveLength(2);
    expect(searched[1]?.[1]).toBe('李明');
    const all = await read(commander, `caseId=${caseId}`);
    const row = all.find((r) => r[3] === '138****4001');
    expect(row?.[1]).not.toBe('李明');
    expect(row?.[2]).toMatch(/\*{4,}/);
    expect(all.some((r) => r.includes(residentId(401)) || r.includes('13800004001'))).toBe(false);

    // Every export is audited (it carries personal data out), masked or not.
    expect(await auditCount('contacts.export')).toBe(3);
    const none = await read(tracer, `caseId=${caseId}&status=released`);
    expect(none).toHaveLength(1);
    const bad = await tracer.get('/api/v1/contacts/export.xlsx?status=sleeping');
    expect(bad.statusCode).toBe(400);
  });
});
