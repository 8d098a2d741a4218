import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { ColumnTypes, MigrationFn } from '../columns.ts';

/**
 * The dashboard's counters (docs/decisions/008-dashboard-counters.md): small tables of counts kept by
 * triggers in the same transaction as every write to cases, classification history, contacts,
 * placements and samples, so that no write path can forget them; plus indexes for the counts that are small
 * by nature (results of a day, positive samples, open investigations). The counters are filled from the data at the end,
 * with the same statements as `saolei dashboard rebuild`. Frozen: change it in a new file.
 */

type Ref = 'new' | 'old';
type Bump = (r: Ref, sign: 1 | -1) => string;

const observed = `('placed', 'home_monitoring')`;
/** Contacts without an observation end are keyed on a day no dashboard date reaches. */
export const NO_END = '9999-12-31';

function hourOf(postgres: boolean, column: string): string {
  return postgres ? `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24')` : `substr(${column}, 1, 13)`;
}

function upsert(table: string, keys: string[], select: string): string {
  return (
    `insert into ${table} (${keys.join(', ')}, n) ${select} ` +
    `on conflict (${keys.join(', ')}) do update set n = ${table}.n + excluded.n`
  );
}

const caseHourKeys = ['hour', 'outbreak_id', 'division_code', 'classification'];
const onsetKeys = ['onset_date', 'outbreak_id', 'division_code', 'classification'];
const confirmationKeys = ['hour', 'outbreak_id', 'division_code'];
const contactKeys = ['outbreak_id', 'division_code', 'status', 'observation_end', 'converted', 'direct'];
const observationKeys = ['outbreak_id', 'division_code', 'kind', 'site_id'];
const perCaseKeys = ['outbreak_id', 'division_code', 'k'];
const sampleKeys = ['outbreak_id', 'division_code', 'status', 'planned_date'];

/** Direct contacts of case `id` now (inside an AFTER trigger: the changed row already in or out). */
const directContacts = (id: string) =>
  `(select count(*) from contacts k where k.source_case_id = ${id} and k.source_contact_id is null)`;

function caseBumps(pg: boolean): Bump[] {
  return [
    (r, s) =>
      upsert(
        'dashboard_case_hours',
        caseHourKeys,
        `select ${hourOf(pg, `${r}.received_at`)}, ${r}.outbreak_id, ${r}.division_code, ${r}.classification, ${s} where ${r}.archived = 0`,
      ),
    (r, s) =>
      upsert(
        'dashboard_case_onsets',
        onsetKeys,
        `select ${r}.onset_date, ${r}.outbreak_id, ${r}.division_code, ${r}.classification, ${s} ` +
          `where ${r}.archived = 0 and ${r}.onset_date is not null`,
      ),
    (r, s) =>
      upsert(
        'dashboard_confirmations',
        confirmationKeys,
        `select ${hourOf(pg, 'h.at')}, ${r}.outbreak_id, ${r}.division_code, ${s} * count(*) ` +
          `from case_classification_history h where h.case_id = ${r}.id and h.to_classification = 'confirmed' ` +
          `and ${r}.classification = 'confirmed' and ${r}.archived = 0 group by ${hourOf(pg, 'h.at')}`,
      ),
    (r, s) =>
      upsert(
        'dashboard_contacts_per_case',
        perCaseKeys,
        `select ${r}.outbreak_id, ${r}.division_code, ${directContacts(`${r}.id`)}, ${s} where ${r}.archived = 0`,
      ),
  ];
}

function historyBumps(pg: boolean): Bump[] {
  return [
    (r, s) =>
      upsert(
        'dashboard_confirmations',
        confirmationKeys,
        `select ${hourOf(pg, `${r}.at`)}, c.outbreak_id, c.division_code, ${s} from cases c ` +
          `where c.id = ${r}.case_id and ${r}.to_classification = 'confirmed' and c.classification = 'confirmed' and c.archived = 0`,
      ),
  ];
}

