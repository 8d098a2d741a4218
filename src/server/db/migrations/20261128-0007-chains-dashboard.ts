import type { MigrationFn } from '../columns.ts';

/**
 * Cluster names and colours, the 疫情日报 versions with their submissions, and background line-list
 * exports. Frozen: change the schema in a new file.
 */
export const up: MigrationFn = async (db, t) => {
  // Clusters are computed on request; only what users give them is stored, keyed by the cluster's stable
  // key (its index case, e.g. `case:12`), so a name survives the cluster growing.
  await db.schema
    .createTable('clusters')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('colour', 'text', (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await t
    .idColumn(db.schema.createTable('daily_reports'))
    .addColumn('date', t.date, (c) => c.notNull())
    // The jurisdiction the report covers (the author's); numbered per date and jurisdiction.
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('author_id', 'bigint')
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('recommendations', 'text', (c) => c.notNull())
    .addColumn('content', t.json, (c) => c.notNull())
    .addColumn('docx', 'bytea', (c) => c.notNull())
    .addColumn('xlsx', 'bytea', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('daily_reports_date_number')
    .on('daily_reports')
    .columns(['jurisdiction_code', 'date', 'number'])
    .unique()
    .execute();

  await t
    .idColumn(db.schema.createTable('daily_report_submissions'))
    .addColumn('daily_report_id', 'bigint', (c) => c.notNull().references('daily_reports.id'))
    .addColumn('recipients', t.json, (c) => c.notNull())
    .addColumn('submitted_at', t.instant, (c) => c.notNull())
    .addColumn('submitted_by', 'bigint')
    .addColumn('submitted_by_name', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('daily_report_submissions_report')
    .on('daily_report_submissions')
    .column('daily_report_id')
    .execute();

  // Exports run in the background on whichever server took the request; the row is how any server (and
  // the user) sees progress, and the file lives under the data folder.
  await t
    .idColumn(db.schema.createTable('exports'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('columns', t.json, (c) => c.notNull())
    .addColumn('filters', t.json, (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('masked', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('rows_total', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_done', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('file_path', 'text')
    .addColumn('file_size', 'bigint')
    .addColumn('failure', 'text')
    .addColumn('user_id', 'bigint')
    .addColumn('username', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('finished_at', t.instant)
    .execute();
  await db.schema.createIndex('exports_user').on('exports').columns(['user_id', 'id']).execute();

  // The dashboard's counts: confirmations by time, open tasks by due time, contacts by observation end.
  await db.schema
    .createIndex('case_classification_history_to_at')
    .on('case_classification_history')
    .columns(['to_classification', 'at', 'case_id'])
    .execute();
  await db.schema.createIndex('contacts_converted_case').on('contacts').column('converted_case_id').execute();
  await db.schema
    .createIndex('placements_open_kind')
    .on('placements')
    .columns(['check_out_at', 'kind', 'site_id'])
    .execute();
};
