// Samples and lab at district-to-city scale, on SQLite and PostgreSQL:
//   1. the sampling plans of N contacts (covid-ed9, varied exposure days): computed from the preset, then
//      written as planned samples (insert-or-revive by identity), and written again (idempotent: no new rows);
//   2. the day list of one date holding D samples across the villages of 田家会街道;
//   3. a lab CSV of R rows (one result per collected sample, 2 % positive), imported in one transaction.
//   node --import tsx bench/samples.bench.ts [--contacts 500000] [--day 20000] [--rows 100000] [--db sqlite|postgres|both]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sampleCode } from '../src/core/lab/codes.ts';
import { testSamples } from '../src/core/lab/plans.ts';
import { addDays, planFromExposureDay, presetById } from '../src/core/protocols/index.ts';
import { openPostgres, openSqlite, type Db } from '../src/server/db/connect.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import type { NewSampleRow } from '../src/server/db/schema.ts';
import type { RecordActor } from '../src/server/persons/record-actor.ts';
import { buildDayList } from '../src/server/samples/day-list.ts';
import { importLabFile } from '../src/server/samples/lab-import.ts';
import { upsertPlanned } from '../src/server/samples/samples.repository.ts';
import { startCluster } from '../test/setup/pg-cluster.ts';
import { measure, type Sample } from './timing.ts';

const { values } = parseArgs({
  options: {
    contacts: { type: 'string', default: '500000' },
    day: { type: 'string', default: '20000' },
    rows: { type: 'string', default: '100000' },
    db: { type: 'string', default: 'both' },
  },
});
const contacts = Number(values.contacts);
const dayCount = Number(values.day);
const rowCount = Number(values.rows);
const log = (line: string) => process.stderr.write(`${line}\n`);
const TZ = 'Asia/Shanghai';
const DAY = '2022-07-10';
const villages = [
  '141102006001',
  '141102006002',
  '141102006003',
  '141102006004',
  '141102006005',
  '141102006006',
];
const actor: RecordActor = { userId: null, username: 'bench', role: 'sampler', scope: '141102', ip: null };
const preset = presetById('covid-ed9');
if (!preset) {
  throw new Error('covid-ed9 missing');
}

type Row = { db: string; step: string; rows: number; time: Sample };

/** The planned samples of `count` contacts with last exposures spread over 30 days. */
function generatePlans(count: number, personId: number): NewSampleRow[] {
  const at = new Date().toISOString();
  const rows: NewSampleRow[] = [];
  for (let i = 0; i < count; i++) {
    if (!preset) {
      break;
    }
    const plan = planFromExposureDay(preset, 'close', addDays('2022-07-01', i % 30));
    for (const s of testSamples(
      preset,
      'close',
      plan.tests.map((t) => ({ ...t, due: t.date })),
    )) {
      rows.push({
        outbreak_id: null,
        subject_type: 'contact',
        subject_id: i + 1,
        person_id: personId,
        division_code: villages[i % villages.length] ?? '141102006001',
        source: 'contact_test',
        plan_ref: s.ref,
        contact_test_id: null,
        planned_date: s.date,
        window_end: s.windowEnd,
        specimen: s.specimen,
        replicate: s.replicate,
        label: s.label,
        status: 'planned',
        collected_at: null,
        collected_by: null,
        lab: null,
        received_at: null,
        tested_at: null,
        pool_id: null,
        retest_of_pool_id: null,
        result: null,
        task_id: null,
        created_at: at,
        updated_at: at,
        version: 1,
      });
    }
  }
  return rows;
}

