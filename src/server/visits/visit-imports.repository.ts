import type { VisitImportRow, VisitImportTable } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';
import type { Insertable, Updateable } from 'kysely';

const columns = [
  'id',
  'file_name',
  'status',
  'rows',
  'bad_rows',
  'first_bad_rows',
  'errors_path',
  'bytes',
  'total_bytes',
  'segment',
  'failure',
  'started_at',
  'finished_at',
  'user_id',
  'username',
] as const;

export async function insertImport(db: Executor, row: Insertable<VisitImportTable>): Promise<number> {
  const inserted = await db.insertInto('visit_imports').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(inserted.id);
}

export async function updateImport(
  db: Executor,
  id: number,
  patch: Updateable<VisitImportTable>,
): Promise<void> {
  await db.updateTable('visit_imports').set(patch).where('id', '=', id).execute();
}

export async function findImport(db: Executor, id: number): Promise<VisitImportRow | undefined> {
  return db.selectFrom('visit_imports').select(columns).where('id', '=', id).executeTakeFirst();
}

/** Imports newest first, keyset-paged by id. */
export async function listImports(
  db: Executor,
  beforeId: number | undefined,
  limit: number,
): Promise<VisitImportRow[]> {
  let query = db.selectFrom('visit_imports').select(columns);
  if (beforeId !== undefined) {
    query = query.where('id', '<', beforeId);
  }
  return query.orderBy('id', 'desc').limit(limit).execute();
}

/** Imports still marked running; only called by the holder of the store lock, so none of them is alive. */
export async function runningImports(db: Executor): Promise<number[]> {
  const rows = await db.selectFrom('visit_imports').select('id').where('status', '=', 'running').execute();
  return rows.map((r) => Number(r.id));
}
