import { isWithin } from '../../core/divisions/scope.ts';
import { maskAddress } from '../../core/identity/masking.ts';
import { dateIn } from '../../core/time/zone.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { PlacementRow } from '../db/schema.ts';
import { now, type Executor } from '../db/transaction.ts';
import { AppError, fieldError } from '../errors/app-error.ts';
import { auditOf, seesPersonal, type RecordActor } from '../persons/record-actor.ts';
import { protocolOfOutbreak } from '../contacts/contact-context.ts';
import { parseStoredPlan, syncPlan } from '../contacts/contact-plan.ts';
import { updateContact } from '../contacts/contacts.repository.ts';
import { requireContact } from '../contacts/contacts.service.ts';
import { assertTransition } from '../contacts/contact-workflow.ts';
import type { Placement, PlaceInput } from './quarantine.schema.ts';
import {
  checkOutPlacement,
  findPlacement,
  openPlacementOf,
  placementsOf,
  takeBed,
} from './placements.repository.ts';
import { requireSite } from './sites.service.ts';

/** Placements with their site and room names; a home address is personal and masked per role. */
export async function presentPlacements(
  trx: Executor,
  actor: RecordActor,
  rows: readonly PlacementRow[],
): Promise<Placement[]> {
  const siteIds = [...new Set(rows.flatMap((r) => (r.site_id === null ? [] : [Number(r.site_id)])))];
  const roomIds = [...new Set(rows.flatMap((r) => (r.room_id === null ? [] : [Number(r.room_id)])))];
  const sites =
    siteIds.length === 0
      ? []
      : await trx.selectFrom('quarantine_sites').select(['id', 'name']).where('id', 'in', siteIds).execute();
  const rooms =
    roomIds.length === 0
      ? []
      : await trx
          .selectFrom('quarantine_rooms')
          .select(['id', 'number'])
          .where('id', 'in', roomIds)
          .execute();
  const siteName = new Map(sites.map((s) => [Number(s.id), s.name]));
  const roomNumber = new Map(rooms.map((r) => [Number(r.id), r.number]));
  const open = seesPersonal(actor, true);
  return rows.map((r) => ({
    id: Number(r.id),
    contactId: Number(r.contact_id),
    kind: r.kind === 'home' ? 'home' : 'site',
    siteId: r.site_id === null ? null : Number(r.site_id),
    siteName: r.site_id === null ? null : (siteName.get(Number(r.site_id)) ?? null),
    roomId: r.room_id === null ? null : Number(r.room_id),
    roomNumber: r.room_id === null ? null : (roomNumber.get(Number(r.room_id)) ?? null),
    address: r.address === null ? null : open ? r.address : maskAddress(r.address),
    divisionCode: r.division_code,
    checkInAt: r.check_in_at,
    plannedEnd: r.planned_end,
    checkOutAt: r.check_out_at,
    version: r.version,
  }));
}

export async function placementsOfContact(
  trx: Executor,
  actor: RecordActor,
  contactId: number,
): Promise<Placement[]> {
  return presentPlacements(trx, actor, await placementsOf(trx, contactId));
}

/**
 * Places a notified contact at a site (optionally in a room) or at home. Beds are taken with a
 * conditional update, so a full room or site is a 409 naming `roomId` or `siteId`. The first placement
 * fixes the placement day, which moves overdue test days onto it (docs/decisions/004-day-counting.md).
 */
