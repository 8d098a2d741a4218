import { codesHolding } from '../../core/divisions/scope.ts';
import type { NewOutbreakRow, OutbreakRow, OutbreakUpdate } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';

const columns = [
  'id',
  'name',
  'disease',
  'preset_id',
  'overlay_id',
  'overlay_text',
  'start_date',
  'division_code',
  'case_number_mask',
  'case_counter',
  'created_at',
  'updated_at',
  'version',
  'archived',
  'archived_reason',
] as const;

export async function findOutbreak(db: Executor, id: number): Promise<OutbreakRow | undefined> {
  return db.selectFrom('outbreaks').select(columns).where('id', '=', id).executeTakeFirst();
}

export async function findOutbreakByName(db: Executor, name: string): Promise<OutbreakRow | undefined> {
  return db.selectFrom('outbreaks').select(columns).where('name', '=', name).executeTakeFirst();
}

export async function insertOutbreak(db: Executor, row: NewOutbreakRow): Promise<OutbreakRow> {
  return db.insertInto('outbreaks').values(row).returning(columns).executeTakeFirstOrThrow();
}

export async function updateOutbreak(
  db: Executor,
  id: number,
  expectedVersion: number,
  patch: OutbreakUpdate,
): Promise<OutbreakRow | undefined> {
  return db
    .updateTable('outbreaks')
    .set({ ...patch, version: (eb) => eb('version', '+', 1) })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returning(columns)
    .executeTakeFirst();
}

export type OutbreakFilter = {
  /** The caller's scope: outbreaks declared inside it, or for a division that holds it. */
  scope: string;
  archived: 0 | 1 | undefined;
  /** The sort key of the last row of the previous page. */
  after: { startDate: string; id: number } | undefined;
  limit: number;
};

/** Outbreaks that concern the scope (see `concerns`), newest start first, then newest declared. */
export async function listOutbreaks(db: Executor, filter: OutbreakFilter): Promise<OutbreakRow[]> {
  const { scope, after } = filter;
  let query = db
    .selectFrom('outbreaks')
    .select(columns)
    .where((eb) =>
      eb.or([eb('division_code', 'like', `${scope}%`), eb('division_code', 'in', codesHolding(scope))]),
    );
  if (filter.archived !== undefined) {
    query = query.where('archived', '=', filter.archived);
  }
  if (after !== undefined) {
    query = query.where((eb) =>
      eb.or([
        eb('start_date', '<', after.startDate),
        eb.and([eb('start_date', '=', after.startDate), eb('id', '<', after.id)]),
      ]),
    );
  }
  return query.orderBy('start_date', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
}

/** Takes the next case number's counter value; the row lock serialises concurrent reports. */
export async function nextCaseCounter(db: Executor, id: number): Promise<number> {
  const row = await db
    .updateTable('outbreaks')
    .set({ case_counter: (eb) => eb('case_counter', '+', 1) })
    .where('id', '=', id)
    .returning('case_counter')
    .executeTakeFirstOrThrow();
  return row.case_counter;
}
