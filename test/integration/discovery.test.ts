import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareExternalIds } from '../../src/core/colocation/id-dictionary.ts';
import type { SharedSum } from '../../src/core/colocation/shared-sum.ts';
import { sumThread } from '../../src/server/discovery/sum-thread.ts';
import { readManifest, storeDir } from '../../src/server/visits/visit-store.ts';
import { createTestApp, type Session, type TestApp } from '../helpers/app.ts';
import { insertCase, insertTrajectoryEntry } from '../helpers/case-rows.ts';
import { multipartBody } from '../helpers/multipart.ts';

let t: TestApp;
let investigator: Session;

beforeAll(async () => {
  t = await createTestApp();
  investigator = await t.login('investigator');
});
afterAll(async () => {
  await t.close();
});

type Visit = { person: string; place: string; start: number; end: number };
type CaseVisit = { place: string; start: number; end: number };

/** The definition of a close-contact candidate, pair by pair (PROTOCOLS §7), for comparison. */
function bruteForce(cases: CaseVisit[], visits: Visit[], self: string, tol: number): Map<string, number> {
  const sums = new Map<string, number>();
  for (const c of cases) {
    for (const v of visits) {
      if (v.place !== c.place || v.person === self || !(v.start < c.end + tol && v.end > c.start - tol)) {
        continue;
      }
      const key = `${v.person}|${v.place}`;
      sums.set(key, (sums.get(key) ?? 0) + Math.min(v.end, c.end + tol) - Math.max(v.start, c.start - tol));
    }
  }
  return sums;
}