async function run(name: string, db: Db): Promise<Row[]> {
  await migrateToLatest(db);
  await db.kysely
    .insertInto('divisions')
    .values(
      villages.map((code, i) => ({
        code,
        name: `村${i + 1}`,
        level: 'village',
        parent_code: null,
        scope: code,
      })),
    )
    .execute();
  const now = new Date().toISOString();
  const person = await db.kysely
    .insertInto('persons')
    .values({
      name: '测试',
      document_type: null,
      document_number: null,
      sex: null,
      birth_date: null,
      phone: '13900000000',
      population_category: null,
      workplace: null,
      current_address: '田家会街道',
      division_code: '141102006001',
      household_address: null,
      ethnicity: null,
      created_at: now,
      updated_at: now,
      version: 1,
      archived: 0,
      archived_reason: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const personId = Number(person.id);
  const rows: Row[] = [];
  let plans: NewSampleRow[] = [];
  rows.push({
    db: name,
    step: `plans of ${contacts} contacts computed (core)`,
    rows: contacts,
    time: await measure(() => {
      plans = generatePlans(contacts, personId);
    }),
  });
  log(`${name}: ${plans.length} planned samples`);
  rows.push({
    db: name,
    step: 'planned samples written',
    rows: plans.length,
    time: await measure(() => db.kysely.transaction().execute((trx) => upsertPlanned(trx, plans))),
  });
  rows.push({
    db: name,
    step: 'planned samples written again (idempotent)',
    rows: plans.length,
    time: await measure(() => db.kysely.transaction().execute((trx) => upsertPlanned(trx, plans))),
  });
  const count = await db.kysely
    .selectFrom('samples')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(count.n) !== plans.length) {
    throw new Error(`idempotence broken: ${String(count.n)} rows for ${plans.length} planned samples`);
  }
  // One sampling day of `dayCount` samples, and `rowCount` collected samples for the lab file.
  const extra = generatePlans(Math.max(dayCount, rowCount), personId).filter((_, i) => i % 6 === 0);
  const dayRows = extra.slice(0, dayCount).map((r, i) => ({
    ...r,
    subject_type: 'person',
    subject_id: 10_000_000 + i,
    planned_date: DAY,
    window_end: DAY,
  }));
  await db.kysely.transaction().execute((trx) => upsertPlanned(trx, dayRows));
  rows.push({
    db: name,
    step: `day list of ${dayCount} samples`,
    rows: dayCount,
    time: await measure(() =>
      db.kysely
        .transaction()
        .execute((trx) => buildDayList(trx, actor, { date: DAY, division: '141102006' })),
    ),
  });
  const collected = Array.from(
    { length: rowCount },
    (_, i) =>
      ({
        ...(extra[i % extra.length] ?? dayRows[0]),
        subject_type: 'person',
        subject_id: 20_000_000 + i,
        planned_date: '2022-07-11',
        window_end: '2022-07-11',
        status: 'collected',
        collected_at: now,
      }) as NewSampleRow,
  );
  await db.kysely.transaction().execute((trx) => upsertPlanned(trx, collected));
  const ids = await db.kysely
    .selectFrom('samples')
    .select('id')
    .where('planned_date', '=', '2022-07-11')
    .where('status', '=', 'collected')
    .orderBy('id')
    .execute();
  const lines = ['code,tested,orf1ab,n'];
  ids.forEach((row, i) => {
    const positive = i % 50 === 0;
    lines.push(
      `${sampleCode(Number(row.id))},2022-07-11 20:00,${positive ? '28.1' : ''},${positive ? '27.4' : ''}`,
    );
  });
  let imported = 0;
  rows.push({
    db: name,
    step: `lab CSV of ${ids.length} rows imported`,
    rows: ids.length,
    time: await measure(async () => {
      const result = await db.kysely
        .transaction()
        .execute((trx) =>
          importLabFile(
            trx,
            actor,
            { name: 'lab.csv', text: lines.join('\n') },
            { code: 'code', testedAt: 'tested', orf1abCt: 'orf1ab', nCt: 'n' },
            TZ,
            'en',
          ),
        );
      imported = result.imported;
    }),
  });
  if (imported !== ids.length) {
    throw new Error(`import lost rows: ${imported} of ${ids.length}`);
  }
  return rows;
}

const results: Row[] = [];
if (values.db === 'sqlite' || values.db === 'both') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saolei-bench-samples-'));
  const db = openSqlite(path.join(dir, 'saolei.db'));
  try {
    results.push(...(await run('SQLite', db)));
  } finally {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
if (values.db === 'postgres' || values.db === 'both') {
  const cluster = await startCluster();
  const db = openPostgres(cluster.url, 4);
  try {
    results.push(...(await run('PostgreSQL', db)));
  } finally {
    await db.close();
    cluster.stop();
  }
}
process.stdout.write('| database | step | rows | wall ms | cpu ms |\n|---|---|---:|---:|---:|\n');
for (const r of results) {
  process.stdout.write(
    `| ${r.db} | ${r.step} | ${r.rows} | ${Math.round(r.time.wall)} | ${Math.round(r.time.cpu)} |\n`,
  );
}
