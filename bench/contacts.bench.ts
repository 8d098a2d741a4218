// Contacts under observation at city scale: p50/p95 of the "due today" list (contacts with a planned test due
// today) and of one quarantine site's occupancy board, through the service functions, on SQLite and PostgreSQL.
//   node --import tsx bench/contacts.bench.ts [--contacts 500000] [--db sqlite|postgres|both]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { addDays } from '../src/core/protocols/index.ts';
import { dateIn, nextDate, startOfDay } from '../src/core/time/zone.ts';
import { searchContacts } from '../src/server/contacts/contacts-query.ts';
import { openPostgres, openSqlite, type Db } from '../src/server/db/connect.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import type { Insertable } from 'kysely';
import type { Executor } from '../src/server/db/transaction.ts';
import type { NewContactRow, QuarantineSiteTable } from '../src/server/db/schema.ts';
import type { RecordActor } from '../src/server/persons/record-actor.ts';
import { occupancyBoard } from '../src/server/quarantine/sites.service.ts';
import { startCluster } from '../test/setup/pg-cluster.ts';
import { makeCase, makePerson, prng } from './cases-gen.ts';

const { values } = parseArgs({
  options: {
    contacts: { type: 'string', default: '500000' },
    db: { type: 'string', default: 'both' },
    runs: { type: 'string', default: '200' },
    seed: { type: 'string', default: '20200125' },
  },
});
const contactCount = Number(values.contacts);
const runs = Number(values.runs);
const seed = Number(values.seed);
const log = (line: string) => process.stderr.write(`${line}\n`);
const BATCH = 1000;
const TZ = 'Asia/Shanghai';
const CASES = 5000;
const SITES = 200;
const ROOMS_PER_SITE = 750;
const BEDS_PER_ROOM = 2;
/** Pending planned tests per contact (the rest of a plan is done or not yet materialised in this data). */
const TESTS_PER_CONTACT = 2;
const SITE_SHARE = 0.6;

const actor: RecordActor = { userId: 1, username: 'bench', role: 'tracer', scope: '141102', ip: null };
const settings = { timeZone: TZ, followUpsPerDay: 1 };
const phases = ['centralized', 'home_monitoring'] as const;

type Sizes = Record<string, number>;

/** startOfDay builds an Intl formatter per call; the bench's few dozen distinct days are computed once. */
const dayStarts = new Map<string, string>();
function dayStart(date: string): string {
  let start = dayStarts.get(date);
  if (start === undefined) {
    start = startOfDay(date, TZ);
    dayStarts.set(date, start);
  }
  return start;
}
const dueDates = new Map<number, string>();

/** Inserts `total` generated rows in batches, all in one transaction (SQLite commits once, not per batch). */
async function insertBatched<T>(
  db: Db,
  total: number,
  make: (i: number) => T,
  insert: (trx: Executor, rows: T[]) => Promise<unknown>,
): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    for (let start = 0; start < total; start += BATCH) {
      const rows: T[] = [];
      for (let i = start; i < Math.min(start + BATCH, total); i++) {
        rows.push(make(i));
      }
      await insert(trx, rows);
    }
  });
}