async function upload(csv: string, personsRef: string | null): Promise<{ id: number }> {
  const body = multipartBody([
    { name: 'file', value: csv, filename: 'visits.csv' },
    ...(personsRef === null ? [] : [{ name: 'personsRef', value: personsRef, filename: 'persons.csv' }]),
  ]);
  const response = await investigator.request('POST', '/api/v1/visit-imports', body.payload, body.headers);
  expect(response.statusCode, response.body).toBe(202);
  const started = response.json<{ id: number }>();
  for (let i = 0; i < 200; i++) {
    const state = (await investigator.get(`/api/v1/visit-imports/${started.id}`)).json<{ status: string }>();
    if (state.status !== 'running') {
      return started;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('import did not finish');
}

/** The outbreak of a case written by insertCase. */
async function outbreakOf(caseId: number): Promise<number> {
  const kase = await t.db.kysely
    .selectFrom('cases')
    .select('outbreak_id')
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  return Number(kase.outbreak_id);
}

/** A place with a venue code, through the API; returns its id. */
async function createPlace(venueCode: string, name: string, type: string): Promise<number> {
  const created = await investigator.post('/api/v1/places', {
    name,
    type,
    divisionCode: '141102',
    venueCode,
  });
  expect(created.statusCode, created.body).toBe(201);
  return created.json<{ id: number }>().id;
}

/** A trajectory entry of the case at the place (a case visit the engine reads), linked through the API. */
async function addCaseVisit(caseId: number, placeId: number, visit: CaseVisit): Promise<void> {
  const entryId = await insertTrajectoryEntry(t.db, {
    caseId,
    start: new Date(visit.start * 1000).toISOString(),
    end: new Date(visit.end * 1000).toISOString(),
    placeName: visit.place,
    activity: null,
  });
  const linked = await investigator.patch(`/api/v1/places/${placeId}/link-entry`, { entryId });
  expect(linked.statusCode, linked.body).toBe(200);
}

/**
 * `saolei match contacts --outbreak ID` run as a process on the test's data folder and database: its CSV
 * as person|venue code → overlap, and its summary line.
 */
async function matchOnCli(
  outbreakId: number,
): Promise<{ rows: Map<string, number>; persons: string[]; summary: string }> {
  const out = path.join(t.db.dataDir, `match-${Date.now()}.csv`);
  const env: NodeJS.ProcessEnv = { ...process.env, SAOLEI_DATA: t.db.dataDir, SAOLEI_LOG_LEVEL: 'silent' };
  delete env.SAOLEI_DATABASE_URL;
  if (t.db.url) {
    env.SAOLEI_DATABASE_URL = t.db.url;
  }
  const args = ['bin/saolei.js', 'match', 'contacts', '--outbreak', String(outbreakId), '--out', out];
  const { stderr } = await promisify(execFile)(process.execPath, args, { env });
  const [header, ...lines] = fs.readFileSync(out, 'utf8').trimEnd().split('\n');
  expect(header).toBe('person_id,case_id,place_id,overlap_seconds');
  // Fields as written: plain, or quoted with doubled quotes inside.
  const fields = (line: string) =>
    [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)]
      .map((match) => match[1] ?? '')
      .slice(0, 4)
      .map((field) => (field.startsWith('"') ? field.slice(1, -1).replaceAll('""', '"') : field));
  const parsed = lines.map(fields);
  const rows = new Map(parsed.map(([person, , place, overlap]) => [`${person}|${place}`, Number(overlap)]));
  return { rows, persons: parsed.map(([person]) => person ?? ''), summary: stderr };
}

describe('discovery over an uploaded visit log', () => {
  it('finds exactly the brute-force candidates, keeps every bad row, and confirms or dismisses them', async () => {
    const { caseId } = await insertCase(t.db);
    const outbreakId = await outbreakOf(caseId);
    const places: Record<string, number> = {
      V1: await createPlace('V1', '永宁大药房', 'pharmacy'),
      V2: await createPlace('V2', '吕梁商厦', 'mall'),
    };
    const caseVisits: CaseVisit[] = [
      {
        place: 'V1',
        start: Date.parse('2020-01-21T02:00:00Z') / 1000,
        end: Date.parse('2020-01-21T02:30:00Z') / 1000,
      },
      {
        place: 'V2',
        start: Date.parse('2020-01-22T06:00:00Z') / 1000,
        end: Date.parse('2020-01-22T08:00:00Z') / 1000,
      },
      {
        place: 'V2',
        start: Date.parse('2020-01-23T06:00:00Z') / 1000,
        end: Date.parse('2020-01-23T07:00:00Z') / 1000,
      },
    ];
    for (const c of caseVisits) {
      await addCaseVisit(caseId, places[c.place] ?? 0, c);
    }

    // Random visits around the case visits, ties on the tolerance edges included, and the case person
    // (PSELF, same phone as the case) who must never be a candidate of their own case.
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const visits: Visit[] = [];
    for (let i = 0; i < 400; i++) {
      const c = caseVisits[rand(caseVisits.length)] ?? caseVisits[0];
      if (!c) {
        continue;
      }
      const start = c.start - 7200 + rand(4 * 3600);
      const place = rand(6) === 0 ? 'V3' : c.place;
      visits.push({ person: `P${rand(40)}`, place, start, end: start + 60 * (1 + rand(90)) });
    }
    const edge = caseVisits[0];
    if (edge) {
      visits.push({ person: 'PEDGE', place: 'V1', start: edge.end + 1800, end: edge.end + 3600 });
      visits.push({ person: 'PTOUCH', place: 'V1', start: edge.start - 3600, end: edge.start - 1800 + 1 });
    }
    visits.push({
      person: 'PSELF',
      place: 'V2',
      start: caseVisits[1]?.start ?? 0,
      end: caseVisits[1]?.end ?? 0,
    });
    // Integer person ids, which the CLI writes first and numerically, and one that needs quoting.
    for (const person of ['10', '9', 'P,"Q"']) {
      const start = (caseVisits[1]?.start ?? 0) + 300;
      visits.push({ person, place: 'V2', start, end: start + 600 });
    }
    const csvField = (text: string) => (/[",]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
    const lines = [
      'person_id,place_id,start_ts,end_ts',
      ...visits.map((v) => `${csvField(v.person)},${v.place},${v.start},${v.end}`),
    ];
    lines.splice(5, 0, 'P1,V1,yesterday,');
    lines.splice(9, 0, 'P2,,1579572000,1579573000');
    const imported = await upload(
      `${lines.join('\n')}\n`,
      'person_id,name,document_type,document_number,phone\nPSELF,测试病例,,,13800001234\nP1,李某某,,,13912345678\n',
    );
    const record = (await investigator.get(`/api/v1/visit-imports/${imported.id}`)).json<{
      status: string;
      rows: number;
      badRows: number;
      firstBadRows: Array<{ line: number; field: string }>;
    }>();
    expect(record).toMatchObject({ status: 'done', rows: visits.length, badRows: 2 });
    expect(record.firstBadRows.map((b) => [b.line, b.field])).toEqual([
      [6, 'start_ts'],
      [10, 'place_id'],
    ]);
    const errors = await investigator.get(`/api/v1/visit-imports/${imported.id}/errors.csv`);
    expect(errors.body.trim().split('\n')).toHaveLength(3);

    expect(
      (await (await t.login('sampler')).post(`/api/v1/outbreaks/${outbreakId}/discovery-runs`, {}))
        .statusCode,
    ).toBe(403);
    const run = await investigator.post(`/api/v1/outbreaks/${outbreakId}/discovery-runs`, {});
    expect(run.statusCode, run.body).toBe(201);
    const runId = run.json<{ id: number }>().id;

    type Row = {
      id: number;
      externalPersonId: string;
      placeId: number;
      overlapSeconds: number;
      version: number;
      kind: string;
    };
    const found: Row[] = [];
    let cursor: string | null = null;
    let counts: Array<{ placeId: number | null; candidates: number }> = [];
    do {
      const page = await investigator.get(
        `/api/v1/discovery-runs/${runId}/candidates?limit=7${cursor ? `&cursor=${cursor}` : ''}`,
      );
      const body = page.json<{ items: Row[]; nextCursor: string | null; countsByPlace: typeof counts }>();
      found.push(...body.items);
      cursor = body.nextCursor;
      counts = body.countsByPlace;
    } while (cursor !== null);

    const expected = bruteForce(caseVisits, visits, 'PSELF', 1800);
    const placeCode = (id: number) => Object.entries(places).find(([, v]) => v === id)?.[0];
    expect(
      new Map(found.map((r) => [`${r.externalPersonId}|${placeCode(r.placeId)}`, r.overlapSeconds])),
    ).toEqual(expected);
    expect(found.some((r) => r.externalPersonId === 'PSELF')).toBe(false);
    expect(found.some((r) => r.externalPersonId === 'PEDGE')).toBe(false);
    expect(found.find((r) => r.externalPersonId === 'PTOUCH')?.overlapSeconds).toBe(1);
    const v1 = counts.find((c) => c.placeId === places.V1)?.candidates ?? 0;
    expect(v1).toBe(found.filter((r) => r.placeId === places.V1).length);

    // The server keeps the log it read, clustered, for the next run; a new import replaces it.
    const overlaps = async (id: number) => {
      const rows: Row[] = [];
      let next: string | null = null;
      do {
        const page = await investigator.get(
          `/api/v1/discovery-runs/${id}/candidates?limit=100${next ? `&cursor=${next}` : ''}`,
        );
        const body = page.json<{ items: Row[]; nextCursor: string | null }>();
        rows.push(...body.items);
        next = body.nextCursor;
      } while (next !== null);
      return new Map(rows.map((r) => [`${r.externalPersonId}|${placeCode(r.placeId)}`, r.overlapSeconds]));
    };
    const rerun = await investigator.post(`/api/v1/outbreaks/${outbreakId}/discovery-runs`, {});
    expect(await overlaps(rerun.json<{ id: number }>().id)).toEqual(expected);
    const late = { person: 'PLATE', place: 'V2', start: (caseVisits[2]?.start ?? 0) + 600, end: 0 };
    late.end = late.start + 900;
    await upload(`person_id,place_id,start_ts,end_ts\n${late.person},V2,${late.start},${late.end}\n`, null);
    const third = await investigator.post(`/api/v1/outbreaks/${outbreakId}/discovery-runs`, {});
    const withLate = bruteForce(caseVisits, [...visits, late], 'PSELF', 1800);
    expect(await overlaps(third.json<{ id: number }>().id)).toEqual(withLate);
    // The CLI's database mode reads the same store and case visits, and stores a run of its own.
    const cli = await matchOnCli(outbreakId);
    expect(cli.rows).toEqual(withLate);
    expect(cli.persons.slice(0, 2)).toEqual(['9', '10']);
    expect(cli.persons).toContain('P,"Q"');
    expect(cli.persons).toEqual(cli.persons.toSorted(compareExternalIds));
    expect(cli.summary).toMatch(/^discovery run \d+: 3 case visits against \d+ visits, \d+ contacts in /);
    // A store written before segments were stored clustered: the server clusters the log in memory.
    const dir = storeDir(t.config.dataDir);
    const manifest = readManifest(dir);
    expect(manifest.segments.map((segment) => segment.clusters?.place.rows)).toEqual([visits.length, 1]);
    const unclustered = {
      ...manifest,
      segments: manifest.segments.map(({ clusters: _, ...segment }) => segment),
    };
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(unclustered));
    for (const file of fs.readdirSync(dir).filter((name) => name.includes('.by-'))) {
      fs.rmSync(path.join(dir, file));
    }
    const fourth = await investigator.post(`/api/v1/outbreaks/${outbreakId}/discovery-runs`, {});
    expect(fourth.statusCode, fourth.body).toBe(201);
    expect(await overlaps(fourth.json<{ id: number }>().id)).toEqual(withLate);
    // The CLI scans such a store.
    expect((await matchOnCli(outbreakId)).rows).toEqual(withLate);

    const [a, b, c] = found;
    if (!a || !b || !c) {
      throw new Error('the fixture should give at least three candidates');
    }
    const commander = await t.login('commander');
    expect(
      (await commander.post(`/api/v1/discovery-candidates/${a.id}/confirm`, { version: a.version }))
        .statusCode,
    ).toBe(403);
    for (const row of [a, b]) {
      const confirmed = await investigator.post(`/api/v1/discovery-candidates/${row.id}/confirm`, {
        version: row.version,
      });
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      const body = confirmed.json<{ status: string; contactId: number }>();
      expect(body.status).toBe('confirmed');
      const exposure = await t.db.kysely
        .selectFrom('exposures')
        .select(['kind', 'place_id', 'first_at', 'last_at'])
        .where('contact_id', '=', body.contactId)
        .executeTakeFirstOrThrow();
      expect(exposure.kind).toBe('same_space');
      expect(Number(exposure.place_id)).toBe(row.placeId);
    }
    const again = await investigator.post(`/api/v1/discovery-candidates/${a.id}/confirm`, {
      version: a.version + 1,
    });
    expect(again.statusCode).toBe(400);
    const noReason = await investigator.post(`/api/v1/discovery-candidates/${c.id}/dismiss`, {
      version: c.version,
      reason: ' ',
    });
    expect(noReason.statusCode).toBe(400);
    const dismissed = await investigator.post(`/api/v1/discovery-candidates/${c.id}/dismiss`, {
      version: c.version,
      reason: '同一时段在收银台外，未进入店内',
    });
    expect(dismissed.statusCode).toBe(200);
    expect(dismissed.json()).toMatchObject({ status: 'dismissed', reason: '同一时段在收银台外，未进入店内' });
    const audit = await t.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('action', 'like', 'discovery%')
      .execute();
    // Four runs through the API and two on the command line.
    expect(audit.map((e) => e.action).sort()).toEqual([
      ...Array<string>(6).fill('discovery.run'),
      'discovery_candidate.confirm',
      'discovery_candidate.confirm',
      'discovery_candidate.dismiss',
    ]);
  });
});

describe('discovery over a store large enough for the helper thread', () => {
  it('sums the pairs on two threads once the thread is up, with the rows of one', async () => {
    const { caseId } = await insertCase(t.db);
    const outbreakId = await outbreakOf(caseId);
    const placeId = await createPlace('V9', '离石农贸市场', 'market');
    // Ten half-hour case visits at the market on one day, and 8,000 stall holders each there all ten:
    // 80,000 pairs, over the thread's minimum of 65,536. The 60,000 visits at a place no case went to
    // bring the store to the minimum of visits at which a server starts the thread.
    const day = Date.parse('2020-01-22T00:00:00Z') / 1000;
    const caseVisits: CaseVisit[] = Array.from({ length: 10 }, (_, k) => ({
      place: 'V9',
      start: day + (2 + k) * 3600,
      end: day + (2 + k) * 3600 + 1800,
    }));
    for (const c of caseVisits) {
      await addCaseVisit(caseId, placeId, c);
    }
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const visits: Visit[] = Array.from({ length: 8_000 }, (_, i) => ({
      person: `S${i}`,
      place: 'V9',
      start: day + 3600 + rand(5400),
      end: day + 12 * 3600 + rand(3600),
    }));
    const elsewhere = Array.from({ length: 60_000 }, (_, i) => `F${i},V8,${day + rand(86_400)},`);
    await upload(
      [
        'person_id,place_id,start_ts,end_ts',
        ...visits.map((v) => `${v.person},${v.place},${v.start},${v.end}`),
        ...elsewhere,
      ].join('\n'),
      null,
    );
    const expected = bruteForce(caseVisits, visits, '', 1800);
    expect(expected.size).toBe(8_000);

    const thread = sumThread();
    const offered: SharedSum[] = [];
    const offer = thread.offer;
    thread.offer = (task) => {
      offered.push(task);
      offer(task);
    };
    try {
      // The thread starts with the first run and joins a sum once it is up (a few hundred milliseconds).
      const joined = () => offered.some((task) => task.claims.some((claim) => claim === 2));
      const deadline = Date.now() + 20_000;
      let runs = 0;
      while (!joined() && Date.now() < deadline) {
        const run = await investigator.post(`/api/v1/outbreaks/${outbreakId}/discovery-runs`, {});
        expect(run.statusCode, run.body).toBe(201);
        const rows = await t.db.kysely
          .selectFrom('discovery_candidates')
          .select(['external_person_id', 'place_id', 'overlap_seconds'])
          .where('run_id', '=', run.json<{ id: number }>().id)
          .execute();
        const found = new Map(rows.map((r) => [`${r.external_person_id}|V9`, Number(r.overlap_seconds)]));
        expect(rows.every((r) => Number(r.place_id) === placeId)).toBe(true);
        expect(found).toEqual(expected);
        runs++;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(offered.length, 'the engine offered the thread no sum').toBeGreaterThan(0);
      expect(joined(), `the thread joined none of ${runs} runs`).toBe(true);
    } finally {
      thread.offer = offer;
      await thread.stop();
    }
  });
});
