import type { NewPlaceMeasureRow, PlaceMeasureRow, PlaceMeasureUpdate } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';

const columns = [
  'place_measures.id',
  'place_measures.place_id',
  'place_measures.kind',
  'place_measures.status',
  'place_measures.case_id',
  'place_measures.reason',
  'place_measures.recommended_at',
  'place_measures.recommended_by',
  'place_measures.approved_at',
  'place_measures.approved_by',
  'place_measures.starts_on',
  'place_measures.lifted_on',
  'place_measures.scope',
  'place_measures.agent',
  'place_measures.concentration',
  'place_measures.performed_at',
  'place_measures.operator',
  'place_measures.evaluation',
  'place_measures.task_id',
  'place_measures.created_at',
  'place_measures.updated_at',
  'place_measures.version',
] as const;

export async function insertMeasure(db: Executor, row: NewPlaceMeasureRow): Promise<number> {
  const inserted = await db
    .insertInto('place_measures')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(inserted.id);
}

/** A measure whose place is inside the scope. */
export async function findMeasure(
  db: Executor,
  id: number,
  scope: string,
): Promise<PlaceMeasureRow | undefined> {
  return db
    .selectFrom('place_measures')
    .innerJoin('places', 'places.id', 'place_measures.place_id')
    .select(columns)
    .where('place_measures.id', '=', id)
    .where('places.division_code', 'like', `${scope}%`)
    .executeTakeFirst();
}

export async function measuresOfPlaces(
  db: Executor,
  placeIds: readonly number[],
): Promise<PlaceMeasureRow[]> {
  if (placeIds.length === 0) {
    return [];
  }
  return db
    .selectFrom('place_measures')
    .select(columns)
    .where('place_measures.place_id', 'in', [...placeIds])
    .orderBy('place_measures.id')
    .execute();
}

export async function updateMeasure(
  db: Executor,
  id: number,
  expectedVersion: number,
  patch: PlaceMeasureUpdate,
): Promise<boolean> {
  const result = await db
    .updateTable('place_measures')
    .set({ ...patch, version: (eb) => eb('version', '+', 1) })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
