import { z } from 'zod';
import { divisionCodePattern } from '../../core/divisions/scope.ts';
import { archiveReason, limitSchema, requireArchiveReason } from '../http/schemas.ts';

export const placeTypes = [
  'pharmacy',
  'mall',
  'supermarket',
  'market',
  'clinic',
  'hospital',
  'restaurant',
  'school',
  'workplace',
  'transport_hub',
  'residence',
  'other',
] as const;
export type PlaceType = (typeof placeTypes)[number];

const text = (max: number) => z.string().trim().min(1).max(max);

export const placeSchema = z
  .object({
    id: z.number(),
    name: z.string(),
    type: z.enum(placeTypes),
    address: z.string().nullable(),
    divisionCode: z.string(),
    lat: z.number().nullable(),
    lng: z.number().nullable(),
    venueCode: z.string().nullable(),
    archived: z.boolean(),
    archivedReason: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number(),
  })
  .meta({ id: 'Place' });
export type Place = z.infer<typeof placeSchema>;

export const createPlaceBody = z.strictObject({
  name: text(200),
  type: z.enum(placeTypes),
  address: text(300).optional(),
  divisionCode: z.string().regex(divisionCodePattern, 'division_code'),
  lat: z.number().min(-90).max(90).optional(),
  lng: z.number().min(-180).max(180).optional(),
  venueCode: text(100).optional(),
});
export type CreatePlaceInput = z.infer<typeof createPlaceBody>;

export const updatePlaceBody = z
  .strictObject({
    version: z.number().int().positive(),
    name: text(200).optional(),
    type: z.enum(placeTypes).optional(),
    address: text(300).nullable().optional(),
    divisionCode: z.string().regex(divisionCodePattern, 'division_code').optional(),
    lat: z.number().min(-90).max(90).nullable().optional(),
    lng: z.number().min(-180).max(180).nullable().optional(),
    venueCode: text(100).nullable().optional(),
    archived: z.boolean().optional(),
    /** Required with `archived: true`. */
    archivedReason: archiveReason.optional(),
  })
  .superRefine(requireArchiveReason);
export type UpdatePlaceInput = z.infer<typeof updatePlaceBody>;

export const listPlacesQuery = z.strictObject({
  type: z.enum(placeTypes).optional(),
  division: z
    .string()
    .regex(/^\d{1,12}$/, 'division_code')
    .optional(),
  q: z.string().max(64).optional(),
  archived: z.enum(['true', 'false']).default('false'),
  limit: limitSchema,
  cursor: z.string().max(200).optional(),
});
export type ListPlacesQuery = z.infer<typeof listPlacesQuery>;

export const linkEntryBody = z.strictObject({ entryId: z.number().int().positive() });

export const exposureWindowSchema = z
  .object({
    entryId: z.number(),
    caseId: z.number(),
    caseNumber: z.string(),
    classification: z.string(),
    start: z.string(),
    end: z.string(),
  })
  .meta({ id: 'PlaceExposureWindow' });
export type PlaceExposureWindow = z.infer<typeof exposureWindowSchema>;
