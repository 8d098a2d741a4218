import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/app.ts';
import { sampleRow } from '../helpers/sample-rows.ts';

// The lab-result list pages newest test first on (tested_at, id) and scopes a sample's results by the
// sample's division and a pool's by the pool's. The fixture's results sit in one week of 2021, after the
// demo's, with shuffled and repeated test times so that neither id order nor time alone gives the order.

type Item = { id: number; sampleId: number | null; poolId: number | null; result: string; testedAt: string };
type Page = { items: Item[]; nextCursor: string | null };
type Owner = { key: string; sampleId: number | null; poolId: number | null };
type Fixture = { id: number; owner: string; result: string; testedAt: string };

const FROM = '2021-06-01T00:00:00.000Z';
const TO = '2021-06-08T00:00:00.000Z';
const window = `from=${FROM}&to=${TO}`;
const results = ['positive', 'negative', 'inconclusive'] as const;

let t: TestApp;
let lab: Session;
let sampler: Session;
let personName = '';
const owners = new Map<string, Owner>();
const fixtures: Fixture[] = [];

/** Newest test first, the later id first among equal times: the order the list promises. */
const newestFirst = (a: { testedAt: string; id: number }, b: { testedAt: string; id: number }) =>
  a.testedAt === b.testedAt ? b.id - a.id : a.testedAt < b.testedAt ? 1 : -1;

function ownerOf(key: string): Owner {
  const owner = owners.get(key);
  if (!owner) {
    throw new Error(`no fixture owner ${key}`);
  }
  return owner;
}

/** The fixture's result ids that `keys` own, in the list's order. */
function expected(keys: readonly string[], keep: (f: Fixture) => boolean = () => true): number[] {
  return fixtures
    .filter((f) => keys.includes(f.owner) && keep(f))
    .sort(newestFirst)
    .map((f) => f.id);
}