export async function placeContact(
  trx: Executor,
  actor: RecordActor,
  contactId: number,
  input: PlaceInput,
  settings: { timeZone: string },
): Promise<Placement> {
  const contact = await requireContact(trx, actor, contactId);
  if (contact.version !== input.version) {
    throw new AppError('VERSION_CONFLICT', { extra: { currentVersion: contact.version } });
  }
  if (await openPlacementOf(trx, contactId)) {
    throw new AppError('CONFLICT', {
      params: { reason: 'already placed' },
      details: [{ field: 'contactId', code: 'already_placed' }],
    });
  }
  // A contact already placed and checked out (a transfer between sites) may be placed again.
  if (contact.status !== 'placed') {
    assertTransition(contact.status, 'placed');
  }
  if (input.checkInAt > new Date(Date.now() + 5 * 60_000).toISOString()) {
    throw fieldError('checkInAt', 'in_future');
  }
  const plan = parseStoredPlan(contact.plan);
  let siteId: number | null = null;
  let roomId: number | null = null;
  let divisionCode: string;
  let plannedEnd = contact.observation_end;
  if (input.kind === 'site') {
    const site = await requireSite(trx, actor, input.siteId).catch(() => {
      throw fieldError('siteId', 'unknown_site');
    });
    siteId = Number(site.id);
    divisionCode = site.division_code;
    if (input.roomId !== undefined) {
      const room = await trx
        .selectFrom('quarantine_rooms')
        .select(['id', 'site_id', 'number', 'beds'])
        .where('id', '=', input.roomId)
        .executeTakeFirst();
      if (!room || Number(room.site_id) !== siteId) {
        throw fieldError('roomId', 'room_not_in_site');
      }
      if (!(await takeBed(trx, 'quarantine_rooms', Number(room.id)))) {
        throw new AppError('CONFLICT', {
          params: { reason: `room ${room.number} full` },
          details: [{ field: 'roomId', code: 'room_full', params: { room: room.number, beds: room.beds } }],
        });
      }
      roomId = Number(room.id);
    }
    if (!(await takeBed(trx, 'quarantine_sites', siteId))) {
      throw new AppError('CONFLICT', {
        params: { reason: `${site.name} full` },
        details: [
          { field: 'siteId', code: 'site_full', params: { site: site.name, capacity: site.capacity } },
        ],
      });
    }
    // At a site the person stays for the centralized (or medical observation) phase, then goes home.
    const sitePhase = plan.phases
      .filter((p) => p.type === 'centralized' || p.type === 'medical_observation')
      .at(-1);
    plannedEnd = sitePhase?.end ?? contact.observation_end;
  } else {
    if (!isWithin(actor.scope, input.divisionCode)) {
      throw fieldError('divisionCode', 'outside_jurisdiction');
    }
    divisionCode = input.divisionCode;
  }
  const at = now();
  const inserted = await trx
    .insertInto('placements')
    .values({
      contact_id: contactId,
      kind: input.kind,
      site_id: siteId,
      room_id: roomId,
      address: input.kind === 'home' ? input.address : null,
      division_code: divisionCode,
      check_in_at: input.checkInAt,
      planned_end: plannedEnd,
      check_out_at: null,
      created_at: at,
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const placedOn = contact.placed_on ?? dateIn(new Date(input.checkInAt), settings.timeZone);
  if (
    !(await updateContact(trx, contactId, input.version, {
      status: 'placed',
      placed_on: placedOn,
      updated_at: at,
    }))
  ) {
    throw new AppError('VERSION_CONFLICT');
  }
  if (contact.placed_on === null) {
    const preset = await protocolOfOutbreak(trx, Number(contact.outbreak_id));
    await syncPlan(trx, { ...contact, placed_on: placedOn }, preset, settings.timeZone);
  }
  await recordAudit(trx, auditOf(actor), {
    action: 'contact.place',
    entity: 'contact',
    entityId: contactId,
    changes: {
      status: { before: contact.status, after: 'placed' },
      placementId: { after: Number(inserted.id) },
      kind: { after: input.kind },
      siteId: { after: siteId },
      roomId: { after: roomId },
      ...(input.kind === 'home' ? { address: { after: '[personal]' } } : {}),
      plannedEnd: { after: plannedEnd },
    },
  });
  const row = await findPlacement(trx, Number(inserted.id));
  const [placement] = await presentPlacements(trx, actor, row ? [row] : []);
  if (!placement) {
    throw new AppError('NOT_FOUND', { params: { entity: 'placement' } });
  }
  return placement;
}

/** Ends a placement (a transfer or leaving the site); the contact's status is changed separately. */
export async function checkOut(
  trx: Executor,
  actor: RecordActor,
  placementId: number,
  input: { version: number; checkOutAt?: string | undefined },
): Promise<Placement> {
  const row = await findPlacement(trx, placementId);
  if (!row) {
    throw new AppError('NOT_FOUND', { params: { entity: '安置 / placement' } });
  }
  await requireContact(trx, actor, Number(row.contact_id));
  if (row.version !== input.version) {
    throw new AppError('VERSION_CONFLICT', { extra: { currentVersion: row.version } });
  }
  if (row.check_out_at !== null) {
    throw new AppError('CONFLICT', {
      params: { reason: 'checked out' },
      details: [{ field: 'placementId', code: 'not_placed' }],
    });
  }
  const at = input.checkOutAt ?? now();
  if (at < row.check_in_at) {
    throw fieldError('checkOutAt', 'end_before_start');
  }
  await checkOutPlacement(trx, row, at);
  await recordAudit(trx, auditOf(actor), {
    action: 'placement.check_out',
    entity: 'contact',
    entityId: Number(row.contact_id),
    changes: { placementId: { after: placementId }, checkOutAt: { after: at } },
  });
  const after = await findPlacement(trx, placementId);
  const [placement] = await presentPlacements(trx, actor, after ? [after] : []);
  if (!placement) {
    throw new AppError('NOT_FOUND', { params: { entity: 'placement' } });
  }
  return placement;
}
