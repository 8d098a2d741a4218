import { z } from 'zod';
import { classifications, severities } from '../../core/cases/classification.ts';
import { divisionCodePattern } from '../../core/divisions/scope.ts';
import { investigationStates } from '../../core/investigations/states.ts';
import { isoDate, isoInstant, limitSchema } from '../http/schemas.ts';
import { createPersonBody, personSchema } from '../persons/persons.schema.ts';

export const discoveryRoutes = [
  'clinic_visit',
  'contact_screening',
  'mass_screening',
  'entry_quarantine',
  'other',
] as const;

export const caseStatuses = ['in_hospital', 'discharged', 'died'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const divisionCode = z.string().regex(divisionCodePattern, 'division_code');

/** The fields of a case that are edited as a whole (classification has its own command). */
const caseFields = {
  divisionCode: divisionCode.optional(),
  receivedAt: isoInstant,
  reportingInstitution: text(200),
  discoveryRoute: z.enum(discoveryRoutes),
  severity: z.enum(severities).nullable().optional(),
  onsetDate: isoDate.nullable().optional(),
  onsetApproximate: z.boolean().optional(),
  diagnosedAt: isoInstant.nullable().optional(),
  imported: z.boolean().optional(),
  importRelated: z.boolean().optional(),
  hospital: text(200).nullable().optional(),
  status: z.enum(caseStatuses).optional(),
};

export const reportCaseBody = z.strictObject({
  outbreakId: z.number().int().positive(),
  /** An existing person; or `person` to create one in the same transaction. */
  personId: z.number().int().positive().optional(),
  person: createPersonBody.optional(),
  classification: z.enum(['suspected', 'confirmed', 'asymptomatic']).default('suspected'),
  leadUserId: z.number().int().positive().nullable().optional(),
  team: z.array(z.number().int().positive()).max(20).optional(),
  ...caseFields,
});
export type ReportCaseInput = z.infer<typeof reportCaseBody>;

export const updateCaseBody = z.strictObject({
  version: z.number().int().positive(),
  ...caseFields,
  receivedAt: caseFields.receivedAt.optional(),
  reportingInstitution: caseFields.reportingInstitution.optional(),
  discoveryRoute: caseFields.discoveryRoute.optional(),
});
export type UpdateCaseInput = z.infer<typeof updateCaseBody>;

function buildEvidenceSchema<I extends z.ZodType<string, string>>(instant: I) {
  return z.discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('nat'),
      at: instant,
      result: z.enum(['positive', 'negative']),
      specimen: text(64).optional(),
      note: text(500).optional(),
    }),
    z.strictObject({
      kind: z.literal('antibody'),
      at: instant,
      igm: z.enum(['positive', 'negative']),
      igg: z.enum(['positive', 'negative']),
      note: text(500).optional(),
    }),
    z.strictObject({ kind: z.literal('other'), at: instant.optional(), note: text(500) }),
  ]);
}

/** Evidence as a request carries it (instants normalised to UTC). */
export const evidenceSchema = buildEvidenceSchema(isoInstant);

/** Evidence as the server answers it (response schemas must not transform). */
export const evidenceOutput = buildEvidenceSchema(z.string());

export const classificationBody = z.strictObject({
  to: z.enum(classifications),
  reason: text(1000),
  evidence: z.array(evidenceSchema).max(50).default([]),
  /** Optional: the version of the case the change was decided on; a stale one gets 409. */
  version: z.number().int().positive().optional(),
});
export type ClassificationInput = z.infer<typeof classificationBody>;

export const historyItemSchema = z.object({
  id: z.number(),
  at: z.string(),
  userId: z.number().nullable(),
  username: z.string().nullable(),
  from: z.enum(classifications).nullable(),
  to: z.enum(classifications),
  reason: z.string(),
  evidence: z.array(evidenceOutput),
});
export type HistoryItem = z.infer<typeof historyItemSchema>;

export const caseSchema = z
  .object({
    id: z.number(),
    caseNumber: z.string(),
    outbreakId: z.number(),
    person: personSchema,
    divisionCode: z.string(),
    receivedAt: z.string(),
    reportingInstitution: z.string(),
    discoveryRoute: z.enum(discoveryRoutes),
    classification: z.enum(classifications),
    severity: z.enum(severities).nullable(),
    onsetDate: z.string().nullable(),
    onsetApproximate: z.boolean(),
    diagnosedAt: z.string().nullable(),
    imported: z.boolean(),
    importRelated: z.boolean(),
    hospital: z.string().nullable(),
    status: z.enum(caseStatuses),
    investigation: z.object({ id: z.number(), state: z.enum(investigationStates) }).nullable(),
    classificationHistory: z.array(historyItemSchema),
    archived: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number(),
  })
  .meta({ id: 'Case' });
export type Case = z.infer<typeof caseSchema>;

export const caseListItemSchema = z
  .object({
    id: z.number(),
    caseNumber: z.string(),
    outbreakId: z.number(),
    personId: z.number(),
    personName: z.string(),
    personMasked: z.boolean(),
    divisionCode: z.string(),
    receivedAt: z.string(),
    classification: z.enum(classifications),
    severity: z.enum(severities).nullable(),
    onsetDate: z.string().nullable(),
    status: z.enum(caseStatuses),
    investigationState: z.enum(investigationStates).nullable(),
    version: z.number(),
  })
  .meta({ id: 'CaseListItem' });
export type CaseListItem = z.infer<typeof caseListItemSchema>;

export const listCasesQuery = z.strictObject({
  outbreakId: z.coerce.number().int().positive().optional(),
  classification: z.enum(classifications).optional(),
  status: z.enum(caseStatuses).optional(),
  division: divisionCode.optional(),
  onsetFrom: isoDate.optional(),
  onsetTo: isoDate.optional(),
  reportFrom: isoDate.optional(),
  reportTo: isoDate.optional(),
  q: z.string().trim().min(1).max(64).optional(),
  sort: z.enum(['received', 'onset']).default('received'),
  limit: limitSchema,
  cursor: z.string().max(300).optional(),
});
export type ListCasesQuery = z.infer<typeof listCasesQuery>;
