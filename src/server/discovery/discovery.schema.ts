import { z } from 'zod';
import { limitSchema } from '../http/schemas.ts';

export const candidateStatuses = ['pending', 'confirmed', 'dismissed'] as const;

export const runDiscoveryBody = z.strictObject({
  /** Seconds added on both sides of a case visit (PROTOCOLS §7; default 1800). */
  tolerance: z.number().int().min(0).max(86_400).default(1800),
  /** Minimum total seconds in the same grid cell for a 时空伴随 companion (default 600). */
  minOverlap: z.number().int().min(0).max(86_400).default(600),
});

export const discoveryRunSchema = z
  .object({
    id: z.number(),
    outbreakId: z.number(),
    tolerance: z.number(),
    minOverlap: z.number(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    caseVisits: z.number(),
    visitsScanned: z.number().describe('Visits in the imported log the run searched'),
    candidates: z.number(),
    companions: z.number(),
    username: z.string().nullable(),
  })
  .meta({ id: 'DiscoveryRun' });
export type DiscoveryRun = z.infer<typeof discoveryRunSchema>;

export const candidateSchema = z
  .object({
    id: z.number(),
    runId: z.number(),
    kind: z.enum(['contact', 'companion']),
    externalPersonId: z.string(),
    /** From the persons reference, masked unless the caller may read personal data. */
    person: z
      .object({
        name: z.string().nullable(),
        documentType: z.string().nullable(),
        documentNumber: z.string().nullable(),
        phone: z.string().nullable(),
        masked: z.boolean(),
      })
      .nullable(),
    caseId: z.number(),
    caseNumber: z.string(),
    placeId: z.number().nullable(),
    placeName: z.string().nullable(),
    cell: z.string().nullable(),
    overlapSeconds: z.number(),
    firstAt: z.string(),
    lastAt: z.string(),
    status: z.enum(candidateStatuses),
    reason: z.string().nullable(),
    contactId: z.number().nullable(),
    version: z.number(),
  })
  .meta({ id: 'DiscoveryCandidate' });
export type Candidate = z.infer<typeof candidateSchema>;

export const placeCountSchema = z.object({
  placeId: z.number().nullable(),
  placeName: z.string().nullable(),
  candidates: z.number(),
  pending: z.number(),
});

export const listCandidatesQuery = z.strictObject({
  status: z.enum(candidateStatuses).optional(),
  kind: z.enum(['contact', 'companion']).optional(),
  placeId: z.coerce.number().int().positive().optional(),
  limit: limitSchema,
  cursor: z.string().max(40).optional(),
});
export type ListCandidatesQuery = z.infer<typeof listCandidatesQuery>;

export const confirmBody = z.strictObject({
  version: z.number().int().positive(),
  kind: z.enum(['same_space', 'contaminated_environment']).default('same_space'),
  /** An existing person; otherwise one is made (or found by document number) from the persons reference. */
  personId: z.number().int().positive().optional(),
});

export const dismissBody = z.strictObject({
  version: z.number().int().positive(),
  reason: z.string().trim().min(1, 'reason_required').max(500),
});
