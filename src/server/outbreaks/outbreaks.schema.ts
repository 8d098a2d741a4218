import { z } from 'zod';
import { presetIds } from '../../core/protocols/ids.ts';
import { divisionCodePattern } from '../../core/divisions/scope.ts';
import { archiveReason, isoDate, limitSchema, requireArchiveReason } from '../http/schemas.ts';

/** One run of `#` in the mask takes the zero-padded case counter: `LS-2020-####` → `LS-2020-0001`. */
export const caseNumberMask = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .refine((mask) => /^[^#]*#+[^#]*$/.test(mask) && /^[A-Za-z0-9#\-_./]+$/.test(mask), 'case_number_mask');

const presetId = z
  .string()
  .refine((value) => (presetIds as readonly string[]).includes(value), 'unknown_preset');

export const createOutbreakBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  disease: z.string().trim().min(1).max(64),
  presetId,
  overlayId: z.string().trim().min(1).max(64).nullable().optional(),
  overlayText: z.string().trim().min(1).max(4000).nullable().optional(),
  startDate: isoDate,
  divisionCode: z.string().regex(divisionCodePattern, 'division_code'),
  caseNumberMask,
});
export type CreateOutbreakInput = z.infer<typeof createOutbreakBody>;

export const updateOutbreakBody = z
  .strictObject({
    version: z.number().int().positive(),
    name: z.string().trim().min(1).max(100).optional(),
    disease: z.string().trim().min(1).max(64).optional(),
    presetId: presetId.optional(),
    overlayId: z.string().trim().min(1).max(64).nullable().optional(),
    overlayText: z.string().trim().min(1).max(4000).nullable().optional(),
    startDate: isoDate.optional(),
    caseNumberMask: caseNumberMask.optional(),
    archived: z.boolean().optional(),
    /** Required with `archived: true`. */
    archivedReason: archiveReason.optional(),
  })
  .superRefine(requireArchiveReason);
export type UpdateOutbreakInput = z.infer<typeof updateOutbreakBody>;

export const outbreakSchema = z
  .object({
    id: z.number(),
    name: z.string(),
    disease: z.string(),
    presetId: z.string(),
    overlayId: z.string().nullable(),
    overlayText: z.string().nullable(),
    startDate: z.string(),
    divisionCode: z.string(),
    caseNumberMask: z.string(),
    caseCount: z.number(),
    archived: z.boolean(),
    archivedReason: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number(),
  })
  .meta({ id: 'Outbreak' });
export type Outbreak = z.infer<typeof outbreakSchema>;

export const listOutbreaksQuery = z.strictObject({
  archived: z.enum(['true', 'false']).optional(),
  limit: limitSchema,
  cursor: z.string().optional(),
});
export type ListOutbreaksQuery = z.infer<typeof listOutbreaksQuery>;
