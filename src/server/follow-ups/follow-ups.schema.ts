import { z } from 'zod';
import { isoDate, isoInstant, limitSchema } from '../http/schemas.ts';
import { contactPersonSchema } from '../contacts/contacts.schema.ts';

/** The symptom checklist of the daily health check. */
export const followUpSymptoms = [
  'fever',
  'cough',
  'sore_throat',
  'fatigue',
  'diarrhoea',
  'loss_of_smell_taste',
  'shortness_of_breath',
  'other',
] as const;

/** From this temperature on (°C) a follow-up counts as fever. */
export const FEVER_FROM = 37.3;

export const followUpBody = z.strictObject({
  at: isoInstant,
  temperature: z
    .number()
    .refine((t) => t >= 35 && t <= 42, 'temperature_range')
    .describe('°C, 35.0–42.0; from 37.3 it raises a fever alert'),
  symptoms: z.array(z.enum(followUpSymptoms)).max(8).default([]),
  note: z.string().trim().min(1).max(500).optional(),
});
export type FollowUpInput = z.infer<typeof followUpBody>;

export const followUpSchema = z
  .object({
    id: z.number(),
    contactId: z.number(),
    at: z.string(),
    day: z.string(),
    temperature: z.number(),
    symptoms: z.array(z.enum(followUpSymptoms)),
    note: z.string().nullable(),
    username: z.string().nullable(),
    /** Set when this follow-up raised an alert. */
    alertId: z.number().nullable(),
  })
  .meta({ id: 'FollowUp' });
export type FollowUp = z.infer<typeof followUpSchema>;

export const missedDaySchema = z.object({ date: z.string(), expected: z.number(), recorded: z.number() });

export const dueQuery = z.strictObject({
  /** Defaults to today in the deployment time zone. */
  date: isoDate.optional(),
  limit: limitSchema,
  cursor: z.string().max(200).optional(),
});

export const listFollowUpsQuery = z
  .strictObject({
    contactId: z.coerce.number().int().positive().optional(),
    /** Calendar days in the deployment time zone, both included. */
    from: isoDate.optional(),
    to: isoDate.optional(),
    /** `true`: only the checks with fever or a symptom; `false`: only the normal ones. */
    abnormal: z.enum(['true', 'false']).optional(),
    limit: limitSchema,
    cursor: z.string().max(200).optional(),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    path: ['to'],
    message: 'end_before_start',
  });
export type ListFollowUpsQuery = z.infer<typeof listFollowUpsQuery>;

export const dueItemSchema = z.object({
  contactId: z.number(),
  person: contactPersonSchema,
  status: z.string(),
  expected: z.number(),
  recorded: z.number(),
  siteId: z.number().nullable(),
  roomNumber: z.string().nullable(),
});

export const alertStatuses = ['open', 'acknowledged', 'closed'] as const;

export const alertSchema = z
  .object({
    id: z.number(),
    contactId: z.number(),
    person: contactPersonSchema,
    followUpId: z.number().nullable(),
    /** 'fever', 'positive_test' and/or symptom codes. */
    reasons: z.array(z.string()),
    /** What to do: sample the contact, or transfer them to a fever clinic / hospital. */
    suggestion: z.enum(['sampling', 'transfer']),
    status: z.enum(alertStatuses),
    note: z.string().nullable(),
    createdAt: z.string(),
    acknowledgedAt: z.string().nullable(),
    acknowledgedBy: z.string().nullable(),
    closedAt: z.string().nullable(),
    closedBy: z.string().nullable(),
    version: z.number(),
  })
  .meta({ id: 'Alert' });
export type Alert = z.infer<typeof alertSchema>;

export const listAlertsQuery = z.strictObject({
  status: z.enum(alertStatuses).optional(),
  contactId: z.coerce.number().int().positive().optional(),
  limit: limitSchema,
  cursor: z.string().max(200).optional(),
});

export const alertActionBody = z.strictObject({
  version: z.number().int().positive(),
  note: z.string().trim().min(1).max(500).optional(),
});
