import { likeContains } from '../db/like.ts';
import type { NewPlaceRow, PlaceRow, PlaceUpdate } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';

export const placeColumns = [
  'id',
  'name',
  'type',
  'address',
  'division_code',
  'lat',
  'lng',
  'venue_code',
  'created_at',
  'updated_at',
  'version',
  'archived',
  'archived_reason',
] as const;

/** A place inside a jurisdiction scope, or undefined (fail closed: outside is the same as absent). */
export async function findPlace(db: Executor, id: number, scope: string): Promise<PlaceRow | undefined> {
  return db
    .selectFrom('places')
    .select(placeColumns)
    .where('id', '=', id)
    .where('division_code', 'like', `${scope}%`)
    .executeTakeFirst();
}

export async function findPlaceByVenueCode(db: Executor, venueCode: string): Promise<PlaceRow | undefined> {
  return db.selectFrom('places').select(placeColumns).where('venue_code', '=', venueCode).executeTakeFirst();
}

export async function insertPlace(db: Executor, row: NewPlaceRow): Promise<PlaceRow> {
  return db.insertInto('places').values(row).returning(placeColumns).executeTakeFirstOrThrow();
}

/** Updates a place only if it still has the version the caller read (undefined on a stale write). */
export async function updatePlace(
  db: Executor,
  id: number,
  expectedVersion: number,
  patch: PlaceUpdate,
): Promise<PlaceRow | undefined> {
  return db
    .updateTable('places')
    .set({ ...patch, version: (eb) => eb('version', '+', 1) })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returning(placeColumns)
    .executeTakeFirst();
}

export type PlaceFilter = {
  scope: string;
  type?: string | undefined;
  division?: string | undefined;
  q?: string | undefined;
  archived: 0 | 1;
  after?: { name: string; id: number } | undefined;
  limit: number;
};

/** Places ordered by (name, id), keyset-paged. */
export async function listPlaces(db: Executor, filter: PlaceFilter): Promise<PlaceRow[]> {
  let query = db
    .selectFrom('places')
    .select(placeColumns)
    .where('division_code', 'like', `${filter.scope}%`)
    .where('archived', '=', filter.archived);
  if (filter.type !== undefined) {
    query = query.where('type', '=', filter.type);
  }
  if (filter.division !== undefined) {
    query = query.where('division_code', 'like', `${filter.division}%`);
  }
  if (filter.q !== undefined && filter.q !== '') {
    const q = filter.q;
    query = query.where((eb) =>
      eb.or([likeContains('name', q), likeContains('address', q), likeContains('venue_code', q)]),
    );
  }
  const after = filter.after;
  if (after !== undefined) {
    query = query.where((eb) =>
      eb.or([eb('name', '>', after.name), eb.and([eb('name', '=', after.name), eb('id', '>', after.id)])]),
    );
  }
  return query.orderBy('name').orderBy('id').limit(filter.limit).execute();
}

/** Places by venue code, for the visit store's place dictionary. */
export async function placesWithVenueCodes(db: Executor): Promise<Array<{ id: number; venue_code: string }>> {
  const rows = await db
    .selectFrom('places')
    .select(['id', 'venue_code'])
    .where('venue_code', 'is not', null)
    .execute();
  return rows.flatMap((r) => (r.venue_code === null ? [] : [{ id: Number(r.id), venue_code: r.venue_code }]));
}
