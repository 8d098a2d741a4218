import { z } from 'zod';
import { isWithin } from '../../core/divisions/scope.ts';
import { diff, recordAudit } from '../audit/audit.service.ts';
import type { PlaceRow } from '../db/schema.ts';
import { now, type Executor } from '../db/transaction.ts';
import { AppError, fieldError } from '../errors/app-error.ts';
import type { AuditActor } from '../http/actor.ts';
import { cursorOf, cursorValue, encodeCursor } from '../http/schemas.ts';
import { findDivision } from '../jurisdictions/jurisdictions.repository.ts';
import { clipToLookBack, lookBackOfCases } from './case-windows.ts';
import {
  findPlace,
  findPlaceByVenueCode,
  insertPlace,
  listPlaces,
  updatePlace,
} from './places.repository.ts';
import {
  placeTypes,
  type CreatePlaceInput,
  type ListPlacesQuery,
  type Place,
  type PlaceExposureWindow,
  type PlaceType,
  type UpdatePlaceInput,
} from './places.schema.ts';

/** Who acts on places, and the part of the division tree they see. */
export type PlaceActor = { audit: AuditActor; scope: string };

function placeType(value: string): PlaceType {
  return placeTypes.find((t) => t === value) ?? 'other';
}

export function toPlace(row: PlaceRow): Place {
  return {
    id: Number(row.id),
    name: row.name,
    type: placeType(row.type),
    address: row.address,
    divisionCode: row.division_code,
    lat: row.lat,
    lng: row.lng,
    venueCode: row.venue_code,
    archived: row.archived === 1,
    archivedReason: row.archived === 1 ? row.archived_reason : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

async function assertDivision(trx: Executor, actor: PlaceActor, code: string): Promise<void> {
  if (!(await findDivision(trx, code))) {
    throw fieldError('divisionCode', 'unknown_jurisdiction');
  }
  if (!isWithin(actor.scope, code)) {
    throw fieldError('divisionCode', 'outside_jurisdiction');
  }
}

async function assertVenueCodeFree(trx: Executor, venueCode: string, placeId: number | null): Promise<void> {
  const holder = await findPlaceByVenueCode(trx, venueCode);
  if (holder && Number(holder.id) !== placeId) {
    throw fieldError('venueCode', 'venue_code_taken');
  }
}

export async function createPlace(trx: Executor, actor: PlaceActor, input: CreatePlaceInput): Promise<Place> {
  await assertDivision(trx, actor, input.divisionCode);
  if (input.venueCode !== undefined) {
    await assertVenueCodeFree(trx, input.venueCode, null);
  }
  const at = now();
  const place = toPlace(
    await insertPlace(trx, {
      name: input.name,
      type: input.type,
      address: input.address ?? null,
      division_code: input.divisionCode,
      lat: input.lat ?? null,
      lng: input.lng ?? null,
      venue_code: input.venueCode ?? null,
      created_at: at,
      updated_at: at,
      version: 1,
      archived: 0,
      archived_reason: null,
    }),
  );
  const { version: _v, createdAt: _c, updatedAt: _u, id: _i, ...fields } = place;
  await recordAudit(trx, actor.audit, {
    action: 'place.create',
    entity: 'place',
    entityId: place.id,
    changes: diff(null, fields),
  });
  return place;
}

export async function getPlace(db: Executor, actor: PlaceActor, id: number): Promise<Place> {
  const row = await findPlace(db, id, actor.scope);
  if (!row || !isWithin(actor.scope, row.division_code)) {
    throw new AppError('NOT_FOUND', { params: { entity: '场所 / place' } });
  }
  return toPlace(row);
}

/** Applies an edit made on `input.version`; a stale version is a 409 and nothing is written. */
export async function editPlace(
  trx: Executor,
  actor: PlaceActor,
  id: number,
  input: UpdatePlaceInput,
): Promise<Place> {
  const before = await getPlace(trx, actor, id);
  if (before.version !== input.version) {
    throw new AppError('VERSION_CONFLICT', { extra: { currentVersion: before.version } });
  }
  if (input.divisionCode !== undefined) {
    await assertDivision(trx, actor, input.divisionCode);
  }
  if (input.venueCode !== undefined && input.venueCode !== null) {
    await assertVenueCodeFree(trx, input.venueCode, id);
  }
  const row = await updatePlace(trx, id, input.version, {
    name: input.name,
    type: input.type,
    address: input.address,
    division_code: input.divisionCode,
    lat: input.lat,
    lng: input.lng,
    venue_code: input.venueCode,
    archived: input.archived === undefined ? undefined : input.archived ? 1 : 0,
    archived_reason: input.archived === undefined ? undefined : input.archived ? input.archivedReason : null,
    updated_at: now(),
  });
  if (!row) {
    throw new AppError('VERSION_CONFLICT');
  }
  const after = toPlace(row);
  const { version: _v1, updatedAt: _u1, ...beforeFields } = before;
  const { version: _v2, updatedAt: _u2, ...afterFields } = after;
  await recordAudit(trx, actor.audit, {
    action: 'place.update',
    entity: 'place',
    entityId: id,
    changes: diff(beforeFields, afterFields),
  });
  return after;
}

const cursorSchema = z.object({ n: cursorValue.text, i: cursorValue.id });

export async function searchPlaces(
  db: Executor,
  actor: PlaceActor,
  query: ListPlacesQuery,
): Promise<{ items: Place[]; nextCursor: string | null }> {
  const decoded = cursorOf(query.cursor, cursorSchema);
  const after = decoded && { name: decoded.n, id: decoded.i };
  const rows = await listPlaces(db, {
    scope: actor.scope,
    type: query.type,
    division: query.division,
    q: query.q,
    archived: query.archived === 'true' ? 1 : 0,
    after,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit).map(toPlace);
  const last = page.at(-1);
  return {
    items: page,
    nextCursor: rows.length > query.limit && last ? encodeCursor({ n: last.name, i: last.id }) : null,
  };
}

/**
 * Links a trajectory entry of a case inside the caller's jurisdiction to a place (the trajectory's own
 * create/edit bodies carry the place as text only).
 */
export async function linkEntryToPlace(
  trx: Executor,
  actor: PlaceActor,
  placeId: number,
  entryId: number,
): Promise<{ entryId: number; placeId: number }> {
  const place = await getPlace(trx, actor, placeId);
  const entry = await trx
    .selectFrom('trajectory_entries')
    .innerJoin('cases', 'cases.id', 'trajectory_entries.case_id')
    .select(['trajectory_entries.id', 'trajectory_entries.place_id', 'cases.division_code'])
    .where('trajectory_entries.id', '=', entryId)
    .where('cases.division_code', 'like', `${actor.scope}%`)
    .executeTakeFirst();
  if (!entry) {
    throw fieldError('entryId', 'entry_not_found');
  }
  const before = entry.place_id === null ? null : Number(entry.place_id);
  await trx
    .updateTable('trajectory_entries')
    .set({ place_id: place.id, updated_at: now(), version: (eb) => eb('version', '+', 1) })
    .where('id', '=', entryId)
    .execute();
  await recordAudit(trx, actor.audit, {
    action: 'trajectory_entry.link_place',
    entity: 'trajectory_entry',
    entityId: entryId,
    changes: diff({ placeId: before }, { placeId: place.id }),
  });
  return { entryId, placeId: place.id };
}

/** The windows that cases' trajectory entries, inside each case's look-back window, put on a place. */
export async function exposureWindowsOfPlace(
  db: Executor,
  actor: PlaceActor,
  placeId: number,
  timeZone: string,
): Promise<PlaceExposureWindow[]> {
  const place = await getPlace(db, actor, placeId);
  const entries = await db
    .selectFrom('trajectory_entries')
    .innerJoin('cases', 'cases.id', 'trajectory_entries.case_id')
    .select([
      'trajectory_entries.id',
      'trajectory_entries.case_id',
      'trajectory_entries.start_at',
      'trajectory_entries.end_at',
      'cases.case_number',
      'cases.classification',
    ])
    .where('trajectory_entries.place_id', '=', place.id)
    .where('trajectory_entries.archived', '=', 0)
    .where('cases.archived', '=', 0)
    .where('cases.division_code', 'like', `${actor.scope}%`)
    .orderBy('trajectory_entries.start_at')
    .orderBy('trajectory_entries.id')
    .execute();
  const lookBacks = await lookBackOfCases(db, [...new Set(entries.map((e) => Number(e.case_id)))], timeZone);
  return entries.flatMap((entry) => {
    const lookBack = lookBacks.get(Number(entry.case_id));
    const clipped = lookBack ? clipToLookBack(lookBack, entry.start_at, entry.end_at) : null;
    if (!clipped) {
      return [];
    }
    return [
      {
        entryId: Number(entry.id),
        caseId: Number(entry.case_id),
        caseNumber: entry.case_number,
        classification: entry.classification,
        start: clipped.start,
        end: clipped.end,
      },
    ];
  });
}
