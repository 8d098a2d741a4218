// The command dashboard over a city-sized outbreak (100k cases, 1M contacts, 500k samples) on SQLite and
// PostgreSQL: p50/p95 from the counters (migration 0008) and, in the same run, from a recount of the records
// (the queries the dashboard ran before the counters); the two results must be equal.
//   node --import tsx bench/dashboard.bench.ts [--cases 100000] [--contacts 1000000] [--runs 20]
//     [--recount-runs 3] [--pg] [--skip-sqlite]
import fs from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openPostgres, openSqlite, type Db } from '../src/server/db/connect.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { loadDemo } from '../src/server/demo/demo.ts';
import { rebuildDashboardCounters } from '../src/server/dashboard/dashboard-counters.ts';
import { dashboardOf, type DashboardSource } from '../src/server/dashboard/dashboard.service.ts';
import { startCluster } from '../test/setup/pg-cluster.ts';
import { profileQueries } from './dashboard-profile.ts';
import { measure, type Sample } from './timing.ts';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '100000' },
    contacts: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '20' },
    'recount-runs': { type: 'string', default: '3' },
    pg: { type: 'boolean', default: false },
    'skip-sqlite': { type: 'boolean', default: false },
  },
});
const cases = Number(values.cases);
const contacts = Number(values.contacts);
const runs = Number(values.runs);
const recountRuns = Number(values['recount-runs']);

/** Rows 1..n generated inside the database: one statement per table, no round trips per row. */
function series(db: Db, n: number): string {
  return db.dialect === 'postgres'
    ? `generate_series(1::bigint, ${n}) as s(i)`
    : `(with recursive r(i) as (select 1 union all select i + 1 from r where i < ${n}) select i from r) as s`;
}

function instant(db: Db, dayExpr: string, secondExpr: string): string {
  return db.dialect === 'postgres'
    ? `(timestamptz '2020-01-10T00:00:00Z' + (${dayExpr}) * interval '1 day' + (${secondExpr}) * interval '1 second')`
    : `strftime('%Y-%m-%dT%H:%M:%fZ', '2020-01-10', '+' || (${dayExpr}) || ' days', '+' || (${secondExpr}) || ' seconds')`;
}

function day(db: Db, dayExpr: string): string {
  return db.dialect === 'postgres'
    ? `(date '2020-01-10' + (${dayExpr})::int)`
    : `date('2020-01-10', '+' || (${dayExpr}) || ' days')`;
}

const street = (i: string) =>
  `'141102' || substr('001002003004005006100101102103104', cast(1 + 3 * (${i} % 11) as integer), 3) || '001'`;

