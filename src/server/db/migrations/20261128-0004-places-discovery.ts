import type { MigrationFn } from '../columns.ts';

/**
 * Places with their measures, the record of visit-log imports and the persons reference, and discovery
 * runs with their candidates. The visit rows themselves live in the columnar store under the data folder
 * (docs/decisions/005-visit-store.md), not in these tables. Frozen: change the schema in a new file.
 */
export const up: MigrationFn = async (db, t) => {
  await t
    .idColumn(db.schema.createTable('places'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('division_code', 'text', (c) => c.notNull())
    .addColumn('lat', t.real)
    .addColumn('lng', t.real)
    // The id the visit logs use (场所码); unique when present (NULLs never collide in a unique index).
    .addColumn('venue_code', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('archived_reason', 'text')
    .execute();
  await db.schema.createIndex('places_venue_code').unique().on('places').column('venue_code').execute();
  await db.schema
    .createIndex('places_division')
    .on('places')
    .columns(['division_code', 'name', 'id'])
    .execute();
  await db.schema
    .createIndex('trajectory_entries_place')
    .on('trajectory_entries')
    .column('place_id')
    .execute();

  await t
    .idColumn(db.schema.createTable('place_measures'))
    .addColumn('place_id', 'bigint', (c) => c.notNull().references('places.id'))
    // suspension | disinfection
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('case_id', 'bigint', (c) => c.references('cases.id'))
    .addColumn('reason', 'text')
    .addColumn('recommended_at', t.instant)
    .addColumn('recommended_by', 'text')
    .addColumn('approved_at', t.instant)
    .addColumn('approved_by', 'text')
    .addColumn('starts_on', t.date)
    .addColumn('lifted_on', t.date)
    .addColumn('scope', 'text')
    .addColumn('agent', 'text')
    .addColumn('concentration', 'text')
    .addColumn('performed_at', t.instant)
    .addColumn('operator', 'text')
    .addColumn('evaluation', 'text')
    .addColumn('task_id', 'bigint')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('place_measures_place')
    .on('place_measures')
    .columns(['place_id', 'id'])
    .execute();

  await t
    .idColumn(db.schema.createTable('visit_imports'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    // running | done | failed
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('rows', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('bad_rows', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('first_bad_rows', t.json, (c) => c.notNull())
    .addColumn('errors_path', 'text')
    .addColumn('bytes', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('total_bytes', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('segment', 'text')
    .addColumn('failure', 'text')
    .addColumn('started_at', t.instant, (c) => c.notNull())
    .addColumn('finished_at', t.instant)
    .addColumn('user_id', 'bigint')
    .addColumn('username', 'text')
    .execute();

  await t
    .idColumn(db.schema.createTable('visit_person_refs'))
    .addColumn('external_id', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text')
    .addColumn('document_type', 'text')
    .addColumn('document_number', 'text')
    .addColumn('phone', 'text')
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('visit_person_refs_document')
    .on('visit_person_refs')
    .column('document_number')
    .execute();
  await db.schema.createIndex('visit_person_refs_phone').on('visit_person_refs').column('phone').execute();

  await t
    .idColumn(db.schema.createTable('discovery_runs'))
    .addColumn('outbreak_id', 'bigint', (c) => c.notNull().references('outbreaks.id'))
    .addColumn('params', t.json, (c) => c.notNull())
    .addColumn('started_at', t.instant, (c) => c.notNull())
    .addColumn('finished_at', t.instant)
    .addColumn('case_visits', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('visits_scanned', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('candidates', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('companions', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('user_id', 'bigint')
    .addColumn('username', 'text')
    .execute();
  await db.schema
    .createIndex('discovery_runs_outbreak')
    .on('discovery_runs')
    .columns(['outbreak_id', 'id'])
    .execute();

  await t
    .idColumn(db.schema.createTable('discovery_candidates'))
    .addColumn('run_id', 'bigint', (c) => c.notNull().references('discovery_runs.id'))
    // contact (same place) | companion (same grid cell)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('external_person_id', 'text', (c) => c.notNull())
    .addColumn('person_ref_id', 'bigint')
    .addColumn('case_id', 'bigint', (c) => c.notNull().references('cases.id'))
    .addColumn('place_id', 'bigint')
    .addColumn('cell', 'text')
    .addColumn('overlap_seconds', t.real, (c) => c.notNull())
    .addColumn('first_at', t.instant, (c) => c.notNull())
    .addColumn('last_at', t.instant, (c) => c.notNull())
    // pending | confirmed | dismissed
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('contact_id', 'bigint')
    .addColumn('decided_at', t.instant)
    .addColumn('decided_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('discovery_candidates_run')
    .on('discovery_candidates')
    .columns(['run_id', 'id'])
    .execute();
};
