import { z } from 'zod';
import { CT_MAX, CT_MIN } from '../../core/lab/criteria.ts';
import { mappingKeys } from '../../core/lab/lab-row.ts';
import { sampleSpecimens } from '../../core/lab/plans.ts';
import { antibodyTargets, natTargets, qualitatives } from '../../core/lab/rules.ts';
import { isoDate, isoInstant } from '../http/schemas.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

export const sampleStatuses = ['planned', 'collected', 'received', 'tested', 'cancelled'] as const;
export const subjectTypes = ['case', 'contact', 'key_person', 'person'] as const;

export const sampleSchema = z
  .object({
    id: z.number(),
    code: z.string(),
    subjectType: z.enum(subjectTypes),
    subjectId: z.number(),
    personId: z.number(),
    divisionCode: z.string(),
    source: z.string(),
    planRef: z.string().nullable(),
    contactTestId: z.number().nullable(),
    plannedDate: z.string().nullable(),
    windowEnd: z.string().nullable(),
    specimen: z.enum(sampleSpecimens),
    replicate: z.number(),
    label: z.string().nullable(),
    status: z.enum(sampleStatuses),
    collectedAt: z.string().nullable(),
    collectedBy: z.string().nullable(),
    lab: z.string().nullable(),
    receivedAt: z.string().nullable(),
    testedAt: z.string().nullable(),
    poolId: z.number().nullable(),
    poolCode: z.string().nullable(),
    retestOfPoolId: z.number().nullable(),
    result: z.string().nullable(),
    taskId: z.number().nullable(),
    version: z.number(),
  })
  .meta({ id: 'Sample' });
export type Sample = z.infer<typeof sampleSchema>;

export const registerBody = z.strictObject({
  code: text(40),
  /** Defaults to now; a scanner registers at the moment of collection. */
  collectedAt: isoInstant.optional(),
  lab: text(100).optional(),
});

export const createSampleBody = z.strictObject({
  subjectType: z.enum(subjectTypes),
  subjectId: z.number().int().positive(),
  specimen: z.enum(sampleSpecimens),
  plannedDate: isoDate.optional(),
  collectedAt: isoInstant.optional(),
  lab: text(100).optional(),
  label: text(200).optional(),
});
export type CreateSampleInput = z.infer<typeof createSampleBody>;

export const poolBody = z.strictObject({
  codes: z.array(text(40)).min(1, 'pool_empty').max(200),
  lab: text(100).optional(),
});

export const poolSchema = z.object({
  id: z.number(),
  code: z.string(),
  size: z.number(),
  status: z.string(),
  result: z.string().nullable(),
  lab: z.string().nullable(),
  members: z.array(sampleSchema),
});
export type Pool = z.infer<typeof poolSchema>;

export const receiveBody = z.strictObject({
  codes: z.array(text(40)).min(1).max(1000),
  lab: text(100).optional(),
});

const ct = z.number().min(CT_MIN, 'ct_range').max(CT_MAX, 'ct_range').nullable().optional();
export const labResultBody = z.strictObject({
  code: text(40),
  testedAt: isoInstant,
  lab: text(100).optional(),
  nat: z
    .array(z.strictObject({ target: z.enum(natTargets), ct, result: z.enum(qualitatives).optional() }))
    .max(2)
    .default([]),
  antibodies: z
    .array(z.strictObject({ target: z.enum(antibodyTargets), result: z.enum(qualitatives) }))
    .max(2)
    .default([]),
});
export type LabResultInput = z.infer<typeof labResultBody>;

export const labResultSchema = z
  .object({
    id: z.number(),
    sampleId: z.number().nullable(),
    poolId: z.number().nullable(),
    method: z.enum(['nat', 'antibody']),
    target: z.string(),
    ct: z.number().nullable(),
    result: z.enum(qualitatives),
    testedAt: z.string(),
    lab: z.string().nullable(),
    importId: z.number().nullable(),
  })
  .meta({ id: 'LabResult' });
