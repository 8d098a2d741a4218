// A 100k-row case line list streamed to .xlsx (SQLite).
//   node --import tsx bench/export.bench.ts [--rows 100000]
import fs from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openSqlite } from '../src/server/db/connect.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { loadDemo } from '../src/server/demo/demo.ts';
import { queueExport, runExport } from '../src/server/exports/exports.service.ts';
import { measure } from './timing.ts';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' } } });
const rows = Number(values.rows);
const dataDir = fs.mkdtempSync(path.join(tmpdir(), 'saolei-export-bench-'));
const db = openSqlite(path.join(dataDir, 'saolei.db'));
try {
  await migrateToLatest(db);
  await loadDemo(db);
  const series = `(with recursive r(i) as (select 1 union all select i + 1 from r where i < ${rows}) select i from r) as s`;
  const at = "'2020-02-01T00:00:00.000Z'";
  const o = Number((await db.kysely.selectFrom('outbreaks').select('id').executeTakeFirstOrThrow()).id);
  const p0 = Number(
    (
      await db.kysely
        .selectFrom('persons')
        .select((eb) => eb.fn.max('id').as('m'))
        .executeTakeFirstOrThrow()
    ).m ?? 0,
  );
  await sql
    .raw(
      `insert into persons (id, name, sex, birth_date, document_type, document_number, phone, current_address, division_code, created_at, updated_at, version, archived)
       select ${p0} + i, '导出测试' || i, 'female', '1980-01-01', 'resident_id', '1411021980' || substr('00000000' || i, -8, 8), '139' || substr('00000000' || i, -8, 8),
         '离石区某小区' || i || '号', '141102001001', ${at}, ${at}, 1, 0 from ${series}`,
    )
    .execute(db.kysely);
  await sql
    .raw(
      `insert into cases (case_number, person_id, outbreak_id, division_code, received_at, reporting_institution, discovery_route,
         classification, onset_date, onset_approximate, imported, import_related, status, created_at, updated_at, version, archived)
       select 'X-' || i, ${p0} + i, ${o}, '141102001001', ${at}, '医院', 'clinic_visit', 'confirmed', '2020-01-30', 0, 0, 0,
         'in_hospital', ${at}, ${at}, 1, 0 from ${series}`,
    )
    .execute(db.kysely);
  const actor = { userId: 1, username: 'bench', role: 'lead' as const, scope: '141102', ip: null };
  const lines: string[] = [
    `export bench: ${rows} case rows; load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
    '',
    '| export | rows | wall ms | cpu ms | file MB |',
    '|---|---|---|---|---|',
  ];
  for (const masked of [false, true]) {
    const view = await db.kysely.transaction().execute((trx) =>
      queueExport(trx, masked ? { ...actor, role: 'commander' } : actor, {
        kind: 'cases',
        columns: [
          'caseNumber',
          'name',
          'sex',
          'documentNumber',
          'phone',
          'address',
          'classification',
          'onsetDate',
          'receivedAt',
        ],
      }),
    );
    const sample = await measure(() => runExport(db, { dataDir, timeZone: 'Asia/Shanghai' }, view.id));
    const row = await db.kysely
      .selectFrom('exports')
      .select(['rows_done', 'file_size', 'status'])
      .where('id', '=', view.id)
      .executeTakeFirstOrThrow();
    lines.push(
      `| ${masked ? 'masked (commander)' : 'unmasked (lead)'} ${row.status} | ${Number(row.rows_done)} | ${Math.round(sample.wall)} | ${Math.round(sample.cpu)} | ${(Number(row.file_size ?? 0) / 1e6).toFixed(1)} |`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  await db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
