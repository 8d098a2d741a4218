import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/app.ts';
import { demoOutbreakId, reportCase } from './cases-fixtures.ts';

let t: TestApp;
let investigator: Session;
let outbreakId: number;

type Item = {
  id: number;
  caseNumber: string;
  receivedAt: string;
  onsetDate: string | null;
  classification: string;
};

/** Follows nextCursor to the end and returns every item in order. */
async function allPages(session: Session, query: string, limit: number): Promise<Item[]> {
  const seen: Item[] = [];
  let cursor: string | null = null;
  do {
    const url: string = `/api/v1/cases?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
    const response = await session.get(url);
    expect(response.statusCode, response.body).toBe(200);
    seen.push(...response.json().items);
    cursor = response.json().nextCursor;
  } while (cursor);
  return seen;
}

beforeAll(async () => {
  t = await createTestApp();
  investigator = await t.login('investigator');
  outbreakId = await demoOutbreakId(investigator);
  // Twenty cases over ten days, two per received time so that the id tie-breaker matters.
  for (let i = 0; i < 20; i += 1) {
    const day = String(1 + Math.floor(i / 2)).padStart(2, '0');
    await reportCase(
      investigator,
      outbreakId,
      {
        receivedAt: `2020-03-${day}T09:00:00+08:00`,
        onsetDate: i % 5 === 0 ? null : `2020-02-${String(20 + (i % 7)).padStart(2, '0')}`,
        classification: i % 3 === 0 ? 'confirmed' : 'suspected',
        divisionCode: i % 4 === 0 ? '141102101001' : '141102006001',
      },
      { name: i === 7 ? '欧阳列表' : `列表${i}` },
    );
  }
});
afterAll(async () => {
  await t.close();
});

describe('case list', () => {
  it('pages by received time, newest first, without repeats or skips', async () => {
    const paged = await allPages(investigator, 'sort=received', 3);
    const whole = (await investigator.get('/api/v1/cases?limit=500')).json().items as Item[];
    expect(paged.map((c) => c.id)).toEqual(whole.map((c) => c.id));
    expect(new Set(paged.map((c) => c.id)).size).toBe(paged.length);
    const keys = paged.map((c) => `${c.receivedAt}|${String(c.id).padStart(8, '0')}`);
    expect(keys).toEqual([...keys].sort().reverse());
    expect(paged.length).toBe(25); // the demo's five and these twenty
  });

  it('pages by onset, latest first, cases without onset last', async () => {
    const paged = await allPages(investigator, 'sort=onset', 4);
    expect(paged).toHaveLength(25);
    // A page size of 3 makes one page hold the last dated cases and the first undated ones.
    expect((await allPages(investigator, 'sort=onset', 3)).map((c) => c.id)).toEqual(paged.map((c) => c.id));
    expect(new Set(paged.map((c) => c.id)).size).toBe(25);
    const firstNull = paged.findIndex((c) => c.onsetDate === null);
    expect(paged.slice(firstNull).every((c) => c.onsetDate === null)).toBe(true);
    const dated = paged.slice(0, firstNull).map((c) => c.onsetDate ?? '');
    expect(dated).toEqual([...dated].sort().reverse());
  });

  it('filters by classification, division subtree, onset and report dates and text', async () => {
    const confirmed = await allPages(investigator, 'classification=confirmed&reportFrom=2020-03-01', 2);
    expect(confirmed).toHaveLength(7);
    expect(confirmed.every((c) => c.classification === 'confirmed')).toBe(true);

    const wucheng = await allPages(investigator, 'division=141102101000&reportFrom=2020-03-01', 2);
    expect(wucheng).toHaveLength(5);

    // Report dates are calendar days in Asia/Shanghai: 09:00 on 03-02 is 01:00 UTC.
    const days = await allPages(investigator, 'reportFrom=2020-03-02&reportTo=2020-03-03', 10);
    expect(days).toHaveLength(4);

    const onset = await allPages(
      investigator,
      'onsetFrom=2020-02-21&onsetTo=2020-02-22&reportFrom=2020-03-01',
      10,
    );
    expect(onset.every((c) => c.onsetDate === '2020-02-21' || c.onsetDate === '2020-02-22')).toBe(true);
    expect(onset.length).toBeGreaterThan(0);

    const byName = (await investigator.get(`/api/v1/cases?q=${encodeURIComponent('欧阳')}`)).json().items;
    expect(byName).toHaveLength(1);
    const byNumber = (await investigator.get('/api/v1/cases?q=LS-2020-0001')).json().items;
    expect(byNumber.map((c: Item) => c.caseNumber)).toEqual(['LS-2020-0001']);
  });

  it('a division outside the caller’s jurisdiction lists nothing; the sampler sees only 田家会街道', async () => {
    expect((await investigator.get('/api/v1/cases?division=141101')).json().items).toEqual([]);
    const sampler = await t.login('sampler');
    const items = (await sampler.get('/api/v1/cases?limit=500')).json().items as Array<{
      divisionCode: string;
    }>;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((c) => c.divisionCode.startsWith('141102006'))).toBe(true);
  });

  it('masks names for the commander', async () => {
    const commander = await t.login('commander');
    const items = (await commander.get('/api/v1/cases?limit=500')).json().items;
    const item = items.find((c: { caseNumber: string }) => c.caseNumber === 'LS-2020-0001');
    expect(item).toMatchObject({ personName: '张*国', personMasked: true });
    const mine = (await investigator.get('/api/v1/cases?q=LS-2020-0001')).json().items[0];
    expect(mine).toMatchObject({ personName: '张建国', personMasked: false });
  });

  it('refuses end dates before start dates, unknown enums and bad cursors, naming the field', async () => {
    const onset = await investigator.get('/api/v1/cases?onsetFrom=2020-02-10&onsetTo=2020-02-01');
    expect(onset.statusCode).toBe(400);
    expect(onset.json().error.details[0]).toMatchObject({ field: 'onsetTo', code: 'end_before_start' });
    const report = await investigator.get('/api/v1/cases?reportFrom=2020-02-10&reportTo=2020-02-01');
    expect(report.json().error.details[0].field).toBe('reportTo');
    const status = await investigator.get('/api/v1/cases?status=cured');
    expect(status.statusCode).toBe(400);
    expect(status.json().error.details[0].field).toBe('status');
    const cursor = await investigator.get('/api/v1/cases?cursor=bm9wZQ');
    expect(cursor.statusCode).toBe(400);
    expect(cursor.json().error.details[0].field).toBe('cursor');
  });
});
