import { sql } from 'kysely';
import { z } from 'zod';
import { qualitatives } from '../../core/lab/rules.ts';
import type { Executor } from '../db/transaction.ts';
import { fieldError } from '../errors/app-error.ts';
import { cursorOf, cursorValue, encodeCursor, isoInstant, limitSchema } from '../http/schemas.ts';
import type { RecordActor } from '../persons/record-actor.ts';
import { labResultColumns, toLabResult } from './lab-results.service.ts';
import { labResultSchema } from './samples.schema.ts';

/**
 * The list of lab results: newest test first, keyset-paged on (tested_at, id), inside the jurisdiction. A
 * result is of a sample or of a pool, and each is scoped as the sample and pool lists scope them. A result
 * names its sample or pool by id and carries nobody's personal data, so there is nothing to mask per role.
 */

export const labResultListQuery = z.strictObject({
  /** The results entered for the sample itself; a pooled sample's results are its pool's (`poolId`). */
  sampleId: z.coerce.number().int().positive().optional(),
  poolId: z.coerce.number().int().positive().optional(),
  result: z.enum(qualitatives).optional(),
  /** Tested at or after `from` and before `to`. */
  from: isoInstant.optional(),
  to: isoInstant.optional(),
  limit: limitSchema,
  cursor: z.string().max(300).optional(),
});
export type LabResultListQuery = z.infer<typeof labResultListQuery>;

export const labResultListSchema = z.object({
  items: z.array(labResultSchema),
  nextCursor: z.string().nullable(),
});

const cursorSchema = z.object({ t: cursorValue.instant, id: cursorValue.id });

export async function listLabResults(
  db: Executor,
  actor: RecordActor,
  query: LabResultListQuery,
): Promise<z.infer<typeof labResultListSchema>> {
  // Both are normalised to UTC with milliseconds, so text order is time order.
  if (query.from !== undefined && query.to !== undefined && query.to <= query.from) {
    throw fieldError('to', 'end_after_start');
  }
  const after = cursorOf(query.cursor, cursorSchema);
  const scope = `${actor.scope}%`;
  let select = db
    .selectFrom('lab_results as r')
    .leftJoin('samples as s', 's.id', 'r.sample_id')
    .leftJoin('sample_pools as p', 'p.id', 'r.pool_id')
    .select(labResultColumns.map((c) => `r.${c}` as const))
    .where((eb) => eb.or([eb('s.division_code', 'like', scope), eb('p.division_code', 'like', scope)]));
  if (query.sampleId !== undefined) {
    select = select.where('r.sample_id', '=', query.sampleId);
  }
  if (query.poolId !== undefined) {
    select = select.where('r.pool_id', '=', query.poolId);
  }
  if (query.result !== undefined) {
    select = select.where('r.result', '=', query.result);
  }
  if (query.from !== undefined) {
    select = select.where('r.tested_at', '>=', query.from);
  }
  if (query.to !== undefined) {
    select = select.where('r.tested_at', '<', query.to);
  }
  if (after !== undefined) {
    select = select.where(sql<boolean>`(r.tested_at, r.id) < (${after.t}, ${after.id})`);
  }
  const rows = await select
    .orderBy('r.tested_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toLabResult),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor({ t: last.tested_at, id: Number(last.id) }) : null,
  };
}
