import type { MigrationFn } from '../columns.ts';

/**
 * Contacts with their exposures, planned tests, phone-tracing log; quarantine sites, rooms and placements;
 * daily follow-ups and the alerts they raise. Frozen: change the schema in a new file.
 */
export const up: MigrationFn = async (db, t) => {
  await t
    .idColumn(db.schema.createTable('contacts'))
    .addColumn('person_id', 'bigint', (c) => c.notNull().references('persons.id'))
    .addColumn('outbreak_id', 'bigint', (c) => c.notNull().references('outbreaks.id'))
    .addColumn('source_case_id', 'bigint', (c) => c.notNull().references('cases.id'))
    .addColumn('source_contact_id', 'bigint', (c) => c.references('contacts.id'))
    .addColumn('classification', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('division_code', 'text', (c) => c.notNull())
    .addColumn('last_exposure_at', t.instant, (c) => c.notNull())
    .addColumn('observation_end', t.date)
    .addColumn('plan', t.json, (c) => c.notNull())
    .addColumn('placed_on', t.date)
    .addColumn('notified_at', t.instant)
    .addColumn('released_on', t.date)
    .addColumn('release_reason', 'text')
    .addColumn('lost_reason', 'text')
    .addColumn('converted_case_id', 'bigint', (c) => c.references('cases.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('contacts_source_case')
    .on('contacts')
    .columns(['source_case_id', 'id'])
    .execute();
  await db.schema
    .createIndex('contacts_person')
    .on('contacts')
    .columns(['person_id', 'outbreak_id'])
    .execute();
  await db.schema.createIndex('contacts_status').on('contacts').columns(['status', 'id']).execute();
  await db.schema.createIndex('contacts_division').on('contacts').columns(['division_code', 'id']).execute();
  await db.schema
    .createIndex('contacts_release_due')
    .on('contacts')
    .columns(['status', 'observation_end', 'id'])
    .execute();
  await db.schema.createIndex('contacts_source_contact').on('contacts').column('source_contact_id').execute();

  await t
    .idColumn(db.schema.createTable('exposures'))
    .addColumn('contact_id', 'bigint', (c) => c.notNull().references('contacts.id'))
    .addColumn('source_case_id', 'bigint', (c) => c.references('cases.id'))
    .addColumn('source_contact_id', 'bigint', (c) => c.references('contacts.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('setting', 'text')
    .addColumn('first_at', t.instant, (c) => c.notNull())
    .addColumn('last_at', t.instant, (c) => c.notNull())
    .addColumn('proximity', 'text')
    .addColumn('duration_minutes', 'integer')
    .addColumn('place_text', 'text')
    .addColumn('place_id', 'bigint')
    .addColumn('vehicle', 'text')
    .addColumn('seat', 'text')
    .addColumn('outside_window', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'bigint')
    .execute();
  await db.schema
    .createIndex('exposures_contact')
    .on('exposures')
    .columns(['contact_id', 'last_at'])
    .execute();
  await db.schema.createIndex('exposures_source_case').on('exposures').column('source_case_id').execute();

  // One row per planned NAT test; the task is the sampler's work item, this row is the plan's identity.
  await t
    .idColumn(db.schema.createTable('contact_tests'))
    .addColumn('contact_id', 'bigint', (c) => c.notNull().references('contacts.id'))
    .addColumn('task_id', 'bigint', (c) => c.notNull().references('tasks.id'))
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('day_of_phase', 'integer', (c) => c.notNull())
    .addColumn('planned_date', t.date, (c) => c.notNull())
    .addColumn('due_date', t.date, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('result', 'text')
    .addColumn('done_at', t.instant)
    .addColumn('division_code', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('contact_tests_due')
    .on('contact_tests')
    .columns(['due_date', 'status', 'contact_id'])
    .execute();
  await db.schema
    .createIndex('contact_tests_contact')
    .on('contact_tests')
    .columns(['contact_id', 'status'])
    .execute();

  await t
    .idColumn(db.schema.createTable('tracing_attempts'))
    .addColumn('contact_id', 'bigint', (c) => c.notNull().references('contacts.id'))
    .addColumn('at', t.instant, (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('user_id', 'bigint')
    .addColumn('username', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('tracing_attempts_contact')
    .on('tracing_attempts')
    .columns(['contact_id', 'at'])
    .execute();

  await t
    .idColumn(db.schema.createTable('quarantine_sites'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('division_code', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('occupied', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('manager', 'text')
    .addColumn('phone', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('quarantine_sites_name')
    .on('quarantine_sites')
    .column('name')
    .unique()
    .execute();

  await t
    .idColumn(db.schema.createTable('quarantine_rooms'))
    .addColumn('site_id', 'bigint', (c) => c.notNull().references('quarantine_sites.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('beds', 'integer', (c) => c.notNull())
    .addColumn('occupied', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('quarantine_rooms_number')
    .on('quarantine_rooms')
    .columns(['site_id', 'number'])
    .unique()
    .execute();

  await t
    .idColumn(db.schema.createTable('placements'))
    .addColumn('contact_id', 'bigint', (c) => c.notNull().references('contacts.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('site_id', 'bigint', (c) => c.references('quarantine_sites.id'))
    .addColumn('room_id', 'bigint', (c) => c.references('quarantine_rooms.id'))
    .addColumn('address', 'text')
    .addColumn('division_code', 'text', (c) => c.notNull())
    .addColumn('check_in_at', t.instant, (c) => c.notNull())
    .addColumn('planned_end', t.date)
    .addColumn('check_out_at', t.instant)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('placements_contact')
    .on('placements')
    .columns(['contact_id', 'check_in_at'])
    .execute();
  await db.schema
    .createIndex('placements_site_open')
    .on('placements')
    .columns(['site_id', 'check_out_at', 'room_id'])
    .execute();

  await t
    .idColumn(db.schema.createTable('follow_ups'))
    .addColumn('contact_id', 'bigint', (c) => c.notNull().references('contacts.id'))
    .addColumn('at', t.instant, (c) => c.notNull())
    .addColumn('day', t.date, (c) => c.notNull())
    .addColumn('temperature', t.real, (c) => c.notNull())
    .addColumn('symptoms', t.json, (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('user_id', 'bigint')
    .addColumn('username', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('follow_ups_contact').on('follow_ups').columns(['contact_id', 'day']).execute();

  await t
    .idColumn(db.schema.createTable('alerts'))
    .addColumn('contact_id', 'bigint', (c) => c.notNull().references('contacts.id'))
    .addColumn('follow_up_id', 'bigint', (c) => c.references('follow_ups.id'))
    .addColumn('reasons', t.json, (c) => c.notNull())
    .addColumn('suggestion', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('division_code', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('acknowledged_at', t.instant)
    .addColumn('acknowledged_by', 'text')
    .addColumn('closed_at', t.instant)
    .addColumn('closed_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('alerts_status').on('alerts').columns(['status', 'id']).execute();
  await db.schema.createIndex('alerts_contact').on('alerts').column('contact_id').execute();
};
