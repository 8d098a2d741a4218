import { PostgresAdapter, sql } from 'kysely';
import type { MigrationFn } from '../columns.ts';
import { NO_END } from './20261128-0008-dashboard-counters.ts';

/**
 * Both databases: a partial index for the day list's open sampling windows (see `up`).
 *
 * PostgreSQL: the samples counter (migration 0008) kept by statement-level triggers instead of row-level
 * ones. Row by row, a bulk update of 50k samples upserted the same few counter rows 100k times, each upsert
 * leaving a dead tuple version behind for the next one to step over (29 to 52 s instead of 1 to 2 s). Here each
 * statement sums its +1/−1 per counter key from the transition tables and upserts each key once.
 *
 * PostgreSQL allows transition tables only on a trigger with one event, without an UPDATE column list and
 * without WHEN, so there are three triggers and the update trigger fires on every update of samples; keys
 * whose sum is zero (a result written, a status unchanged) are skipped, so such updates write no counter.
 * INSERT … ON CONFLICT DO UPDATE (planned samples revived) fires the insert trigger with the inserted rows
 * and the update trigger with the updated ones, which is what the counts need.
 *
 * SQLite has no statement-level triggers; its row triggers stay (the same 50k-row update takes 0.5 s there
 * with them). The other counted tables keep their row triggers: their counters read a second table's current
 * state per row (a confirmation's case, a placement's contact, a case's direct contacts), and no bulk write
 * of them has been measured to suffer.
 */

const keys = ['outbreak_id', 'division_code', 'status', 'planned_date'];
const keyOf = `coalesce(outbreak_id, 0) as outbreak_id, division_code, status, coalesce(planned_date, '${NO_END}') as planned_date`;

/** One upsert per key of the statement's rows; `rows` yields the key columns and a signed `d`. */
function upsertSums(rows: string): string {
  return (
    `insert into dashboard_sample_counts (${keys.join(', ')}, n) ` +
    `select ${keys.join(', ')}, sum(d) from (${rows}) r group by ${keys.join(', ')} having sum(d) <> 0 ` +
    `on conflict (${keys.join(', ')}) do update set n = dashboard_sample_counts.n + excluded.n`
  );
}

function statementTrigger(event: 'insert' | 'update' | 'delete'): string[] {
  const name = `dashboard_samples_${event}_rows`;
  const rows = {
    insert: `select ${keyOf}, 1 as d from new_rows`,
    delete: `select ${keyOf}, -1 as d from old_rows`,
    update: `select ${keyOf}, -1 as d from old_rows union all select ${keyOf}, 1 as d from new_rows`,
  }[event];
  const referencing = {
    insert: 'new table as new_rows',
    delete: 'old table as old_rows',
    update: 'old table as old_rows new table as new_rows',
  }[event];
  return [
    `create function ${name}() returns trigger language plpgsql as $fn$
begin
  ${upsertSums(rows)};
  return null;
end
$fn$`,
    `create trigger ${name} after ${event} on samples referencing ${referencing} ` +
      `for each statement execute function ${name}()`,
  ];
}

export const up: MigrationFn = async (db) => {
  // The day list's open windows (planned before the day, window still open): only samples whose window
  // spans more than their first day (discharge follow-up) can be such, and they are few; a contact test's
  // window is its due day. Both databases use a partial index whose condition the query repeats (the
  // status as a literal: SQLite matches a partial index's terms against constants, not parameters); its
  // columns answer the rest of the condition without reading the table.
  await sql
    .raw(
      "create index samples_open_window on samples (planned_date, window_end, division_code) where status = 'planned' and window_end > planned_date",
    )
    .execute(db);
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) {
    return;
  }
  const statements = [
    'drop trigger dashboard_samples_insert_delete on samples',
    'drop trigger dashboard_samples_update on samples',
    'drop function dashboard_samples_count()',
    ...statementTrigger('insert'),
    ...statementTrigger('update'),
    ...statementTrigger('delete'),
  ];
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
};
