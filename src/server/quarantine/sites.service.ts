import { z } from 'zod';
import { isWithin } from '../../core/divisions/scope.ts';
import { dateIn } from '../../core/time/zone.ts';
import { diff, recordAudit } from '../audit/audit.service.ts';
import type { QuarantineSiteRow } from '../db/schema.ts';
import { now, type Executor } from '../db/transaction.ts';
import { AppError, fieldError } from '../errors/app-error.ts';
import { cursorOf, cursorValue, encodeCursor } from '../http/schemas.ts';
import { findDivision } from '../jurisdictions/jurisdictions.repository.ts';
import { auditOf, type RecordActor } from '../persons/record-actor.ts';
import { personsByIds, presentContactPerson } from '../contacts/contact-view.ts';
import type { CreateSiteInput, Site, UpdateSiteInput } from './quarantine.schema.ts';

const siteColumns = [
  'id',
  'name',
  'address',
  'division_code',
  'capacity',
  'occupied',
  'manager',
  'phone',
  'created_at',
  'updated_at',
  'version',
  'archived',
  'archived_reason',
] as const;

function toSite(row: QuarantineSiteRow): Site {
  return {
    id: Number(row.id),
    name: row.name,
    address: row.address,
    divisionCode: row.division_code,
    capacity: row.capacity,
    occupied: row.occupied,
    manager: row.manager,
    phone: row.phone,
    archived: row.archived === 1,
    archivedReason: row.archived === 1 ? row.archived_reason : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export async function requireSite(trx: Executor, actor: RecordActor, id: number): Promise<QuarantineSiteRow> {
  const row = await trx
    .selectFrom('quarantine_sites')
    .select(siteColumns)
    .where('id', '=', id)
    .where('division_code', 'like', `${actor.scope}%`)
    .executeTakeFirst();
  if (!row) {
    throw new AppError('NOT_FOUND', { params: { entity: '隔离点 / quarantine site' } });
  }
  return row;
}

async function roomsOf(trx: Executor, siteId: number) {
  const rows = await trx
    .selectFrom('quarantine_rooms')
    .select(['id', 'number', 'beds', 'occupied'])
    .where('site_id', '=', siteId)
    .orderBy('number')
    .execute();
  return rows.map((r) => ({ id: Number(r.id), number: r.number, beds: r.beds, occupied: r.occupied }));
}

async function insertRooms(
  trx: Executor,
  siteId: number,
  rooms: ReadonlyArray<{ number: string; beds: number }>,
  field: string,
): Promise<void> {
  const existing = new Set((await roomsOf(trx, siteId)).map((r) => r.number));
  const seen = new Set<string>();
  rooms.forEach((room, i) => {
    if (existing.has(room.number) || seen.has(room.number)) {
      throw fieldError(`${field}.${i}.number`, 'duplicate_room', { room: room.number });
    }
    seen.add(room.number);
  });
  for (let i = 0; i < rooms.length; i += 500) {
    await trx
      .insertInto('quarantine_rooms')
      .values(
        rooms
          .slice(i, i + 500)
          .map((r) => ({ site_id: siteId, number: r.number, beds: r.beds, occupied: 0 })),
      )
      .execute();
  }
}

export async function getSite(trx: Executor, actor: RecordActor, id: number) {
  const row = await requireSite(trx, actor, id);
  return { ...toSite(row), rooms: await roomsOf(trx, id) };
}

export async function createSite(trx: Executor, actor: RecordActor, input: CreateSiteInput) {
  if (!(await findDivision(trx, input.divisionCode))) {
    throw fieldError('divisionCode', 'unknown_jurisdiction');
  }
  if (!isWithin(actor.scope, input.divisionCode)) {
    throw fieldError('divisionCode', 'outside_jurisdiction');
  }
  const taken = await trx
    .selectFrom('quarantine_sites')
    .select('id')
    .where('name', '=', input.name)
    .executeTakeFirst();
  if (taken) {
    throw new AppError('DUPLICATE', {
      params: { entity: input.name },
      details: [{ field: 'name', code: 'duplicate', params: { value: input.name } }],
    });
  }
  const at = now();
  const inserted = await trx
    .insertInto('quarantine_sites')
    .values({
      name: input.name,
      address: input.address,
      division_code: input.divisionCode,
      capacity: input.capacity,
      occupied: 0,
      manager: input.manager ?? null,
      phone: input.phone ?? null,
      created_at: at,
      updated_at: at,
      version: 1,
      archived: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(inserted.id);
  await insertRooms(trx, id, input.rooms, 'rooms');
  await recordAudit(trx, auditOf(actor), {
    action: 'site.create',
    entity: 'quarantine_site',
    entityId: id,
    changes: diff(null, {
      name: input.name,
      address: input.address,
      divisionCode: input.divisionCode,
      capacity: input.capacity,
      manager: input.manager ?? null,
      phone: input.phone ?? null,
      rooms: input.rooms.length,
    }),
  });
  return getSite(trx, actor, id);
}

export async function editSite(trx: Executor, actor: RecordActor, id: number, input: UpdateSiteInput) {
  const before = await requireSite(trx, actor, id);
  if (before.version !== input.version) {
    throw new AppError('VERSION_CONFLICT', { extra: { currentVersion: before.version } });
  }
  if (input.capacity !== undefined && input.capacity < before.occupied) {
    throw fieldError('capacity', 'capacity_below_occupancy', { occupied: before.occupied });
  }
  const result = await trx
    .updateTable('quarantine_sites')
    .set({
      name: input.name,
      address: input.address,
      capacity: input.capacity,
      manager: input.manager,
      phone: input.phone,
      archived: input.archived === undefined ? undefined : input.archived ? 1 : 0,
      archived_reason:
        input.archived === undefined ? undefined : input.archived ? input.archivedReason : null,
      updated_at: now(),
      version: (eb) => eb('version', '+', 1),
    })
    .where('id', '=', id)
    .where('version', '=', input.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    throw new AppError('VERSION_CONFLICT');
  }
  const after = await requireSite(trx, actor, id);
  const fields = (s: Site) => ({
    name: s.name,
    address: s.address,
    capacity: s.capacity,
    manager: s.manager,
    phone: s.phone,
    archived: s.archived,
    archivedReason: s.archivedReason,
  });
  await recordAudit(trx, auditOf(actor), {
    action: 'site.update',
    entity: 'quarantine_site',
    entityId: id,
    changes: diff(fields(toSite(before)), fields(toSite(after))),
  });
  return getSite(trx, actor, id);
}

export async function addRooms(
  trx: Executor,
  actor: RecordActor,
  id: number,
  rooms: ReadonlyArray<{ number: string; beds: number }>,
) {
  await requireSite(trx, actor, id);
  await insertRooms(trx, id, rooms, 'rooms');
  await recordAudit(trx, auditOf(actor), {
    action: 'site.add_rooms',
    entity: 'quarantine_site',
    entityId: id,
    changes: { rooms: { after: rooms.map((r) => r.number) } },
  });
  return getSite(trx, actor, id);
}

const cursorSchema = z.object({ id: cursorValue.id });

export async function listSites(
  trx: Executor,
  actor: RecordActor,
  query: { archived?: 'true' | 'false' | undefined; limit: number; cursor?: string | undefined },
) {
  let query_ = trx
    .selectFrom('quarantine_sites')
    .select(siteColumns)
    .where('division_code', 'like', `${actor.scope}%`);
  if (query.archived !== undefined) {
    query_ = query_.where('archived', '=', query.archived === 'true' ? 1 : 0);
  }
  const after = cursorOf(query.cursor, cursorSchema);
  if (after) {
    query_ = query_.where('id', '>', after.id);
  }
  const rows = await query_
    .orderBy('id')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toSite),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ id: Number(last.id) }) : null,
  };
}