async function firstId(
  db: Db,
  table: 'persons' | 'cases' | 'contacts' | 'quarantine_sites' | 'quarantine_rooms' | 'tasks',
): Promise<number> {
  const row = await db.kysely
    .selectFrom(table)
    .select((eb) => eb.fn.min<number>('id').as('id'))
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

async function seedDatabase(db: Db): Promise<Sizes> {
  await migrateToLatest(db);
  const at = new Date().toISOString();
  const today = dateIn(new Date(), TZ);
  const random = prng(seed);
  const started = performance.now();
  const k = db.kysely;
  const outbreak = await k
    .insertInto('outbreaks')
    .values({
      name: '基准测试疫情',
      disease: '新型冠状病毒肺炎',
      preset_id: 'covid-ed8',
      overlay_id: null,
      overlay_text: null,
      start_date: '2021-05-11',
      division_code: '141102',
      case_number_mask: 'LS-C-######',
      case_counter: CASES,
      created_at: at,
      updated_at: at,
      version: 1,
      archived: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const outbreakId = Number(outbreak.id);
  await insertBatched(
    db,
    CASES + contactCount,
    (i) => makePerson(random, i, at),
    (trx, rows) => trx.insertInto('persons').values(rows).execute(),
  );
  const personBase = await firstId(db, 'persons');
  await insertBatched(
    db,
    CASES,
    (i) => makeCase(random, i, { id: personBase + i, division: '141102' }, outbreakId, at),
    (trx, rows) => trx.insertInto('cases').values(rows).execute(),
  );
  const caseBase = await firstId(db, 'cases');
  log(`  persons and cases: ${Math.round(performance.now() - started)} ms`);

  const siteBeds = SITES * ROOMS_PER_SITE * BEDS_PER_ROOM;
  const onSite: boolean[] = [];
  let siteSlots = 0;
  for (let i = 0; i < contactCount; i++) {
    const atSite = random() < SITE_SHARE && siteSlots < siteBeds;
    onSite.push(atSite);
    siteSlots += atSite ? 1 : 0;
  }
  // Beds fill room by room: room r holds what is left of the site placements after the rooms before it.
  const roomOccupancy = (room: number) =>
    Math.min(Math.max(siteSlots - room * BEDS_PER_ROOM, 0), BEDS_PER_ROOM);
  await insertBatched(
    db,
    SITES,
    (i): Insertable<QuarantineSiteTable> => ({
      name: `基准隔离点 ${i + 1}`,
      address: `离石区某路 ${i + 1} 号`,
      division_code: '141102001000',
      capacity: ROOMS_PER_SITE * BEDS_PER_ROOM,
      occupied: Math.min(
        Math.max(siteSlots - i * ROOMS_PER_SITE * BEDS_PER_ROOM, 0),
        ROOMS_PER_SITE * BEDS_PER_ROOM,
      ),
      manager: null,
      phone: null,
      created_at: at,
      updated_at: at,
      version: 1,
      archived: 0,
    }),
    (trx, rows) => trx.insertInto('quarantine_sites').values(rows).execute(),
  );
  const siteBase = await firstId(db, 'quarantine_sites');
  await insertBatched(
    db,
    SITES * ROOMS_PER_SITE,
    (i) => ({
      site_id: siteBase + Math.floor(i / ROOMS_PER_SITE),
      number: String(100 + (i % ROOMS_PER_SITE)),
      beds: BEDS_PER_ROOM,
      occupied: roomOccupancy(i),
    }),
    (trx, rows) => trx.insertInto('quarantine_rooms').values(rows).execute(),
  );
  const roomBase = await firstId(db, 'quarantine_rooms');
  log(`  + sites and rooms: ${Math.round(performance.now() - started)} ms`);

  // Contacts exposed over the last 20 days: each under observation for 21 days from its exposure day.
  const exposureOffset: number[] = [];
  await insertBatched(
    db,
    contactCount,
    (i): NewContactRow => {
      const back = 1 + Math.floor(random() * 20);
      exposureOffset.push(back);
      const exposureDay = addDays(today, -back);
      const person = makePerson(random, i, at);
      return {
        person_id: personBase + CASES + i,
        outbreak_id: outbreakId,
        source_case_id: caseBase + Math.floor(random() * CASES),
        source_contact_id: null,
        classification: 'close',
        status: back > 14 ? 'home_monitoring' : 'placed',
        division_code: person.division_code ?? '141102',
        last_exposure_at: dayStart(exposureDay),
        observation_end: addDays(exposureDay, 21),
        plan: '{"determined":true,"phases":[]}',
        placed_on: addDays(exposureDay, 1),
        notified_at: at,
        released_on: null,
        release_reason: null,
        lost_reason: null,
        converted_case_id: null,
        created_at: at,
        updated_at: at,
        version: 1,
      };
    },
    (trx, rows) => trx.insertInto('contacts').values(rows).execute(),
  );
  const contactBase = await firstId(db, 'contacts');
  log(`  + contacts: ${Math.round(performance.now() - started)} ms`);

  // Placements: the contacts drawn for a site take its beds in order, the others are at home.
  let bed = 0;
  await insertBatched(
    db,
    contactCount,
    (i) => {
      const atSite = onSite[i] === true;
      const room = atSite ? Math.floor(bed++ / BEDS_PER_ROOM) : null;
      const exposureDay = addDays(today, -(exposureOffset[i] ?? 1));
      return {
        contact_id: contactBase + i,
        kind: atSite ? 'site' : 'home',
        site_id: room === null ? null : siteBase + Math.floor(room / ROOMS_PER_SITE),
        room_id: room === null ? null : roomBase + room,
        address: atSite ? null : '离石区某小区',
        division_code: '141102001000',
        check_in_at: dayStart(addDays(exposureDay, 1)),
        planned_end: addDays(exposureDay, atSite ? 14 : 21),
        check_out_at: null,
        created_at: at,
        version: 1,
      };
    },
    (trx, rows) => trx.insertInto('placements').values(rows).execute(),
  );
  log(`  + placements: ${Math.round(performance.now() - started)} ms`);

  // Pending planned tests, each with its sample task.
  const testCount = contactCount * TESTS_PER_CONTACT;
  const dueOf = (i: number): string => {
    const offset = Math.floor(prng(seed + i)() * 10) - 1;
    let date = dueDates.get(offset);
    if (date === undefined) {
      date = addDays(today, offset);
      dueDates.set(offset, date);
    }
    return date;
  };
  await insertBatched(
    db,
    testCount,
    (i) => ({
      type: 'sample',
      subject_type: 'contact',
      subject_id: contactBase + Math.floor(i / TESTS_PER_CONTACT),
      title: '核酸检测',
      assignee_id: null,
      division_code: '141102001000',
      due_at: dayStart(nextDate(dueOf(i))),
      status: 'open',
      priority: 'normal',
      created_at: at,
      updated_at: at,
      closed_at: null,
      version: 1,
    }),
    (trx, rows) => trx.insertInto('tasks').values(rows).execute(),
  );
  const taskBase = await firstId(db, 'tasks');
  await insertBatched(
    db,
    testCount,
    (i) => ({
      contact_id: contactBase + Math.floor(i / TESTS_PER_CONTACT),
      task_id: taskBase + i,
      phase: phases[i % 2] ?? 'centralized',
      day_of_phase: 1 + (i % 7),
      planned_date: dueOf(i),
      due_date: dueOf(i),
      status: 'pending',
      result: null,
      done_at: null,
      division_code: '141102001000',
    }),
    (trx, rows) => trx.insertInto('contact_tests').values(rows).execute(),
  );
  await sql`analyze`.execute(k);
  log(`  + tests and tasks: ${Math.round(performance.now() - started)} ms`);
  const count = async (
    table: 'persons' | 'contacts' | 'placements' | 'contact_tests' | 'tasks' | 'quarantine_rooms',
  ) =>
    Number(
      (
        await k
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const dueToday = Number(
    (
      await k
        .selectFrom('contact_tests')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('due_date', '=', today)
        .executeTakeFirstOrThrow()
    ).n,
  );
  return {
    persons: await count('persons'),
    contacts: await count('contacts'),
    placements: await count('placements'),
    'planned tests': await count('contact_tests'),
    tasks: await count('tasks'),
    rooms: await count('quarantine_rooms'),
    'tests due today': dueToday,
    'seconds to seed': Math.round((performance.now() - started) / 1000),
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function timeIt(work: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 10; i++) {
    await work();
  }
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

type Row = { db: string; query: string; p50: number; p95: number };

async function measure(name: string, db: Db): Promise<Row[]> {
  const rows: Row[] = [];
  const add = async (label: string, work: () => Promise<unknown>) => {
    const timing = await timeIt(work);
    rows.push({ db: name, query: label, ...timing });
    log(`  ${label}: p50 ${timing.p50.toFixed(2)} ms, p95 ${timing.p95.toFixed(2)} ms`);
  };
  const base = { limit: 50 } as const;
  const first = await searchContacts(db.kysely, actor, { ...base, dueToday: 'true' }, settings);
  await add(`due today, first page (${first.items.length} rows)`, () =>
    searchContacts(db.kysely, actor, { ...base, dueToday: 'true' }, settings),
  );
  let cursor = first.nextCursor ?? undefined;
  for (let page = 0; page < 100 && cursor !== undefined; page++) {
    const next = await searchContacts(db.kysely, actor, { ...base, dueToday: 'true', cursor }, settings);
    cursor = next.nextCursor ?? undefined;
    if (page === 98) {
      break;
    }
  }
  await add('due today, page 100 (keyset)', () =>
    searchContacts(
      db.kysely,
      actor,
      { ...base, dueToday: 'true', ...(cursor === undefined ? {} : { cursor }) },
      settings,
    ),
  );
  await add('due today in one village (141102006001)', () =>
    searchContacts(db.kysely, actor, { ...base, dueToday: 'true', divisionCode: '141102006001' }, settings),
  );
  const siteId = await firstId(db, 'quarantine_sites');
  const board = await occupancyBoard(db.kysely, actor, siteId, TZ);
  const occupants = board.rooms.reduce((n, r) => n + r.occupants.length, 0);
  await add(`occupancy board, one site (${board.rooms.length} rooms, ${occupants} occupants)`, () =>
    occupancyBoard(db.kysely, actor, siteId, TZ),
  );
  return rows;
}

async function runSqlite(): Promise<{ rows: Row[]; sizes: Sizes }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saolei-bench-contacts-'));
  const db = openSqlite(path.join(dir, 'saolei.db'));
  try {
    log('SQLite: seeding');
    const sizes = await seedDatabase(db);
    return { rows: await measure('SQLite', db), sizes };
  } finally {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function runPostgres(): Promise<{ rows: Row[]; sizes: Sizes }> {
  const cluster = await startCluster();
  const db = openPostgres(cluster.url, 4);
  try {
    log('PostgreSQL: seeding');
    const sizes = await seedDatabase(db);
    return { rows: await measure('PostgreSQL', db), sizes };
  } finally {
    await db.close();
    cluster.stop();
  }
}

const results: Row[] = [];
let sizes: Sizes = {};
if (values.db === 'sqlite' || values.db === 'both') {
  const run = await runSqlite();
  results.push(...run.rows);
  sizes = run.sizes;
}
if (values.db === 'postgres' || values.db === 'both') {
  const run = await runPostgres();
  results.push(...run.rows);
  sizes = run.sizes;
}
const lines = [
  `Contacts under observation: ${contactCount.toLocaleString('en')} contacts, ${runs} runs each, page size 50, scope 141102`,
  '',
  '| table | rows |',
  '|---|---:|',
  ...Object.entries(sizes).map(([name, n]) => `| ${name} | ${n.toLocaleString('en')} |`),
  '',
  '| database | query | p50 ms | p95 ms |',
  '|---|---|---:|---:|',
  ...results.map((r) => `| ${r.db} | ${r.query} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} |`),
];
process.stdout.write(`${lines.join('\n')}\n`);