export type LabResult = z.infer<typeof labResultSchema>;

export const mappingSchema = z
  .record(z.enum(mappingKeys), z.string().min(1).max(100))
  .refine((m) => typeof m.code === 'string' && typeof m.testedAt === 'string', 'required');

export const rowErrorSchema = z.object({
  line: z.number(),
  field: z.string(),
  code: z.string(),
  message: z.string(),
  value: z.string().nullable(),
});
export const importResultSchema = z.object({
  importId: z.number(),
  rows: z.number(),
  imported: z.number(),
  badRows: z.array(rowErrorSchema),
  pools: z.object({ positive: z.number(), negative: z.number() }),
  retests: z.number(),
});

export const suggestionKinds = ['convert', 'exclude', 'discharge', 'repositive'] as const;
export const suggestionSchema = z
  .object({
    id: z.number(),
    kind: z.enum(suggestionKinds),
    subjectType: z.string(),
    subjectId: z.number(),
    /** The person's name (masked per role) and the case: the case itself, or the one a contact became. */
    subject: z
      .object({ name: z.string(), caseNumber: z.string().nullable(), caseId: z.number().nullable() })
      .nullable(),
    divisionCode: z.string(),
    restsOn: z.array(labResultSchema),
    reason: z.string(),
    message: z.string(),
    status: z.enum(['open', 'accepted', 'dismissed']),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
    decidedBy: z.string().nullable(),
    note: z.string().nullable(),
    version: z.number(),
    /** What accepting does, in the caller's words. */
    action: z.string(),
  })
  .meta({ id: 'LabSuggestion' });
export type SuggestionView = z.infer<typeof suggestionSchema>;

export const suggestionsQuery = z.strictObject({
  status: z.enum(['open', 'accepted', 'dismissed']).optional(),
  kind: z.enum(suggestionKinds).optional(),
  subjectType: z.enum(subjectTypes).optional(),
  subjectId: z.coerce.number().int().positive().optional(),
});

export const decideBody = z.strictObject({
  version: z.number().int().positive(),
  decision: z.enum(['accept', 'dismiss']),
  note: text(1000).optional(),
  /** For `convert`: how the new case is reported. */
  classification: z.enum(['suspected', 'confirmed', 'asymptomatic']).optional(),
  reportingInstitution: text(200).optional(),
  /** For `discharge`: the day the case left hospital (defaults to today). */
  dischargeDate: isoDate.optional(),
});
export type DecideInput = z.infer<typeof decideBody>;

export const dischargeBody = z.strictObject({
  dischargeDate: isoDate,
  /** The version of the discharge record, required to move a recorded date; missing or stale → 409. */
  version: z.number().int().positive().optional(),
});

export const keyPersonBody = z.strictObject({
  outbreakId: z.number().int().positive(),
  personId: z.number().int().positive(),
  reason: z.enum(['inbound_travel', 'high_risk_area', 'occupational', 'other']),
  rule: z.enum(['close', 'secondary']),
  arrivedAt: isoInstant,
});

export const dayListQuery = z.strictObject({
  date: isoDate,
  division: z
    .string()
    .regex(/^\d{1,12}$/, 'division_code')
    .optional(),
});

export const dayListEntrySchema = z.object({
  sampleId: z.number(),
  code: z.string(),
  status: z.enum(sampleStatuses),
  specimen: z.string(),
  label: z.string().nullable(),
  subjectType: z.string(),
  subjectId: z.number(),
  name: z.string(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  poolCode: z.string().nullable(),
});
export const dayListSchema = z.object({
  date: z.string(),
  division: z.string().nullable(),
  total: z.number(),
  collected: z.number(),
  groups: z.array(
    z.object({
      key: z.string(),
      kind: z.enum(['division', 'site']),
      name: z.string(),
      entries: z.array(dayListEntrySchema),
    }),
  ),
});
export type DayList = z.infer<typeof dayListSchema>;