function contactBumps(): Bump[] {
  return [
    (r, s) =>
      upsert(
        'dashboard_contact_counts',
        contactKeys,
        `select ${r}.outbreak_id, ${r}.division_code, ${r}.status, coalesce(${r}.observation_end, '${NO_END}'), ` +
          `case when ${r}.converted_case_id is null then 0 else 1 end, ` +
          `case when ${r}.source_contact_id is null then 1 else 0 end, ${s} where 1 = 1`,
      ),
    (r, s) =>
      upsert(
        'dashboard_observation',
        observationKeys,
        `select ${r}.outbreak_id, ${r}.division_code, p.kind, coalesce(p.site_id, 0), ${s} * count(*) from placements p ` +
          `where p.contact_id = ${r}.id and p.check_out_at is null and ${r}.status in ${observed} ` +
          `group by p.kind, coalesce(p.site_id, 0)`,
      ),
  ];
}

/**
 * A direct contact joining (sign 1) or leaving (sign −1) its source case moves that case from one bucket
 * of the contacts-per-case histogram to the next: after the change the case has `k` direct contacts, and
 * had `k − sign` before.
 */
function perCaseBumps(): Bump[] {
  const move = (r: Ref, s: 1 | -1, at: string, delta: 1 | -1) =>
    upsert(
      'dashboard_contacts_per_case',
      perCaseKeys,
      `select c.outbreak_id, c.division_code, ${at}, ${delta} from cases c ` +
        `where c.id = ${r}.source_case_id and c.archived = 0 and ${r}.source_contact_id is null`,
    );
  return [
    (r, s) => move(r, s, `${directContacts(`${r}.source_case_id`)} - (${s})`, -1),
    (r, s) => move(r, s, directContacts(`${r}.source_case_id`), 1),
  ];
}

function placementBumps(): Bump[] {
  return [
    (r, s) =>
      upsert(
        'dashboard_observation',
        observationKeys,
        `select c.outbreak_id, c.division_code, ${r}.kind, coalesce(${r}.site_id, 0), ${s} from contacts c ` +
          `where c.id = ${r}.contact_id and ${r}.check_out_at is null and c.status in ${observed}`,
      ),
  ];
}

function sampleBumps(): Bump[] {
  return [
    (r, s) =>
      upsert(
        'dashboard_sample_counts',
        sampleKeys,
        `select coalesce(${r}.outbreak_id, 0), ${r}.division_code, ${r}.status, ` +
          `coalesce(${r}.planned_date, '${NO_END}'), ${s} where 1 = 1`,
      ),
  ];
}

type Trigger = { name: string; table: string; columns: string[]; bumps: Bump[]; changed?: string[] };

function triggers(pg: boolean): Trigger[] {
  return [
    {
      name: 'dashboard_cases',
      table: 'cases',
      columns: ['outbreak_id', 'division_code', 'classification', 'received_at', 'onset_date', 'archived'],
      bumps: caseBumps(pg),
    },
    {
      name: 'dashboard_history',
      table: 'case_classification_history',
      columns: ['case_id', 'to_classification', 'at'],
      bumps: historyBumps(pg),
    },
    {
      name: 'dashboard_contacts',
      table: 'contacts',
      columns: [
        'outbreak_id',
        'division_code',
        'status',
        'observation_end',
        'converted_case_id',
        'source_contact_id',
      ],
      bumps: contactBumps(),
    },
    {
      // Only when the contact moves between cases: its counts above must not run for other updates.
      name: 'dashboard_contact_sources',
      table: 'contacts',
      columns: ['source_case_id', 'source_contact_id'],
      bumps: perCaseBumps(),
      changed: ['source_case_id', 'source_contact_id'],
    },
    {
      name: 'dashboard_samples',
      table: 'samples',
      columns: ['outbreak_id', 'division_code', 'status', 'planned_date'],
      bumps: sampleBumps(),
    },
    {
      name: 'dashboard_placements',
      table: 'placements',
      columns: ['contact_id', 'kind', 'site_id', 'check_out_at'],
      bumps: placementBumps(),
    },
  ];
}