/** Every page of a list, checking that each page holds at most `limit` items. */
async function pages(session: Session, query: string, limit: number): Promise<Item[][]> {
  const all: Item[][] = [];
  let cursor: string | null = null;
  do {
    const params = [query, `limit=${limit}`, cursor === null ? '' : `cursor=${cursor}`].filter(Boolean);
    const url = `/api/v1/lab-results?${params.join('&')}`;
    const response = await session.get(url);
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json<Page>();
    expect(page.items.length).toBeLessThanOrEqual(limit);
    all.push(page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return all;
}

async function ids(session: Session, query: string): Promise<number[]> {
  return (await pages(session, query, 500)).flat().map((item) => item.id);
}

async function badQuery(query: string, field: string, code: string): Promise<void> {
  const zh = await lab.get(`/api/v1/lab-results?${query}`);
  expect(zh.statusCode, `${query}: ${zh.body}`).toBe(400);
  expect(zh.json().error.code).toBe('VALIDATION_FAILED');
  const detail = zh.json().error.details.find((d: { field: string }) => d.field === field);
  expect(detail, `${query}: ${zh.body}`).toMatchObject({ field, code });
  expect(detail.message).toMatch(/[\u4e00-\u9fff]/);
  const en = await lab.get(`/api/v1/lab-results?${query}`, { 'accept-language': 'en' });
  expect(en.statusCode).toBe(400);
  const enDetail = en.json().error.details.find((d: { field: string }) => d.field === field);
  expect(enDetail.message).toMatch(/^[\x20-\x7e]+$/);
}

beforeAll(async () => {
  t = await createTestApp();
  [lab, sampler] = await Promise.all([t.login('lab'), t.login('sampler')]);
  const k = t.db.kysely;
  const person = await k.selectFrom('persons').select(['id', 'name']).orderBy('id').executeTakeFirstOrThrow();
  personName = person.name;
  const at = '2021-05-31T00:00:00.000Z';
  // The sampler's jurisdiction is 田家会街道 (141102006); the lab's the district (141102); 141181 is neither.
  const samples = { inTown: '141102006001', inDistrict: '141102001001', outside: '141181100001' };
  for (const [key, division] of Object.entries(samples)) {
    const row = await k
      .insertInto('samples')
      .values(
        sampleRow({
          subject_id: 70_000 + owners.size,
          person_id: Number(person.id),
          division_code: division,
          status: 'tested',
          created_at: at,
        }),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    owners.set(key, { key, sampleId: Number(row.id), poolId: null });
  }
  // A pool's division is its members' common prefix: a pool across towns belongs to the district.
  const pools = { poolInTown: '141102006', poolInDistrict: '141102', poolOutside: '141181' };
  for (const [key, division] of Object.entries(pools)) {
    const row = await k
      .insertInto('sample_pools')
      .values({
        lab: null,
        division_code: division,
        size: 2,
        status: 'tested',
        result: null,
        created_at: at,
        created_by: null,
        tested_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    owners.set(key, { key, sampleId: null, poolId: Number(row.id) });
  }
  const keys = [...owners.keys()];
  for (let i = 0; i < 30; i += 1) {
    const owner = ownerOf(keys[i % keys.length] ?? '');
    // Every owner gets every result: the owners cycle by six, the results shift by one each round.
    const result = results[(i + Math.floor(i / keys.length)) % results.length] ?? 'negative';
    // Eight distinct hours over 30 rows, visited out of order: ties on time, and ids that do not follow it.
    const testedAt = new Date(Date.parse(FROM) + ((i * 5) % 8) * 3_600_000).toISOString();
    const row = await k
      .insertInto('lab_results')
      .values({
        sample_id: owner.sampleId,
        pool_id: owner.poolId,
        method: 'nat',
        target: 'ORF1ab',
        ct: result === 'positive' ? 25 : null,
        result,
        tested_at: testedAt,
        lab: null,
        import_id: null,
        entered_by: 'test',
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    fixtures.push({ id: Number(row.id), owner: owner.key, result, testedAt });
  }
});
afterAll(async () => {
  await t.close();
});

describe('GET /api/v1/lab-results', () => {
  it('pages newest test first, each result inside the jurisdiction exactly once', async () => {
    const paged = await pages(lab, window, 4);
    expect(paged.length).toBeGreaterThan(3);
    const listed = paged.flat().map((item) => item.id);
    expect(listed).toEqual(expected(['inTown', 'inDistrict', 'poolInTown', 'poolInDistrict']));

    // The whole list, the demo's results included, against the rows read and ordered here.
    const rows = await t.db.kysely
      .selectFrom('lab_results as r')
      .leftJoin('samples as s', 's.id', 'r.sample_id')
      .leftJoin('sample_pools as p', 'p.id', 'r.pool_id')
      .select([
        'r.id',
        'r.tested_at',
        's.division_code as sample_division',
        'p.division_code as pool_division',
      ])
      .execute();
    const inDistrict = rows
      .filter((r) => (r.sample_division ?? r.pool_division ?? '').startsWith('141102'))
      .map((r) => ({ id: Number(r.id), testedAt: r.tested_at }))
      .sort(newestFirst)
      .map((r) => r.id);
    expect(inDistrict.length).toBeGreaterThan(fixtures.length);
    expect((await pages(lab, '', 37)).flat().map((item) => item.id)).toEqual(inDistrict);
  });

  it('filters by sample, pool, result and test time (from inclusive, to exclusive)', async () => {
    const inTown = ownerOf('inTown');
    expect(await ids(lab, `sampleId=${inTown.sampleId}`)).toEqual(expected(['inTown']));
    const pool = ownerOf('poolInDistrict');
    expect(await ids(lab, `poolId=${pool.poolId}`)).toEqual(expected(['poolInDistrict']));
    const visible = ['inTown', 'inDistrict', 'poolInTown', 'poolInDistrict'];
    for (const result of results) {
      const listed = await ids(lab, `${window}&result=${result}`);
      expect(listed.length).toBeGreaterThan(0);
      expect(listed).toEqual(expected(visible, (f) => f.result === result));
    }
    // 02:00 and 05:00 UTC, written in Beijing time: the hours 2, 3 and 4 are in, 5 is not.
    const from = encodeURIComponent('2021-06-01T10:00:00+08:00');
    const to = encodeURIComponent('2021-06-01T13:00:00+08:00');
    const hours = ['2021-06-01T02:00:00.000Z', '2021-06-01T03:00:00.000Z', '2021-06-01T04:00:00.000Z'];
    const listed = await ids(lab, `from=${from}&to=${to}`);
    expect(listed.length).toBeGreaterThan(0);
    expect(listed).toEqual(expected(visible, (f) => hours.includes(f.testedAt)));
  });

  it('hides results of samples and pools outside the caller’s jurisdiction', async () => {
    expect(await ids(sampler, window)).toEqual(expected(['inTown', 'poolInTown']));
    expect(await ids(sampler, `sampleId=${ownerOf('inDistrict').sampleId}`)).toEqual([]);
    expect(await ids(sampler, `poolId=${ownerOf('poolInDistrict').poolId}`)).toEqual([]);
    expect(await ids(lab, `sampleId=${ownerOf('outside').sampleId}`)).toEqual([]);
    expect(await ids(lab, `poolId=${ownerOf('poolOutside').poolId}`)).toEqual([]);
  });

  it('shows no personal data to a role that sees it nor to one that does not', async () => {
    for (const session of [sampler, lab]) {
      const response = await session.get(`/api/v1/lab-results?sampleId=${ownerOf('inTown').sampleId}`);
      expect(response.statusCode).toBe(200);
      const [item] = response.json<Page>().items;
      expect(Object.keys(item ?? {}).sort()).toEqual(
        [
          'ct',
          'id',
          'importId',
          'lab',
          'method',
          'poolId',
          'result',
          'sampleId',
          'target',
          'testedAt',
        ].sort(),
      );
      expect(response.body).not.toContain(personName);
    }
  });

  it('answers bad input with 400 naming the field, in the caller’s language', async () => {
    const forged = Buffer.from(JSON.stringify({ t: 'not a time', id: 1 })).toString('base64url');
    await badQuery('cursor=bm9wZQ', 'cursor', 'cursor');
    await badQuery(`cursor=${forged}`, 'cursor', 'cursor');
    await badQuery('sort=id', 'sort', 'unrecognized_keys');
    await badQuery('sampleId=S0001', 'sampleId', 'invalid_type');
    await badQuery('poolId=0', 'poolId', 'too_small');
    await badQuery('result=positiv', 'result', 'invalid_value');
    await badQuery('from=2021-06-01T00:00:00', 'from', 'iso_instant');
    await badQuery(`from=${TO}&to=${FROM}`, 'to', 'end_after_start');
    await badQuery(`from=${FROM}&to=${FROM}`, 'to', 'end_after_start');
    await badQuery('limit=501', 'limit', 'too_big');
  });

  it('needs a session (401) and the samples permission (403)', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/lab-results' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('UNAUTHENTICATED');
    const disinfector = await t.login('disinfector');
    const refused = await disinfector.get('/api/v1/lab-results');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('FORBIDDEN');
  });
});
