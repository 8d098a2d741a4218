// The case list at district scale: p50/p95 of the first page and of a deep keyset page with filters,
// through the service function, on SQLite and PostgreSQL.
//   node --import tsx bench/cases.bench.ts [--persons 400000 --cases 100000] [--db sqlite|postgres|both]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { searchCases } from '../src/server/cases/case-list.service.ts';
import type { ListCasesQuery } from '../src/server/cases/cases.schema.ts';
import { openPostgres, openSqlite, type Db } from '../src/server/db/connect.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import type { NewCaseRow, NewPersonRow } from '../src/server/db/schema.ts';
import type { RecordActor } from '../src/server/persons/record-actor.ts';
import { startCluster } from '../test/setup/pg-cluster.ts';
import { makeCase, makeInvestigation, makePerson, prng } from './cases-gen.ts';
import { latency, latencyTable, type LatencyRow } from './timing.ts';

const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '400000' },
    cases: { type: 'string', default: '100000' },
    db: { type: 'string', default: 'both' },
    runs: { type: 'string', default: '200' },
    seed: { type: 'string', default: '20200125' },
  },
});
const personCount = Number(values.persons);
const caseCount = Number(values.cases);
const runs = Number(values.runs);
const seed = Number(values.seed);
const log = (line: string) => process.stderr.write(`${line}\n`);
const BATCH = 1000;

/** An investigator of 离石区: the list is scoped to 141102 as it is for the demo accounts. */
const actor: RecordActor = { userId: 1, username: 'bench', role: 'investigator', scope: '141102', ip: null };
const settings = { timeZone: 'Asia/Shanghai' };

async function seedDatabase(db: Db): Promise<void> {
  await migrateToLatest(db);
  const at = new Date().toISOString();
  const random = prng(seed);
  const started = performance.now();
  const outbreak = await db.kysely
    .insertInto('outbreaks')
    .values({
      name: '基准测试疫情',
      disease: '新型冠状病毒肺炎',
      preset_id: 'covid-ed2',
      overlay_id: null,
      overlay_text: null,
      start_date: '2020-01-25',
      division_code: '141102',
      case_number_mask: 'LS-B-######',
      case_counter: caseCount,
      created_at: at,
      updated_at: at,
      version: 1,
      archived: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const divisionOf: string[] = [];
  for (let start = 0; start < personCount; start += BATCH) {
    const rows: NewPersonRow[] = [];
    for (let i = start; i < Math.min(start + BATCH, personCount); i++) {
      const person = makePerson(random, i, at);
      divisionOf.push(person.division_code ?? '141102');
      rows.push(person);
    }
    await db.kysely.transaction().execute((trx) => trx.insertInto('persons').values(rows).execute());
  }
  log(`  ${personCount} persons in ${Math.round(performance.now() - started)} ms`);
  const firstPerson = await db.kysely
    .selectFrom('persons')
    .select((eb) => eb.fn.min<number>('id').as('id'))
    .executeTakeFirstOrThrow();
  const base = Number(firstPerson.id);
  for (let start = 0; start < caseCount; start += BATCH) {
    const rows: NewCaseRow[] = [];
    for (let i = start; i < Math.min(start + BATCH, caseCount); i++) {
      const index = Math.floor(random() * personCount);
      rows.push(
        makeCase(
          random,
          i,
          { id: base + index, division: divisionOf[index] ?? '141102' },
          Number(outbreak.id),
          at,
        ),
      );
    }
    await db.kysely.transaction().execute(async (trx) => {
      const ids = await trx.insertInto('cases').values(rows).returning('id').execute();
      await trx
        .insertInto('investigations')
        .values(ids.map((row) => makeInvestigation(Number(row.id), at)))
        .execute();
    });
  }
  await sql`analyze`.execute(db.kysely);
  log(`  + ${caseCount} cases and investigations, ${Math.round(performance.now() - started)} ms in all`);
}

const query = (overrides: Partial<ListCasesQuery>): ListCasesQuery => ({
  sort: 'received',
  limit: 50,
  ...overrides,
});

/** Follows the cursor `pages` pages deep; returns the cursor of the last page reached and its depth. */
async function deepCursor(db: Db, filters: Partial<ListCasesQuery>, pages: number) {
  let cursor: string | undefined;
  let depth = 0;
  for (; depth < pages; depth++) {
    const page = await searchCases(db.kysely, actor, query({ ...filters, cursor }), settings);
    if (page.nextCursor === null) {
      break;
    }
    cursor = page.nextCursor;
  }
  return { cursor, rowsDeep: depth * 50 };
}

async function measureList(name: string, db: Db): Promise<LatencyRow[]> {
  const rows: LatencyRow[] = [];
  const add = async (label: string, q: ListCasesQuery) => {
    const first = await searchCases(db.kysely, actor, q, settings);
    const timing = await latency(() => searchCases(db.kysely, actor, q, settings), runs, 20);
    rows.push({ db: name, query: `${label} (${first.items.length} rows)`, ...timing });
    log(`  ${label}: p50 ${timing.p50.toFixed(2)} ms, p95 ${timing.p95.toFixed(2)} ms`);
  };
  await add('first page, newest first', query({}));
  await add('first page, by onset', query({ sort: 'onset' }));
  const filters: Partial<ListCasesQuery> = {
    classification: 'confirmed',
    reportFrom: '2020-03-01',
    reportTo: '2022-10-31',
  };
  await add('first page, confirmed + report dates', query(filters));
  const deep = await deepCursor(db, filters, 200);
  await add(
    `deep page (${deep.rowsDeep} rows in), confirmed + report dates`,
    query({ ...filters, cursor: deep.cursor }),
  );
  const street: Partial<ListCasesQuery> = { ...filters, division: '141102006000', status: 'discharged' };
  const deepStreet = await deepCursor(db, street, 40);
  await add(
    `deep page (${deepStreet.rowsDeep} rows in), 田家会街道 + confirmed + discharged + dates`,
    query({ ...street, cursor: deepStreet.cursor }),
  );
  return rows;
}

async function runSqlite(): Promise<LatencyRow[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saolei-bench-cases-'));
  const db = openSqlite(path.join(dir, 'saolei.db'));
  try {
    log('SQLite: seeding');
    await seedDatabase(db);
    return await measureList('SQLite', db);
  } finally {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function runPostgres(): Promise<LatencyRow[]> {
  const cluster = await startCluster();
  const db = openPostgres(cluster.url, 4);
  try {
    log('PostgreSQL: seeding');
    await seedDatabase(db);
    return await measureList('PostgreSQL', db);
  } finally {
    await db.close();
    cluster.stop();
  }
}

const results: LatencyRow[] = [];
if (values.db === 'sqlite' || values.db === 'both') {
  results.push(...(await runSqlite()));
}
if (values.db === 'postgres' || values.db === 'both') {
  results.push(...(await runPostgres()));
}
const lines = [
  `Case list, ${personCount.toLocaleString('en')} persons, ${caseCount.toLocaleString('en')} cases, ${runs} runs each, page size 50, scope 141102`,
  '',
  ...latencyTable(results),
];
process.stdout.write(`${lines.join('\n')}\n`);
