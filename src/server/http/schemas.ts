import { isIsoDate, isIsoInstant } from '../../core/protocols/calendar.ts';
import { z } from 'zod';
import { fieldError } from '../errors/app-error.ts';

/**
 * The error shape every failure answers with (documented in OpenAPI under each route's 4xx). Loose, so that
 * codes that carry more (existingId on DUPLICATE, currentVersion on VERSION_CONFLICT, lockedUntil) keep it.
 */
export const errorSchema = z
  .object({
    error: z.looseObject({
      code: z.string(),
      message: z.string(),
      details: z.array(
        z.object({ field: z.string().optional(), code: z.string(), message: z.string().optional() }),
      ),
    }),
  })
  .meta({ id: 'Error' });

export const errorResponses = {
  400: errorSchema,
  401: errorSchema,
  403: errorSchema,
  404: errorSchema,
  409: errorSchema,
};

export const idParams = z.strictObject({ id: z.coerce.number().int().positive() });

export const limitSchema = z.coerce.number().int().min(1).max(500).default(50);

/** Opaque keyset cursor: base64url of the JSON sort key of the last row of the previous page. */
export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** A list query's cursor decoded, or undefined without one; one that does not decode is a 400 naming it. */
export function cursorOf<T>(cursor: string | undefined, schema: z.ZodType<T>): T | undefined {
  if (cursor === undefined) {
    return undefined;
  }
  const decoded = decodeCursor(cursor, schema);
  if (decoded === null) {
    throw fieldError('cursor', 'cursor');
  }
  return decoded;
}

export function decodeCursor<T>(cursor: string, schema: z.ZodType<T>): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** An instant with an explicit offset, a real calendar date (no 02-30 rolled into March), normalised to UTC. */
export const isoInstant = z
  .string()
  .refine(isIsoInstant, 'iso_instant')
  .transform((value) => new Date(value).toISOString());

export const isoDate = z.string().refine(isIsoDate, 'iso_date');

/**
 * The values a keyset cursor carries, checked as strictly as the columns they are compared with: a forged
 * cursor is then a 400 like any bad parameter, never a database error (PostgreSQL refuses to compare a
 * timestamp or a date with other text, or an integer column with a number out of its range).
 */
export const cursorValue = {
  id: z.number().int().min(0).max(2_147_483_647),
  instant: isoInstant,
  date: isoDate,
  text: z.string().max(1000),
};

/** Why a record is archived (DESIGN §6: records are archived with a reason, never deleted). */
export const archiveReason = z.string().trim().min(2).max(300);

/** Refines an update body whose `archived: true` must come with its `archivedReason`. */
export function requireArchiveReason(
  body: { archived?: boolean | undefined; archivedReason?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  if (body.archived === true && body.archivedReason === undefined) {
    ctx.addIssue({ code: 'custom', path: ['archivedReason'], message: 'archive_reason' });
  }
}
