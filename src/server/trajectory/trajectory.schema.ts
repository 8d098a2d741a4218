import { z } from 'zod';
import { divisionCodePattern } from '../../core/divisions/scope.ts';
import { confidences, evidenceSources, transportKinds } from '../../core/report/types.ts';
import { isoInstant } from '../http/schemas.ts';

/** What kind of place an entry is; `home` and `residence` cover the nights between outings. */
export const placeKinds = [
  'home',
  'residence',
  'workplace',
  'medical',
  'retail',
  'catering',
  'transport',
  'public',
  'other',
] as const;
export type PlaceKind = (typeof placeKinds)[number];

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

const entryFields = {
  startAt: isoInstant,
  endAt: isoInstant,
  placeName: z.string().trim().min(1).max(200),
  placeKind: z.enum(placeKinds).default('other'),
  address: optionalText(300),
  divisionCode: z.string().regex(divisionCodePattern, 'division_code').nullable().optional(),
  activity: optionalText(500),
  transportKind: z.enum(transportKinds).nullable().optional(),
  vehicleNumber: optionalText(50),
  seat: optionalText(50),
  companions: optionalText(500),
  protection: optionalText(200),
};

export const evidenceBody = z.strictObject({
  source: z.enum(evidenceSources),
  reference: optionalText(1000),
  confidence: z.enum(confidences),
});
export type EvidenceInput = z.infer<typeof evidenceBody>;

export const createEntryBody = z.strictObject({
  ...entryFields,
  evidence: z.array(evidenceBody).max(20).default([]),
});
export type CreateEntryInput = z.infer<typeof createEntryBody>;

export const updateEntryBody = z.strictObject({
  version: z.number().int().positive(),
  startAt: isoInstant.optional(),
  endAt: isoInstant.optional(),
  placeName: entryFields.placeName.optional(),
  placeKind: z.enum(placeKinds).optional(),
  address: entryFields.address,
  divisionCode: entryFields.divisionCode,
  activity: entryFields.activity,
  transportKind: entryFields.transportKind,
  vehicleNumber: entryFields.vehicleNumber,
  seat: entryFields.seat,
  companions: entryFields.companions,
  protection: entryFields.protection,
});
export type UpdateEntryInput = z.infer<typeof updateEntryBody>;

export const archiveEntryBody = z.strictObject({
  version: z.number().int().positive(),
  reason: z.string().trim().min(2).max(500),
});

export const archiveEvidenceBody = z.strictObject({ reason: z.string().trim().min(2).max(500) });

export const caseParams = z.strictObject({ id: z.coerce.number().int().positive() });
export const entryParams = z.strictObject({
  id: z.coerce.number().int().positive(),
  entryId: z.coerce.number().int().positive(),
});
export const evidenceParams = entryParams.extend({ evidenceId: z.coerce.number().int().positive() });

export const evidenceSchema = z
  .object({
    id: z.number(),
    source: z.enum(evidenceSources),
    reference: z.string().nullable(),
    confidence: z.enum(confidences),
    attachment: z
      .object({ name: z.string(), size: z.number(), type: z.string(), url: z.string() })
      .nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'EvidenceItem' });
export type Evidence = z.infer<typeof evidenceSchema>;

export const entrySchema = z
  .object({
    id: z.number(),
    caseId: z.number(),
    startAt: z.string(),
    endAt: z.string(),
    placeName: z.string(),
    placeKind: z.enum(placeKinds),
    address: z.string().nullable(),
    divisionCode: z.string().nullable(),
    placeId: z.number().nullable(),
    activity: z.string().nullable(),
    transportKind: z.enum(transportKinds).nullable(),
    vehicleNumber: z.string().nullable(),
    seat: z.string().nullable(),
    companions: z.string().nullable(),
    protection: z.string().nullable(),
    evidence: z.array(evidenceSchema),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number(),
  })
  .meta({ id: 'TrajectoryEntry' });
export type TrajectoryEntry = z.infer<typeof entrySchema>;

export const flagSchema = z
  .object({
    kind: z.enum(['outside_window', 'overlap', 'gap']),
    entryIds: z.array(z.number()),
    partial: z.boolean().optional(),
    from: z.string().optional(),
    to: z.string().optional(),
    minutes: z.number().optional(),
  })
  .meta({ id: 'TrajectoryFlag' });

export const trajectorySchema = z
  .object({
    caseId: z.number(),
    timeZone: z.string(),
    window: z
      .object({ start: z.string(), end: z.string(), lookBackDays: z.number(), anchorDate: z.string() })
      .nullable(),
    gapThresholdMinutes: z.number(),
    entries: z.array(entrySchema),
    flags: z.array(flagSchema),
    days: z.array(z.object({ date: z.string(), entryIds: z.array(z.number()) })),
  })
  .meta({ id: 'Trajectory' });
export type Trajectory = z.infer<typeof trajectorySchema>;

export const trajectoryQuery = z.strictObject({
  gapThresholdMinutes: z.coerce
    .number()
    .int()
    .min(15)
    .max(24 * 60)
    .default(120),
});
