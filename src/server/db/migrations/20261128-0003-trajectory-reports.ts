import type { MigrationFn } from '../columns.ts';

/**
 * Trajectory entries with their evidence, and the 流调报告 versions with their submissions. Frozen: change
 * the schema in a new file.
 */
export const up: MigrationFn = async (db, t) => {
  await t
    .idColumn(db.schema.createTable('trajectory_entries'))
    .addColumn('case_id', 'bigint', (c) => c.notNull().references('cases.id'))
    .addColumn('start_at', t.instant, (c) => c.notNull())
    .addColumn('end_at', t.instant, (c) => c.notNull())
    .addColumn('place_name', 'text', (c) => c.notNull())
    // home / residence entries cover the nights between outings when gaps are flagged.
    .addColumn('place_kind', 'text', (c) => c.notNull().defaultTo('other'))
    .addColumn('address', 'text')
    .addColumn('division_code', 'text')
    // The places registry comes later; until then the place is free text.
    .addColumn('place_id', 'bigint')
    .addColumn('activity', 'text')
    .addColumn('transport_kind', 'text')
    .addColumn('vehicle_number', 'text')
    .addColumn('seat', 'text')
    .addColumn('companions', 'text')
    .addColumn('protection', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('archived_reason', 'text')
    .execute();
  await db.schema
    .createIndex('trajectory_entries_case')
    .on('trajectory_entries')
    .columns(['case_id', 'start_at', 'id'])
    .execute();

  await t
    .idColumn(db.schema.createTable('evidence_items'))
    .addColumn('entry_id', 'bigint', (c) => c.notNull().references('trajectory_entries.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('reference', 'text')
    .addColumn('confidence', 'text', (c) => c.notNull())
    .addColumn('attachment_name', 'text')
    .addColumn('attachment_size', 'bigint')
    .addColumn('attachment_type', 'text')
    /** Relative to the data folder, e.g. `attachments/3f…e1.pdf`. */
    .addColumn('attachment_path', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'bigint')
    .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('evidence_items_entry')
    .on('evidence_items')
    .columns(['entry_id', 'id'])
    .execute();

  // The .docx is kept in the database beside its content so that a version, its bytes and the backup of
  // both are one thing (bytea on PostgreSQL; SQLite stores the bytes as a blob).
  await t
    .idColumn(db.schema.createTable('report_versions'))
    .addColumn('case_id', 'bigint', (c) => c.notNull().references('cases.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('author_id', 'bigint')
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('content', t.json, (c) => c.notNull())
    .addColumn('docx', 'bytea', (c) => c.notNull())
    .addColumn('docx_size', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('report_versions_case_number')
    .on('report_versions')
    .columns(['case_id', 'number'])
    .unique()
    .execute();

  await t
    .idColumn(db.schema.createTable('report_submissions'))
    .addColumn('report_version_id', 'bigint', (c) => c.notNull().references('report_versions.id'))
    .addColumn('recipients', t.json, (c) => c.notNull())
    .addColumn('submitted_at', t.instant, (c) => c.notNull())
    .addColumn('submitted_by', 'bigint')
    .addColumn('submitted_by_name', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('report_submissions_version')
    .on('report_submissions')
    .columns(['report_version_id', 'submitted_at'])
    .execute();
};
