import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requiredSectionTitles } from '../../src/core/report/compose.ts';
import { loadDemo } from '../../src/server/demo/demo.ts';
import { DEMO_FIRST_CASE } from '../../src/server/demo/trajectory.ts';
import { createTestDb, type TestDb } from '../helpers/db.ts';
import { docxText } from '../helpers/docx-text.ts';

type Run = { code: number | null; stdout: string; stderr: string };

let db: TestDb;
beforeAll(async () => {
  db = await createTestDb();
  await loadDemo(db);
});
afterAll(async () => {
  await db.drop();
});

function saolei(args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, SAOLEI_DATA: db.dataDir, SAOLEI_LOG_LEVEL: 'silent' };
  delete env.SAOLEI_DATABASE_URL;
  if (db.url) {
    env.SAOLEI_DATABASE_URL = db.url;
  }
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/saolei.js', ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end('');
  });
}

describe('saolei report investigation', () => {
  it('writes the demo first case’s .docx with the ten section titles and the rebuilt trajectory', async () => {
    const out = path.join(db.dataDir, 'out', 'first-case.docx');
    const run = await saolei(['report', 'investigation', '--case', DEMO_FIRST_CASE, '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`wrote ${out}`);
    const text = docxText(fs.readFileSync(out));
    for (const title of requiredSectionTitles) {
      expect(text, title).toContain(title);
    }
    for (const place of ['离石区某大药房', '离石区某购物中心', '吕梁市人民医院发热门诊']) {
      expect(text).toContain(place);
    }
    expect(text).toContain('电子支付凭证（高）');
    expect(text).toContain('监控视频（高）');
    expect(text).toContain('家属佐证（中）');
    const versions = await db.kysely
      .selectFrom('report_versions')
      .select(['kind', 'author_name'])
      .where('author_name', '=', '命令行')
      .execute();
    expect(versions).toEqual([{ kind: 'initial', author_name: '命令行' }]);
  }, 60_000);

  it('takes --kind', async () => {
    const out = path.join(db.dataDir, 'closing.docx');
    const closing = await saolei([
      'report',
      'investigation',
      '--case',
      DEMO_FIRST_CASE,
      '--kind',
      'closing',
      '--out',
      out,
    ]);
    expect(closing.code).toBe(0);
    expect(docxText(fs.readFileSync(out))).toContain('结案报告');
  }, 60_000);

  it('refuses an unknown case or kind with a one-line reason and a non-zero exit', async () => {
    const out = path.join(db.dataDir, 'never.docx');
    const [unknown, badKind] = await Promise.all([
      saolei(['report', 'investigation', '--case', 'LS-1999-9999', '--out', out]),
      saolei(['report', 'investigation', '--case', DEMO_FIRST_CASE, '--kind', 'weekly', '--out', out]),
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('saolei report: unknown case LS-1999-9999\n');
    expect(badKind.code).toBe(2);
    expect(badKind.stderr).toBe('saolei report: --kind: one of initial, progress, closing\n');
    expect(fs.existsSync(out)).toBe(false);
  }, 60_000);
});
