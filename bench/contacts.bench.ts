// Contacts under observation at city scale: p50/p95 of the "due today" list (contacts with a planned test due
// today) and of one quarantine site's occupancy board, through the service functions, on SQLite and PostgreSQL.
// The data comes from bench/contacts-gen.ts.
//   node --import tsx bench/contacts.bench.ts [--contacts 500000] [--db sqlite|postgres|both]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { searchContacts } from '../src/server/contacts/contacts-query.ts';
import { openPostgres, openSqlite, type Db } from '../src/server/db/connect.ts';
import type { RecordActor } from '../src/server/persons/record-actor.ts';
import { occupancyBoard } from '../src/server/quarantine/sites.service.ts';
import { startCluster } from '../test/setup/pg-cluster.ts';
import { firstId, seedContacts, TZ, type Sizes } from './contacts-gen.ts';
import { latency, latencyTable, type LatencyRow } from './timing.ts';

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
const log = (line: string) => process.stderr.write(`${line}\n`);
const seedOptions = { contacts: contactCount, seed: Number(values.seed), log };

const actor: RecordActor = { userId: 1, username: 'bench', role: 'tracer', scope: '141102', ip: null };
const settings = { timeZone: TZ, followUpsPerDay: 1 };

async function measureQueries(name: string, db: Db): Promise<LatencyRow[]> {
  const rows: LatencyRow[] = [];
  const add = async (label: string, work: () => Promise<unknown>) => {
    const timing = await latency(work, runs, 10);
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

async function runSqlite(): Promise<{ rows: LatencyRow[]; sizes: Sizes }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saolei-bench-contacts-'));
  const db = openSqlite(path.join(dir, 'saolei.db'));
  try {
    log('SQLite: seeding');
    const sizes = await seedContacts(db, seedOptions);
    return { rows: await measureQueries('SQLite', db), sizes };
  } finally {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function runPostgres(): Promise<{ rows: LatencyRow[]; sizes: Sizes }> {
  const cluster = await startCluster();
  const db = openPostgres(cluster.url, 4);
  try {
    log('PostgreSQL: seeding');
    const sizes = await seedContacts(db, seedOptions);
    return { rows: await measureQueries('PostgreSQL', db), sizes };
  } finally {
    await db.close();
    cluster.stop();
  }
}

const results: LatencyRow[] = [];
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
  ...latencyTable(results),
];
process.stdout.write(`${lines.join('\n')}\n`);