function sqliteTriggers(t: Trigger): string[] {
  const body = (r: Ref, s: 1 | -1) => t.bumps.map((b) => `${b(r, s)};`).join('\n');
  const when =
    t.changed === undefined ? '' : ` when ${t.changed.map((c) => `old.${c} is not new.${c}`).join(' or ')}`;
  return [
    `create trigger ${t.name}_insert after insert on ${t.table} for each row begin\n${body('new', 1)}\nend`,
    `create trigger ${t.name}_delete after delete on ${t.table} for each row begin\n${body('old', -1)}\nend`,
    `create trigger ${t.name}_update after update of ${t.columns.join(', ')} on ${t.table} for each row${when} begin\n` +
      `${body('old', -1)}\n${body('new', 1)}\nend`,
  ];
}

function postgresTriggers(t: Trigger): string[] {
  const body = (r: Ref, s: 1 | -1) => t.bumps.map((b) => `    ${b(r, s)};`).join('\n');
  const when =
    t.changed === undefined
      ? ''
      : ` when (${t.changed.map((c) => `old.${c} is distinct from new.${c}`).join(' or ')})`;
  const fn = `create function ${t.name}_count() returns trigger language plpgsql as $fn$
begin
  if tg_op in ('UPDATE', 'DELETE') then
${body('old', -1)}
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
${body('new', 1)}
  end if;
  return null;
end
$fn$`;
  const trigger = (suffix: string, events: string, extra: string) =>
    `create trigger ${t.name}_${suffix} after ${events} on ${t.table} for each row${extra} execute function ${t.name}_count()`;
  return [
    fn,
    trigger('insert_delete', 'insert or delete', ''),
    trigger('update', `update of ${t.columns.join(', ')}`, when),
  ];
}

