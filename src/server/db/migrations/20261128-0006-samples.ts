import type { MigrationFn } from '../columns.ts';

/**
 * Samples (planned → collected → received → tested), pools, lab results and their imports, the suggestions
 * the lab rules raise, key persons under a sampling plan, and discharges with their follow-up. A contact's
 * planned samples point at the contact_tests row whose test they carry out. Frozen: change it in a new file.
 */
export const up: MigrationFn = async (db, t) => {
  await t
    .idColumn(db.schema.createTable('sample_pools'))
    .addColumn('lab', 'text')
    .addColumn('division_code', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('result', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('tested_at', t.instant)
    .execute();

  await t
    .idColumn(db.schema.createTable('samples'))
    .addColumn('outbreak_id', 'bigint', (c) => c.references('outbreaks.id'))
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'bigint', (c) => c.notNull())
    .addColumn('person_id', 'bigint', (c) => c.notNull().references('persons.id'))
    .addColumn('division_code', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('plan_ref', 'text')
    .addColumn('contact_test_id', 'bigint', (c) => c.references('contact_tests.id'))
    .addColumn('planned_date', t.date)
    .addColumn('window_end', t.date)
    .addColumn('specimen', 'text', (c) => c.notNull())
    .addColumn('replicate', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('label', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('collected_at', t.instant)
    .addColumn('collected_by', 'text')
    .addColumn('lab', 'text')
    .addColumn('received_at', t.instant)
    .addColumn('tested_at', t.instant)
    .addColumn('pool_id', 'bigint', (c) => c.references('sample_pools.id'))
    .addColumn('retest_of_pool_id', 'bigint', (c) => c.references('sample_pools.id'))
    .addColumn('result', 'text')
    .addColumn('task_id', 'bigint', (c) => c.references('tasks.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // The identity of a planned sample: regenerating a plan never plans it twice (manual samples have no date).
  await db.schema
    .createIndex('samples_plan_key')
    .on('samples')
    .columns(['subject_type', 'subject_id', 'planned_date', 'specimen', 'replicate'])
    .unique()
    .execute();
  await db.schema
    .createIndex('samples_day')
    .on('samples')
    .columns(['planned_date', 'status', 'division_code'])
    .execute();
  await db.schema
    .createIndex('samples_person')
    .on('samples')
    .columns(['person_id', 'collected_at'])
    .execute();
  await db.schema.createIndex('samples_pool').on('samples').column('pool_id').execute();
  await db.schema.createIndex('samples_contact_test').on('samples').column('contact_test_id').execute();

  await t
    .idColumn(db.schema.createTable('lab_imports'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mapping', t.json, (c) => c.notNull())
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addColumn('imported', 'integer', (c) => c.notNull())
    .addColumn('bad_rows', t.json, (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();

  await t
    .idColumn(db.schema.createTable('lab_results'))
    .addColumn('sample_id', 'bigint', (c) => c.references('samples.id'))
    .addColumn('pool_id', 'bigint', (c) => c.references('sample_pools.id'))
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('ct', t.real)
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('tested_at', t.instant, (c) => c.notNull())
    .addColumn('lab', 'text')
    .addColumn('import_id', 'bigint', (c) => c.references('lab_imports.id'))
    .addColumn('entered_by', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('lab_results_sample').on('lab_results').column('sample_id').execute();
  await db.schema.createIndex('lab_results_pool').on('lab_results').column('pool_id').execute();

  await t
    .idColumn(db.schema.createTable('lab_suggestions'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'bigint', (c) => c.notNull())
    .addColumn('division_code', 'text', (c) => c.notNull())
    .addColumn('rests_on', t.json, (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('decided_at', t.instant)
    .addColumn('decided_by', 'text')
    .addColumn('note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('lab_suggestions_subject')
    .on('lab_suggestions')
    .columns(['subject_type', 'subject_id', 'kind', 'status'])
    .execute();
  await db.schema
    .createIndex('lab_suggestions_status')
    .on('lab_suggestions')
    .columns(['status', 'id'])
    .execute();

  await t
    .idColumn(db.schema.createTable('key_persons'))
    .addColumn('person_id', 'bigint', (c) => c.notNull().references('persons.id'))
    .addColumn('outbreak_id', 'bigint', (c) => c.notNull().references('outbreaks.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('arrived_at', t.instant, (c) => c.notNull())
    .addColumn('division_code', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await t
    .idColumn(db.schema.createTable('case_discharges'))
    .addColumn('case_id', 'bigint', (c) => c.notNull().references('cases.id').unique())
    .addColumn('discharge_date', t.date, (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
};
