// The command dashboard over a city-sized outbreak (100k cases, 1M contacts) on SQLite and PostgreSQL.
//   node --import tsx bench/dashboard.bench.ts [--cases 100000] [--contacts 1000000] [--runs 20] [--pg]
import fs from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openPostgres, openSqlite, type Db } from '../src/server/db/connect.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { loadDemo } from '../src/server/demo/demo.ts';
import { dashboardOf } from '../src/server/dashboard/dashboard.service.ts';
import { startCluster } from '../test/setup/pg-cluster.ts';
import { measure, type Sample } from './timing.ts';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '100000' },
    contacts: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '20' },
    pg: { type: 'boolean', default: false },
    'skip-sqlite': { type: 'boolean', default: false },
  },
});
const cases = Number(values.cases);
const contacts = Number(values.contacts);
const runs = Number(values.runs);

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
  if (db.dialect === 'postgres') {
    await run('analyze');
  } else {
    await run('analyze');
  }
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
  const settings = {
    timeZone: 'Asia/Shanghai',
    slaDispatchMinutes: 15,
    slaCoreInfoHours: 4,
    slaReportHours: 24,
  };
  const actor = { scope: '141102', jurisdictionCode: '141102' };
  const samples: Sample[] = [];
  const once = () =>
    dashboardOf(db.kysely, db.dialect, actor, { date: '2020-02-01', curve: 'onset', outbreakId }, settings);
  await once();
  for (let r = 0; r < runs; r++) {
    samples.push(await measure(once));
  }
  const report = await once();
  const wall = samples.map((s) => s.wall);
  const cpu = samples.map((s) => s.cpu);
  return `| ${name} | ${Math.round(loadMs / 1000)} s | ${Math.round(p(wall, 0.5))} | ${Math.round(p(wall, 0.95))} | ${Math.round(p(cpu, 0.5))} | ${Math.round(p(cpu, 0.95))} | ${report.newCases.todayTotal} new, ${report.observation.total} observed, ${report.contacts.total} contacts |`;
}

const lines = [
  `dashboard on ${cases} cases / ${contacts} contacts, ${runs} runs; load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
  '',
  '| database | fill | p50 wall ms | p95 wall ms | p50 cpu ms | p95 cpu ms | sanity |',
  '|---|---|---|---|---|---|---|',
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