async function createCounterTables(db: Kysely<unknown>, dateType: ColumnTypes['date']): Promise<void> {
  const table = async (name: string, keys: Array<[string, 'text' | 'bigint' | 'integer' | 'date']>) => {
    let builder = db.schema.createTable(name);
    for (const [column, type] of keys) {
      builder = builder.addColumn(column, type === 'date' ? dateType : type, (c) => c.notNull());
    }
    await builder.addColumn('n', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
    // The key the triggers' upserts conflict on.
    await db.schema
      .createIndex(`${name}_key`)
      .on(name)
      .columns(keys.map(([column]) => column))
      .unique()
      .execute();
  };
  await table('dashboard_case_hours', [
    ['hour', 'text'],
    ['outbreak_id', 'bigint'],
    ['division_code', 'text'],
    ['classification', 'text'],
  ]);
  await table('dashboard_case_onsets', [
    ['onset_date', 'date'],
    ['outbreak_id', 'bigint'],
    ['division_code', 'text'],
    ['classification', 'text'],
  ]);
  await table('dashboard_confirmations', [
    ['hour', 'text'],
    ['outbreak_id', 'bigint'],
    ['division_code', 'text'],
  ]);
  await table('dashboard_contact_counts', [
    ['outbreak_id', 'bigint'],
    ['division_code', 'text'],
    ['status', 'text'],
    ['observation_end', 'date'],
    ['converted', 'integer'],
    ['direct', 'integer'],
  ]);
  await table('dashboard_observation', [
    ['outbreak_id', 'bigint'],
    ['division_code', 'text'],
    ['kind', 'text'],
    ['site_id', 'bigint'],
  ]);
  await table('dashboard_sample_counts', [
    ['outbreak_id', 'bigint'],
    ['division_code', 'text'],
    ['status', 'text'],
    ['planned_date', 'date'],
  ]);
  await table('dashboard_contacts_per_case', [
    ['outbreak_id', 'bigint'],
    ['division_code', 'text'],
    ['k', 'integer'],
  ]);
}

export const up: MigrationFn = async (db, t) => {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await createCounterTables(db, t.date);
  for (const trigger of triggers(pg)) {
    for (const statement of pg ? postgresTriggers(trigger) : sqliteTriggers(trigger)) {
      await sql.raw(statement).execute(db);
    }
  }

  // Counts that stay small by nature (a day's results, positives, open investigations): indexes.
  await db.schema
    .createIndex('samples_positive')
    .on('samples')
    .columns(['division_code', 'outbreak_id'])
    .where(sql.ref('result'), '=', 'positive')
    .execute();
  await db.schema
    .createIndex('samples_tested')
    .on('samples')
    .columns(['tested_at', 'division_code', 'outbreak_id'])
    .execute();
  await db.schema
    .createIndex('investigations_open')
    .on('investigations')
    .column('case_id')
    .where(sql.ref('state'), '!=', 'submitted')
    .execute();

  for (const statement of rebuildStatements(pg)) {
    await sql.raw(statement).execute(db);
  }
};

/** Every counter recomputed from the data: what the triggers would have produced row by row. */
export function rebuildStatements(pg: boolean): string[] {
  const fill = (table: string, keys: string[], select: string) =>
    `insert into ${table} (${keys.join(', ')}, n) ${select}`;
  return [
    'delete from dashboard_case_hours',
    'delete from dashboard_case_onsets',
    'delete from dashboard_confirmations',
    'delete from dashboard_contact_counts',
    'delete from dashboard_observation',
    'delete from dashboard_contacts_per_case',
    'delete from dashboard_sample_counts',
    fill(
      'dashboard_case_hours',
      caseHourKeys,
      `select ${hourOf(pg, 'received_at')}, outbreak_id, division_code, classification, count(*) from cases ` +
        `where archived = 0 group by ${hourOf(pg, 'received_at')}, outbreak_id, division_code, classification`,
    ),
    fill(
      'dashboard_case_onsets',
      onsetKeys,
      `select onset_date, outbreak_id, division_code, classification, count(*) from cases ` +
        `where archived = 0 and onset_date is not null group by onset_date, outbreak_id, division_code, classification`,
    ),
    fill(
      'dashboard_confirmations',
      confirmationKeys,
      `select ${hourOf(pg, 'h.at')}, c.outbreak_id, c.division_code, count(*) from case_classification_history h ` +
        `join cases c on c.id = h.case_id where h.to_classification = 'confirmed' and c.classification = 'confirmed' ` +
        `and c.archived = 0 group by ${hourOf(pg, 'h.at')}, c.outbreak_id, c.division_code`,
    ),
    fill(
      'dashboard_contact_counts',
      contactKeys,
      `select outbreak_id, division_code, status, coalesce(observation_end, '${NO_END}') as e, ` +
        `case when converted_case_id is null then 0 else 1 end as cv, ` +
        `case when source_contact_id is null then 1 else 0 end as d, count(*) from contacts ` +
        `group by outbreak_id, division_code, status, coalesce(observation_end, '${NO_END}'), ` +
        `case when converted_case_id is null then 0 else 1 end, case when source_contact_id is null then 1 else 0 end`,
    ),
    fill(
      'dashboard_observation',
      observationKeys,
      `select c.outbreak_id, c.division_code, p.kind, coalesce(p.site_id, 0), count(*) from placements p ` +
        `join contacts c on c.id = p.contact_id where p.check_out_at is null and c.status in ${observed} ` +
        `group by c.outbreak_id, c.division_code, p.kind, coalesce(p.site_id, 0)`,
    ),
    fill(
      'dashboard_contacts_per_case',
      perCaseKeys,
      `select c.outbreak_id, c.division_code, coalesce(d.k, 0) as k, count(*) from cases c left join ` +
        `(select source_case_id, count(*) as k from contacts where source_contact_id is null group by source_case_id) d ` +
        `on d.source_case_id = c.id where c.archived = 0 group by c.outbreak_id, c.division_code, coalesce(d.k, 0)`,
    ),
    fill(
      'dashboard_sample_counts',
      sampleKeys,
      `select coalesce(outbreak_id, 0), division_code, status, coalesce(planned_date, '${NO_END}'), count(*) ` +
        `from samples group by coalesce(outbreak_id, 0), division_code, status, coalesce(planned_date, '${NO_END}')`,
    ),
  ];
}
