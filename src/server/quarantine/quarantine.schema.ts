import { z } from 'zod';
import { divisionCodePattern } from '../../core/divisions/scope.ts';
import { contactPersonSchema } from '../contacts/contacts.schema.ts';
import { archiveReason, isoInstant, limitSchema, requireArchiveReason } from '../http/schemas.ts';
import { phoneSchema } from '../persons/persons.schema.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const divisionCode = z.string().regex(divisionCodePattern, 'division_code');

export const roomInput = z.strictObject({ number: text(16), beds: z.number().int().min(1).max(20) });

export const createSiteBody = z.strictObject({
  name: text(100),
  address: text(300),
  divisionCode,
  /** Beds in the whole site; placements beyond it are refused. */
  capacity: z.number().int().min(1).max(100_000),
  manager: text(64).optional(),
  phone: phoneSchema.optional(),
  rooms: z.array(roomInput).max(2000).default([]),
});
export type CreateSiteInput = z.infer<typeof createSiteBody>;

export const updateSiteBody = z
  .strictObject({
    version: z.number().int().positive(),
    name: text(100).optional(),
    address: text(300).optional(),
    capacity: z.number().int().min(1).max(100_000).optional(),
    manager: text(64).nullable().optional(),
    phone: phoneSchema.nullable().optional(),
    archived: z.boolean().optional(),
    /** Required with `archived: true`. */
    archivedReason: archiveReason.optional(),
  })
  .superRefine(requireArchiveReason);
export type UpdateSiteInput = z.infer<typeof updateSiteBody>;

export const addRoomsBody = z.strictObject({ rooms: z.array(roomInput).min(1).max(2000) });

export const roomSchema = z.object({
  id: z.number(),
  number: z.string(),
  beds: z.number(),
  occupied: z.number(),
});

export const siteSchema = z
  .object({
    id: z.number(),
    name: z.string(),
    address: z.string(),
    divisionCode: z.string(),
    capacity: z.number(),
    occupied: z.number(),
    manager: z.string().nullable(),
    phone: z.string().nullable(),
    archived: z.boolean(),
    archivedReason: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number(),
  })
  .meta({ id: 'QuarantineSite' });
export type Site = z.infer<typeof siteSchema>;

export const siteDetailSchema = siteSchema.extend({ rooms: z.array(roomSchema) });

export const listSitesQuery = z.strictObject({
  archived: z.enum(['true', 'false']).optional(),
  limit: limitSchema,
  cursor: z.string().max(200).optional(),
});

export const placeBody = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('site'),
    /** The contact's version as read; placing moves the contact to `placed`. */
    version: z.number().int().positive(),
    siteId: z.number().int().positive(),
    roomId: z.number().int().positive().optional(),
    checkInAt: isoInstant,
  }),
  z.strictObject({
    kind: z.literal('home'),
    version: z.number().int().positive(),
    address: text(300),
    divisionCode,
    checkInAt: isoInstant,
  }),
]);
export type PlaceInput = z.infer<typeof placeBody>;

export const checkOutBody = z.strictObject({
  version: z.number().int().positive(),
  checkOutAt: isoInstant.optional(),
});

export const placementSchema = z
  .object({
    id: z.number(),
    contactId: z.number(),
    kind: z.enum(['site', 'home']),
    siteId: z.number().nullable(),
    siteName: z.string().nullable(),
    roomId: z.number().nullable(),
    roomNumber: z.string().nullable(),
    /** Home quarantine address (personal: masked for roles without personal:read). */
    address: z.string().nullable(),
    divisionCode: z.string(),
    checkInAt: z.string(),
    /** From the contact's plan: the end of the centralized phase for a site, of observation at home. */
    plannedEnd: z.string().nullable(),
    checkOutAt: z.string().nullable(),
    version: z.number(),
  })
  .meta({ id: 'Placement' });
export type Placement = z.infer<typeof placementSchema>;

const occupantSchema = z.object({
  placementId: z.number(),
  contactId: z.number(),
  person: contactPersonSchema,
  checkInAt: z.string(),
  plannedEnd: z.string().nullable(),
});

export const boardSchema = z
  .object({
    site: siteSchema,
    /** Today in the deployment time zone: the day `dueReleases` is computed for. */
    today: z.string(),
    freeBeds: z.number(),
    rooms: z.array(roomSchema.extend({ freeBeds: z.number(), occupants: z.array(occupantSchema) })),
    /** Occupants placed at the site without a room. */
    unassigned: z.array(occupantSchema),
    /** Occupants whose planned end is today or earlier. */
    dueReleases: z.array(occupantSchema.extend({ roomNumber: z.string().nullable() })),
  })
  .meta({ id: 'OccupancyBoard' });