/** Who is where at one site: rooms with their occupants, free beds, and who is due for release. */
export async function occupancyBoard(trx: Executor, actor: RecordActor, id: number, timeZone: string) {
  const site = await requireSite(trx, actor, id);
  const rooms = await roomsOf(trx, id);
  const occupants = await trx
    .selectFrom('placements')
    .innerJoin('contacts', 'contacts.id', 'placements.contact_id')
    .select([
      'placements.id',
      'placements.contact_id',
      'placements.room_id',
      'placements.check_in_at',
      'placements.planned_end',
      'contacts.person_id',
    ])
    .where('placements.site_id', '=', id)
    .where('placements.check_out_at', 'is', null)
    .orderBy('placements.id')
    .execute();
  const persons = await personsByIds(
    trx,
    occupants.map((o) => Number(o.person_id)),
  );
  const today = dateIn(new Date(), timeZone);
  const byRoom = new Map<number | null, Array<ReturnType<typeof occupant>>>();
  function occupant(o: (typeof occupants)[number]) {
    const person = persons.get(Number(o.person_id));
    return {
      placementId: Number(o.id),
      contactId: Number(o.contact_id),
      person: person
        ? presentContactPerson(actor, person)
        : {
            id: Number(o.person_id),
            name: '',
            documentType: null,
            documentNumber: null,
            sex: null,
            phone: null,
            currentAddress: null,
            divisionCode: null,
            masked: true,
          },
      checkInAt: o.check_in_at,
      plannedEnd: o.planned_end,
    };
  }
  const roomNumber = new Map(rooms.map((r) => [r.id, r.number]));
  const dueReleases = [];
  for (const o of occupants) {
    const item = occupant(o);
    const room = o.room_id === null ? null : Number(o.room_id);
    byRoom.set(room, [...(byRoom.get(room) ?? []), item]);
    if (item.plannedEnd !== null && item.plannedEnd <= today) {
      dueReleases.push({ ...item, roomNumber: room === null ? null : (roomNumber.get(room) ?? null) });
    }
  }
  return {
    site: toSite(site),
    today,
    freeBeds: Math.max(site.capacity - site.occupied, 0),
    rooms: rooms.map((r) => ({
      ...r,
      freeBeds: Math.max(r.beds - r.occupied, 0),
      occupants: byRoom.get(r.id) ?? [],
    })),
    unassigned: byRoom.get(null) ?? [],
    dueReleases,
  };
}
