import { z } from 'zod';
import { investigationStates } from '../../core/investigations/states.ts';
import { isoInstant, limitSchema } from '../http/schemas.ts';
import { investigationFormOutput, investigationFormSchema } from './investigation-form.ts';

export const clockSchema = z.object({
  name: z.enum(['dispatch', 'coreInfo', 'report']),
  deadline: z.string(),
  doneAt: z.string().nullable(),
  remainingSeconds: z.number().nullable(),
  overdue: z.boolean(),
  late: z.boolean(),
});

export const investigationSchema = z
  .object({
    id: z.number(),
    caseId: z.number(),
    caseNumber: z.string(),
    receivedAt: z.string(),
    state: z.enum(investigationStates),
    nextStates: z.array(z.enum(investigationStates)),
    team: z.array(z.number()),
    leadUserId: z.number().nullable(),
    /** The display names of the team and the lead, for showing them by name. */
    members: z.array(z.object({ id: z.number(), displayName: z.string() })),
    dispatchedAt: z.string().nullable(),
    arrivedAt: z.string().nullable(),
    coreInfoAt: z.string().nullable(),
    submittedAt: z.string().nullable(),
    form: investigationFormOutput,
    clocks: z.array(clockSchema),
    overdue: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number(),
  })
  .meta({ id: 'Investigation' });
export type Investigation = z.infer<typeof investigationSchema>;

export const updateInvestigationBody = z.strictObject({
  version: z.number().int().positive(),
  /** The whole form as the client holds it (a draft save replaces the stored form). */
  form: investigationFormSchema.optional(),
  team: z.array(z.number().int().positive()).max(20).optional(),
  leadUserId: z.number().int().positive().nullable().optional(),
  /** When the core information (核心信息) was complete, which stops its clock; null reopens it. */
  coreInfoAt: isoInstant.nullable().optional(),
});
export type UpdateInvestigationInput = z.infer<typeof updateInvestigationBody>;

export const transitionBody = z.strictObject({
  to: z.enum(investigationStates),
  /** When it happened, if recorded afterwards; defaults to now. */
  at: isoInstant.optional(),
  version: z.number().int().positive().optional(),
});
export type TransitionInput = z.infer<typeof transitionBody>;

export const clockItemSchema = z
  .object({
    investigationId: z.number(),
    caseId: z.number(),
    caseNumber: z.string(),
    classification: z.string(),
    divisionCode: z.string(),
    state: z.enum(investigationStates),
    receivedAt: z.string(),
    leadUserId: z.number().nullable(),
    team: z.array(z.number()),
    clocks: z.array(clockSchema),
    overdue: z.boolean(),
  })
  .meta({ id: 'InvestigationClock' });
export type ClockItem = z.infer<typeof clockItemSchema>;

export const clockListSchema = z.object({
  now: z.string(),
  items: z.array(clockItemSchema),
  nextCursor: z.string().nullable(),
});

export const clockListQuery = z.strictObject({
  limit: limitSchema,
  cursor: z.string().max(300).optional(),
});
