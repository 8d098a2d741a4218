import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/app.ts';
import { unzipEntry } from '../helpers/docx-text.ts';
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

type Export = { id: number; status: string; rowsTotal: number; rowsDone: number; masked: boolean };

async function finished(session: Session, id: number): Promise<Export> {
  for (let i = 0; i < 200; i += 1) {
    const view = (await session.get(`/api/v1/exports/${id}`)).json<Export>();
    if (view.status === 'done' || view.status === 'failed') {
      return view;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('export did not finish');
}

async function run(session: Session, body: unknown): Promise<{ view: Export; text: string }> {
  const started = await session.post('/api/v1/exports', body);
  expect(started.statusCode, started.body).toBe(202);
  const view = await finished(session, started.json<Export>().id);
  expect(view.status).toBe('done');
  const file = await session.get(`/api/v1/exports/${view.id}/file`);
  expect(file.statusCode).toBe(200);
  expect(file.headers['content-type']).toContain('spreadsheetml');
  return { view, text: unzipEntry(file.rawPayload, 'xl/sharedStrings.xml').toString('utf8') };
}

describe('line lists', () => {
  it('exports the cases with the chosen columns, unmasked for a lead', async () => {
    const { view, text } = await run(lead, {
      kind: 'cases',
      columns: ['caseNumber', 'name', 'phone', 'classification'],
      outbreakId: fx.outbreakId,
    });
    expect(view).toMatchObject({ rowsTotal: 5, rowsDone: 5, masked: false });
    expect(text).toContain('病例编号');
    expect(text).toContain(fx.names.c1 ?? '-');
    expect(text).toContain('13900001111');
    expect(text).toContain('确诊病例');
    expect(text).not.toContain('发病日期');
  });

  it('masks names and phones for a commander, and keeps each export to its owner', async () => {
    const { view, text } = await run(commander, {
      kind: 'contacts',
      columns: ['name', 'phone', 'status', 'sourceCase', 'convertedCase'],
      outbreakId: fx.outbreakId,
    });
    expect(view).toMatchObject({ rowsTotal: 5, rowsDone: 5, masked: true });
    expect(text).not.toContain(fx.names.k1 ?? '-');
    expect(text).not.toContain('13900001111');
    expect(text).toContain('139****1111');
    expect((await lead.get(`/api/v1/exports/${view.id}`)).statusCode).toBe(404);
    const mine = (await commander.get('/api/v1/exports')).json<{ items: Export[] }>().items;
    expect(mine.map((e) => e.id)).toContain(view.id);
  });

  it('refuses an unknown column and an empty column list by field', async () => {
    const unknown = await lead.post('/api/v1/exports', { kind: 'cases', columns: ['salary'] });
    expect(unknown.statusCode).toBe(400);
    const empty = await lead.post('/api/v1/exports', { kind: 'contacts', columns: [] });
    expect(empty.statusCode).toBe(400);
    expect(empty.json<{ error: { details: Array<{ field: string }> } }>().error.details[0]?.field).toBe(
      'columns',
    );
  });
});
