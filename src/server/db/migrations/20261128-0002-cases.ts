import type { MigrationFn } from '../columns.ts';

/**
 * Persons, outbreaks, cases with their classification history, investigations and tasks. Frozen: change
 * the schema in a new file.
 */
export const up: MigrationFn = async (db, t) => {
  await t
    .idColumn(db.schema.createTable('persons'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('document_type', 'text')
    .addColumn('document_number', 'text')
    .addColumn('sex', 'text')
    .addColumn('birth_date', t.date)
    .addColumn('phone', 'text')
    .addColumn('population_category', 'text')
    .addColumn('workplace', 'text')
    .addColumn('current_address', 'text')
    .addColumn('division_code', 'text')
    .addColumn('household_address', 'text')
    .addColumn('ethnicity', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('archived_reason', 'text')
    .execute();
  // NULLs are distinct in a unique index on both databases, so persons without a document do not collide.
  await db.schema
    .createIndex('persons_document')
    .on('persons')
    .columns(['document_type', 'document_number'])
    .unique()
    .execute();
  await db.schema.createIndex('persons_name').on('persons').columns(['name', 'id']).execute();
  await db.schema.createIndex('persons_phone').on('persons').column('phone').execute();
  await db.schema.createIndex('persons_division').on('persons').column('division_code').execute();

  await t
    .idColumn(db.schema.createTable('outbreaks'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('disease', 'text', (c) => c.notNull())
    .addColumn('preset_id', 'text', (c) => c.notNull())
    .addColumn('overlay_id', 'text')
    .addColumn('overlay_text', 'text')
    .addColumn('start_date', t.date, (c) => c.notNull())
    .addColumn('division_code', 'text', (c) => c.notNull())
    .addColumn('case_number_mask', 'text', (c) => c.notNull())
    .addColumn('case_counter', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('outbreaks_name').on('outbreaks').column('name').unique().execute();

  await t
    .idColumn(db.schema.createTable('cases'))
    .addColumn('case_number', 'text', (c) => c.notNull().unique())
    .addColumn('person_id', 'bigint', (c) => c.notNull().references('persons.id'))
    .addColumn('outbreak_id', 'bigint', (c) => c.notNull().references('outbreaks.id'))
    .addColumn('division_code', 'text', (c) => c.notNull())
    .addColumn('received_at', t.instant, (c) => c.notNull())
    .addColumn('reporting_institution', 'text', (c) => c.notNull())
    .addColumn('discovery_route', 'text', (c) => c.notNull())
    .addColumn('classification', 'text', (c) => c.notNull())
    .addColumn('severity', 'text')
    .addColumn('onset_date', t.date)
    .addColumn('onset_approximate', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('diagnosed_at', t.instant)
    .addColumn('imported', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('import_related', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('hospital', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('archived_reason', 'text')
    .execute();
  // The list's two sort orders, each with the id tie-breaker the keyset cursor carries.
  await db.schema.createIndex('cases_received').on('cases').columns(['received_at', 'id']).execute();
  await db.schema.createIndex('cases_onset').on('cases').columns(['onset_date', 'id']).execute();
  await db.schema
    .createIndex('cases_classification_received')
    .on('cases')
    .columns(['classification', 'received_at', 'id'])
    .execute();
  await db.schema
    .createIndex('cases_status_received')
    .on('cases')
    .columns(['status', 'received_at', 'id'])
    .execute();
  await db.schema
    .createIndex('cases_division_received')
    .on('cases')
    .columns(['division_code', 'received_at', 'id'])
    .execute();
  await db.schema.createIndex('cases_person').on('cases').column('person_id').execute();
  await db.schema.createIndex('cases_outbreak').on('cases').column('outbreak_id').execute();

  await t
    .idColumn(db.schema.createTable('case_classification_history'))
    .addColumn('case_id', 'bigint', (c) => c.notNull().references('cases.id'))
    .addColumn('at', t.instant, (c) => c.notNull())
    .addColumn('user_id', 'bigint')
    .addColumn('username', 'text')
    .addColumn('from_classification', 'text')
    .addColumn('to_classification', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('evidence', t.json, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('case_classification_history_case')
    .on('case_classification_history')
    .columns(['case_id', 'at'])
    .execute();

  await t
    .idColumn(db.schema.createTable('investigations'))
    .addColumn('case_id', 'bigint', (c) => c.notNull().unique().references('cases.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('team', t.json, (c) => c.notNull())
    .addColumn('lead_user_id', 'bigint', (c) => c.references('users.id'))
    .addColumn('dispatched_at', t.instant)
    .addColumn('arrived_at', t.instant)
    .addColumn('core_info_at', t.instant)
    .addColumn('submitted_at', t.instant)
    .addColumn('form', t.json, (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('investigations_state').on('investigations').column('state').execute();

  await t
    .idColumn(db.schema.createTable('tasks'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'bigint', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('assignee_id', 'bigint', (c) => c.references('users.id'))
    .addColumn('division_code', 'text', (c) => c.notNull())
    .addColumn('due_at', t.instant)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('closed_at', t.instant)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('tasks_status_due').on('tasks').columns(['status', 'due_at', 'id']).execute();
  await db.schema
    .createIndex('tasks_assignee')
    .on('tasks')
    .columns(['assignee_id', 'status', 'due_at'])
    .execute();
  await db.schema.createIndex('tasks_subject').on('tasks').columns(['subject_type', 'subject_id']).execute();
};