async function fill(db: Db): Promise<number> {
  const k = db.kysely;
  const run = (text: string) => sql.raw(text).execute(k);
  const at = "'2020-02-01T00:00:00.000Z'";
  // PostgreSQL's per-row plpgsql triggers would take minutes over a million rows: seed with them off and
  // rebuild the counters afterwards. SQLite cannot switch triggers off; its seeding pays them.
  const counted = ['cases', 'case_classification_history', 'contacts', 'placements', 'samples'];
  if (db.dialect === 'postgres') {
    for (const table of counted) {
      await run(`alter table ${table} disable trigger user`);
    }
  }
  const outbreak = await k.selectFrom('outbreaks').select('id').executeTakeFirstOrThrow();
  const o = Number(outbreak.id);
  const base = await k
    .selectFrom('persons')
    .select((eb) => eb.fn.max('id').as('m'))
    .executeTakeFirstOrThrow();
  const p0 = Number(base.m ?? 0);
  const c0 = Number(
    (
      await k
        .selectFrom('cases')
        .select((eb) => eb.fn.max('id').as('m'))
        .executeTakeFirstOrThrow()
    ).m ?? 0,
  );
  await run(`insert into persons (id, name, sex, birth_date, phone, division_code, created_at, updated_at, version, archived)
    select ${p0} + i, '测试' || i, 'female', '1980-01-01', '13900000000', ${street('i')}, ${at}, ${at}, 1, 0 from ${series(db, cases)}`);
  await run(`insert into cases (id, case_number, person_id, outbreak_id, division_code, received_at, reporting_institution,
      discovery_route, classification, onset_date, onset_approximate, imported, import_related, status, created_at, updated_at, version, archived)
    select ${c0} + i, 'B-' || i, ${p0} + i, ${o}, ${street('i')}, ${instant(db, 'i % 60', 'i % 86400')}, '医院', 'clinic_visit',
      case when i % 10 < 7 then 'confirmed' when i % 10 < 9 then 'suspected' else 'asymptomatic' end,
      ${day(db, '(i % 60) - 2')}, 0, 0, 0, 'in_hospital', ${at}, ${at}, 1, 0 from ${series(db, cases)}`);
  await run(`insert into case_classification_history (case_id, at, username, from_classification, to_classification, reason, evidence)
    select ${c0} + i, ${instant(db, 'i % 60', '(i % 86400) + 3600')}, 'bench', 'suspected', 'confirmed', '核酸阳性', '[]'
    from ${series(db, cases)} where i % 10 < 7`);
  await run(`insert into investigations (case_id, state, team, form, created_at, updated_at, version, dispatched_at, core_info_at)
    select ${c0} + i, case when i % 50 = 0 then 'investigating' else 'submitted' end, '[]', '{}', ${at}, ${at}, 1, ${at}, ${at}
    from ${series(db, cases)}`);
  const k0 = Number(
    (
      await k
        .selectFrom('contacts')
        .select((eb) => eb.fn.max('id').as('m'))
        .executeTakeFirstOrThrow()
    ).m ?? 0,
  );
  await run(`insert into contacts (id, person_id, outbreak_id, source_case_id, classification, status, division_code, last_exposure_at,
      observation_end, plan, converted_case_id, created_at, updated_at, version)
    select ${k0} + i, ${p0} + 1 + (i % ${cases}), ${o}, ${c0} + 1 + ((i * 7919) % ${cases}), 'close',
      case when i % 20 = 0 then 'converted' when i % 4 = 0 then 'placed' when i % 4 = 1 then 'home_monitoring' else 'released' end,
      ${street('i')}, ${instant(db, 'i % 60', 'i % 86400')}, ${day(db, '(i % 60) + 14')}, '[]',
      case when i % 20 = 0 then ${c0} + 1 + (i % ${cases}) else null end, ${at}, ${at}, 1
    from ${series(db, contacts)}`);
  const site = await k
    .insertInto('quarantine_sites')
    .values({
      name: `基准隔离点${Date.now()}`,
      address: '离石区',
      division_code: '141102001000',
      capacity: 100000,
      occupied: 0,
      manager: null,
      phone: null,
      created_at: '2020-02-01T00:00:00.000Z',
      updated_at: '2020-02-01T00:00:00.000Z',
      version: 1,
      archived: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await run(`insert into placements (contact_id, kind, site_id, division_code, check_in_at, created_at, version)
    select ${k0} + i, case when i % 4 = 0 then 'centralized' else 'home' end, case when i % 4 = 0 then ${Number(site.id)} else null end,
      ${street('i')}, ${at}, ${at}, 1 from ${series(db, contacts)} where i % 4 < 2`);
  const task = await k
    .insertInto('tasks')
    .values({
      type: 'contact_test',
      subject_type: 'contact',
      subject_id: k0 + 1,
      title: '核酸检测',
      assignee_id: null,
      division_code: '141102001001',
      due_at: '2020-02-01T10:00:00.000Z',
      status: 'open',
      priority: 'normal',
      created_at: '2020-02-01T00:00:00.000Z',
      updated_at: '2020-02-01T00:00:00.000Z',
      closed_at: null,
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await run(`insert into contact_tests (contact_id, task_id, phase, day_of_phase, planned_date, due_date, status, result, done_at, division_code)
    select ${k0} + i, ${Number(task.id)}, 'quarantine', 1, ${day(db, 'i % 60')}, ${day(db, 'i % 60')},
      case when i % 3 = 0 then 'pending' else 'done' end, case when i % 3 = 0 then null when i % 97 = 0 then 'positive' else 'negative' end,
      case when i % 3 = 0 then null else ${instant(db, 'i % 60', '36000')} end, ${street('i')}
    from ${series(db, contacts)} where i % 2 = 0`);
  await run(`insert into samples (outbreak_id, subject_type, subject_id, person_id, division_code, source, planned_date,
      specimen, replicate, status, collected_at, received_at, tested_at, result, created_at, updated_at, version)
    select ${o}, 'contact', ${k0} + i, ${p0} + 1 + (i % ${cases}), ${street('i')}, 'plan', ${day(db, 'i % 60')}, 'throat_swab', 1,
      case when (i / 2) % 12 < 2 then 'planned' when (i / 2) % 12 < 3 then 'collected' when (i / 2) % 12 < 4 then 'received' else 'tested' end,
      case when (i / 2) % 12 < 2 then null else ${instant(db, 'i % 60', '7200')} end,
      case when (i / 2) % 12 < 3 then null else ${instant(db, 'i % 60', '18000')} end,
      case when (i / 2) % 12 < 4 then null else ${instant(db, 'i % 60', '36000')} end,
      case when (i / 2) % 12 < 4 then null when i % 97 = 0 then 'positive' else 'negative' end, ${at}, ${at}, 1
    from ${series(db, contacts)} where i % 2 = 0`);
  if (db.dialect === 'postgres') {
    for (const table of counted) {
      await run(`alter table ${table} enable trigger user`);
    }
  }
  await run('analyze');
  return o;
}

function p(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

async function bench(name: string, db: Db): Promise<string> {
  await migrateToLatest(db);
  await loadDemo(db);
  const loadStart = performance.now();
  const outbreakId = await fill(db);
  const loadMs = performance.now() - loadStart;
  // The seeding fired the triggers row by row; a rebuild from the records must give the same dashboard.
  const rebuildStart = performance.now();
  await rebuildDashboardCounters(db);
  const rebuildMs = performance.now() - rebuildStart;
  const settings = {
    timeZone: 'Asia/Shanghai',
    slaDispatchMinutes: 15,
    slaCoreInfoHours: 4,
    slaReportHours: 24,
  };
  const actor = { scope: '141102', jurisdictionCode: '141102' };
  const once = (source: DashboardSource) =>
    dashboardOf(
      db.kysely,
      db.dialect,
      actor,
      { date: '2020-02-01', curve: 'onset', outbreakId },
      settings,
      source,
    );
  const timed = async (source: DashboardSource, n: number): Promise<Sample[]> => {
    await once(source);
    const samples: Sample[] = [];
    for (let r = 0; r < n; r++) {
      samples.push(await measure(() => once(source)));
    }
    return samples;
  };
  process.stderr.write(`${name}, per query:\n${await profileQueries(db, outbreakId)}\n`);
  const fast = await timed('counters', runs);
  const slow = await timed('recount', recountRuns);
  const { computedMs: _a, ...fromCounters } = await once('counters');
  const { computedMs: _b, ...fromRecount } = await once('recount');
  if (!isDeepStrictEqual(fromCounters, fromRecount)) {
    throw new Error(
      `${name}: the counters and the recount disagree:\n${JSON.stringify(fromCounters)}\n${JSON.stringify(fromRecount)}`,
    );
  }
  const ms = (xs: number[], q: number) => Math.round(p(xs, q));
  const wall = (xs: Sample[]) => xs.map((x) => x.wall);
  const cpu = (xs: Sample[]) => xs.map((x) => x.cpu);
  const ratio = (p(wall(slow), 0.5) / p(wall(fast), 0.5)).toFixed(0);
  const r = fromCounters;
  return (
    `| ${name} | ${Math.round(loadMs / 1000)} s | ${Math.round(rebuildMs / 1000)} s | ${ms(wall(fast), 0.5)} | ${ms(wall(fast), 0.95)} | ` +
    `${ms(cpu(fast), 0.5)} | ${ms(cpu(fast), 0.95)} | ${ms(wall(slow), 0.5)} | ${ms(wall(slow), 0.95)} | ${ratio}× | ` +
    `${r.newCases.todayTotal} new, ${r.observation.total} observed, ${r.contacts.total} contacts, ${r.samples.awaitingResults} awaiting |`
  );
}

const lines = [
  `dashboard on ${cases} cases / ${contacts} contacts / ${contacts / 2} samples, ${runs} runs (recount ${recountRuns}); load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
  '',
  '| database | fill | rebuild | p50 wall ms | p95 wall ms | p50 cpu ms | p95 cpu ms | recount p50 ms | recount p95 ms | recount / counters | sanity |',
  '|---|---|---|---|---|---|---|---|---|---|---|',
];
const dir = fs.mkdtempSync(path.join(tmpdir(), 'saolei-dash-bench-'));
const lite = openSqlite(path.join(dir, 'bench.db'));
try {
  if (!values['skip-sqlite']) {
    lines.push(await bench('SQLite', lite));
    process.stderr.write(`${lines.at(-1) ?? ''}\n`);
  }
} finally {
  await lite.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
if (values.pg) {
  const cluster = await startCluster();
  const pg = openPostgres(cluster.url);
  try {
    lines.push(await bench('PostgreSQL', pg));
  } finally {
    await pg.close();
    cluster.stop();
  }
}
process.stdout.write(`${lines.join('\n')}\n`);
