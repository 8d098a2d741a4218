import { z } from 'zod';
import { limitSchema } from '../http/schemas.ts';

export const badRowSchema = z.object({ line: z.number(), field: z.string(), reason: z.string() });

export const visitImportSchema = z
  .object({
    id: z.number(),
    fileName: z.string(),
    status: z.enum(['running', 'done', 'failed']),
    rows: z.number(),
    badRows: z.number(),
    /** The first bad rows; all of them are in the errors CSV (`GET /api/v1/visit-imports/:id/errors.csv`). */
    firstBadRows: z.array(badRowSchema),
    bytes: z.number(),
    totalBytes: z.number(),
    failure: z.string().nullable(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    username: z.string().nullable(),
  })
  .meta({ id: 'VisitImport' });
export type VisitImport = z.infer<typeof visitImportSchema>;

export const listImportsQuery = z.strictObject({
  limit: limitSchema,
  cursor: z.string().max(200).optional(),
});

/** Multipart form fields of an upload (the files are `file`, `personsRef`, `placesRef`). */
export const uploadFields = z.strictObject({
  dwell: z.coerce.number().int().min(0).max(86_400).optional(),
});
