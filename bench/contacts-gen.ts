// A seeded, deterministic city of contacts under observation for bench/contacts.bench.ts: persons and cases,
// quarantine sites and rooms, contacts exposed over the last 20 days, their placements, and pending planned
// tests with their sample tasks.
import { sql, type Insertable } from 'kysely';
import { addDays } from '../src/core/protocols/index.ts';
import { dateIn, nextDate, startOfDay } from '../src/core/time/zone.ts';
import type { Db } from '../src/server/db/connect.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import type { NewContactRow, QuarantineSiteTable } from '../src/server/db/schema.ts';
import type { Executor } from '../src/server/db/transaction.ts';
import { makeCase, makePerson, prng } from './cases-gen.ts';

export const TZ = 'Asia/Shanghai';
const BATCH = 1000;
const CASES = 5000;
const SITES = 200;
const ROOMS_PER_SITE = 750;
const BEDS_PER_ROOM = 2;
/** Pending planned tests per contact (the rest of a plan is done or not yet materialised in this data). */
const TESTS_PER_CONTACT = 2;
const SITE_SHARE = 0.6;
const phases = ['centralized', 'home_monitoring'] as const;

export type SeedOptions = { contacts: number; seed: number; log: (line: string) => void };

/** Row counts of the seeded tables, by a label for the printed table. */
export type Sizes = Record<string, number>;

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

/** The smallest id of a table: rows inserted in one batch run take the ids after it in order. */
export async function firstId(
  db: Db,
  table: 'persons' | 'cases' | 'contacts' | 'quarantine_sites' | 'quarantine_rooms' | 'tasks',
): Promise<number> {
  const row = await db.kysely
    .selectFrom(table)
    .select((eb) => eb.fn.min<number>('id').as('id'))
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Migrates `db` and fills it; returns the row counts and the seconds the seeding took. */
export async function seedContacts(db: Db, options: SeedOptions): Promise<Sizes> {
  const { contacts: contactCount, seed, log } = options;
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
