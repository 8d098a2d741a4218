import { z } from 'zod';
import { isoDate, isoInstant } from '../http/schemas.ts';

/** recommended → approved → in_force → lifted (PROTOCOLS §7; approval by the command office or the lead). */
export const suspensionStatuses = ['recommended', 'approved', 'in_force', 'lifted'] as const;
/** A terminal disinfection is planned (a 'disinfect' task) and then recorded as done with its evaluation. */
export const disinfectionStatuses = ['planned', 'done'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);

export const measureSchema = z
  .object({
    id: z.number(),
    placeId: z.number(),
    kind: z.enum(['suspension', 'disinfection']),
    status: z.enum([...suspensionStatuses, ...disinfectionStatuses]),
    caseId: z.number().nullable(),
    reason: z.string().nullable(),
    recommendedAt: z.string().nullable(),
    recommendedBy: z.string().nullable(),
    approvedAt: z.string().nullable(),
    approvedBy: z.string().nullable(),
    startsOn: z.string().nullable(),
    liftedOn: z.string().nullable(),
    scope: z.string().nullable(),
    agent: z.string().nullable(),
    concentration: z.string().nullable(),
    performedAt: z.string().nullable(),
    operator: z.string().nullable(),
    evaluation: z.string().nullable(),
    taskId: z.number().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number(),
  })
  .meta({ id: 'PlaceMeasure' });
export type PlaceMeasure = z.infer<typeof measureSchema>;

export const recommendSuspensionBody = z.strictObject({
  reason: text(500),
  caseId: z.number().int().positive().optional(),
  startsOn: isoDate.optional(),
});

export const approveBody = z.strictObject({ version: z.number().int().positive() });
export const enforceBody = z.strictObject({ version: z.number().int().positive(), startsOn: isoDate });
export const liftBody = z.strictObject({
  version: z.number().int().positive(),
  liftedOn: isoDate,
  reason: text(500).optional(),
});

export const planDisinfectionBody = z.strictObject({
  /** e.g. 全部营业区域、收银台、卫生间 */
  scope: text(300),
  agent: text(100),
  /** e.g. 含氯消毒剂 500 mg/L */
  concentration: text(100),
  caseId: z.number().int().positive().optional(),
  dueAt: isoInstant.optional(),
});

export const recordDisinfectionBody = z.strictObject({
  version: z.number().int().positive(),
  performedAt: isoInstant,
  operator: text(100),
  evaluation: text(500),
  agent: text(100).optional(),
  concentration: text(100).optional(),
});

export const measureParams = z.strictObject({ id: z.coerce.number().int().positive() });
