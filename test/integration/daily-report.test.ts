import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/app.ts';
import { docxText, unzipEntry } from '../helpers/docx-text.ts';
import { insertOutbreakFixture, type OutbreakFixture } from '../helpers/outbreak-fixture.ts';

let t: TestApp;
let lead: Session;
let commander: Session;
let fx: OutbreakFixture;
beforeAll(async () => {
  t = await createTestApp();
  lead = await t.login('lead');
  commander = await t.login('commander');
  fx = await insertOutbreakFixture(t.db);
});
afterAll(async () => {
  await t.close();
});

type Daily = { id: number; number: number; date: string; submissions: Array<{ recipients: string[] }> };

/** The shared strings of an .xlsx, which hold every text cell. */
function xlsxText(bytes: Buffer): string {
  return unzipEntry(bytes, 'xl/sharedStrings.xml').toString('utf8');
}

describe('the 疫情日报', () => {
  it('keeps numbered versions with a .docx and an .xlsx holding the day’s counts and the new cases', async () => {
    const created = await lead.post('/api/v1/daily-reports', {
      date: '2020-02-01',
      recommendations: '加强发热门诊预检分诊，扩大重点人群核酸检测。',
    });
    expect(created.statusCode, created.body).toBe(201);
    const first = created.json<Daily>();
    expect(first).toMatchObject({ number: 1, date: '2020-02-01' });
    const second = (await lead.post('/api/v1/daily-reports', { date: '2020-02-01' })).json<Daily>();
    expect(second.number).toBe(2);

    const docx = await lead.get(`/api/v1/daily-reports/${first.id}/docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    const text = docxText(docx.rawPayload);
    for (const title of [
      '一、疫情概况',
      '二、新增病例情况',
      '三、密切接触者管理',
      '四、采样检测',
      '五、场所管控措施',
    ]) {
      expect(text, title).toContain(title);
    }
    // The fixture's two cases of 02-01 (the demo outbreak has none that day).
    expect(text).toContain('疑似病例1例');
    expect(text).toContain('无症状感染者1例');
    expect(text).toContain(`C-`);
    expect(text).toContain(fx.names.c3 ?? '-');
    expect(text).toContain('扩大重点人群核酸检测');

    const xlsx = await lead.get(`/api/v1/daily-reports/${first.id}/xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const strings = xlsxText(xlsx.rawPayload);
    expect(strings).toContain('病例编号');
    expect(strings).toContain('集中隔离');
    expect(strings).toContain(fx.names.c4 ?? '-');
  });

  it('masks names for a commander, lists versions, and records submissions with their recipients', async () => {
    const list = await commander.get('/api/v1/daily-reports?date=2020-02-01');
    expect(list.statusCode, list.body).toBe(200);
    const items = list.json<{ items: Daily[] }>().items;
    expect(items.map((i) => i.number)).toEqual([2, 1]);
    const id = items[1]?.id ?? 0;
    const submitted = await lead.post(`/api/v1/daily-reports/${id}/submit`, {
      recipients: ['区疫情防控指挥部'],
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json<Daily>().submissions[0]?.recipients).toEqual(['区疫情防控指挥部']);
    const byDefault = await lead.post(`/api/v1/daily-reports/${id}/submit`, {});
    expect(byDefault.json<Daily>().submissions).toHaveLength(2);
    expect(byDefault.json<Daily>().submissions[1]?.recipients).toEqual(t.config.reportRecipients);
    expect((await commander.post(`/api/v1/daily-reports/${id}/submit`, {})).statusCode).toBe(403);
  });

  it('refuses a bad date by field', async () => {
    const response = await lead.post('/api/v1/daily-reports', { date: '2020-02-30' });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: { details: Array<{ field: string }> } }>().error.details[0]?.field).toBe(
      'date',
    );
  });
});

describe('saolei report daily', () => {
  it('writes the demo outbreak’s .docx for 2020-02-01 with its counts', async () => {
    const out = path.join(t.db.dataDir, 'out', 'daily.docx');
    const env: NodeJS.ProcessEnv = { ...process.env, SAOLEI_DATA: t.db.dataDir, SAOLEI_LOG_LEVEL: 'silent' };
    delete env.SAOLEI_DATABASE_URL;
    if (t.db.url) {
      env.SAOLEI_DATABASE_URL = t.db.url;
    }
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        ['bin/saolei.js', 'report', 'daily', '--date', '2020-02-01', '--out', out],
        {
          env,
        },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`wrote ${out}`);
    const text = docxText(fs.readFileSync(out));
    // The cumulative count is read from the database the report was written from.
    const rows = await t.db.kysely
      .selectFrom('cases')
      .select(['classification', (eb) => eb.fn.countAll<number>().as('n')])
      .where('received_at', '<', '2020-02-01T16:00:00.000Z')
      .where('archived', '=', 0)
      .groupBy('classification')
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const label = {
        confirmed: '确诊病例',
        suspected: '疑似病例',
        asymptomatic: '无症状感染者',
        excluded: '排除',
      }[row.classification];
      expect(text).toContain(`${label ?? row.classification}${Number(row.n)}例`);
    }
    expect(text).toContain('离石区疫情日报');
  }, 120_000);
});
