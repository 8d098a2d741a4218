import type { PlacementRow } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';

export const placementColumns = [
  'placements.id',
  'placements.contact_id',
  'placements.kind',
  'placements.site_id',
  'placements.room_id',
  'placements.address',
  'placements.division_code',
  'placements.check_in_at',
  'placements.planned_end',
  'placements.check_out_at',
  'placements.created_at',
  'placements.version',
] as const;

export async function openPlacementOf(db: Executor, contactId: number): Promise<PlacementRow | undefined> {
  return db
    .selectFrom('placements')
    .select(placementColumns)
    .where('placements.contact_id', '=', contactId)
    .where('placements.check_out_at', 'is', null)
    .executeTakeFirst();
}

export async function placementsOf(db: Executor, contactId: number): Promise<PlacementRow[]> {
  return db
    .selectFrom('placements')
    .select(placementColumns)
    .where('placements.contact_id', '=', contactId)
    .orderBy('placements.check_in_at')
    .orderBy('placements.id')
    .execute();
}

export async function findPlacement(db: Executor, id: number): Promise<PlacementRow | undefined> {
  return db
    .selectFrom('placements')
    .select(placementColumns)
    .where('placements.id', '=', id)
    .executeTakeFirst();
}

/**
 * Takes one bed: a conditional increment, so that two placements racing for the last bed cannot both
 * succeed on either database. False when the site (or room) is full.
 */
export async function takeBed(
  db: Executor,
  table: 'quarantine_sites' | 'quarantine_rooms',
  id: number,
): Promise<boolean> {
  const limit = table === 'quarantine_sites' ? 'capacity' : 'beds';
  const result = await db
    .updateTable(table)
    .set({ occupied: (eb) => eb('occupied', '+', 1) })
    .where('id', '=', id)
    .where((eb) => eb('occupied', '<', eb.ref(limit)))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

async function freeBed(
  db: Executor,
  table: 'quarantine_sites' | 'quarantine_rooms',
  id: number,
): Promise<void> {
  await db
    .updateTable(table)
    .set({ occupied: (eb) => eb('occupied', '-', 1) })
    .where('id', '=', id)
    .where('occupied', '>', 0)
    .execute();
}

/** Ends a placement and frees its bed; returns the placement it closed, if one was open. */
export async function checkOutPlacement(db: Executor, placement: PlacementRow, at: string): Promise<void> {
  const result = await db
    .updateTable('placements')
    .set({ check_out_at: at, version: (eb) => eb('version', '+', 1) })
    .where('id', '=', placement.id)
    .where('check_out_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    return;
  }
  if (placement.site_id !== null) {
    await freeBed(db, 'quarantine_sites', Number(placement.site_id));
  }
  if (placement.room_id !== null) {
    await freeBed(db, 'quarantine_rooms', Number(placement.room_id));
  }
}

/** Checks the contact out of its open placement, if any (release, conversion, moving to home monitoring). */
export async function checkOutOpenPlacement(
  db: Executor,
  contactId: number,
  at: string,
): Promise<PlacementRow | null> {
  const open = await openPlacementOf(db, contactId);
  if (!open) {
    return null;
  }
  await checkOutPlacement(db, open, at);
  return open;
}
