import { z } from 'zod';
import { poolCode } from '../../core/lab/codes.ts';
import { maskName } from '../../core/identity/masking.ts';
import type { Executor } from '../db/transaction.ts';
import { cursorOf, cursorValue, encodeCursor, isoDate, limitSchema } from '../http/schemas.ts';
import { seesPersonal, type RecordActor } from '../persons/record-actor.ts';
import { sampleColumns } from './samples.repository.ts';
import { sampleSchema, sampleStatuses, subjectTypes, type Sample } from './samples.schema.ts';
import { toSample } from './samples.service.ts';
import { qualitatives } from '../../core/lab/rules.ts';
import { sampleSpecimens } from '../../core/lab/plans.ts';
import { nextDate, startOfDay } from '../../core/time/zone.ts';

/**
 * Lists of samples and pools for the lab and the dashboard's links (`/samples/list?status=received`): newest
 * first, keyset-paged on id, inside the jurisdiction, the subject's name masked per role.
 */

export const sampleListQuery = z.strictObject({
  status: z.enum(sampleStatuses).optional(),
  /** `pending` = a pooled sample whose pool was not negative: no result of its own until its retest. */
  result: z.enum([...qualitatives, 'pending']).optional(),
  specimen: z.enum(sampleSpecimens).optional(),
  date: isoDate.optional(),
  /**
   * The day (deployment time zone) a result was entered: the dashboard's "results today" for its date,
   * counted over the same window of instants.
   */
  testedOn: isoDate.optional(),
  division: z
    .string()
    .regex(/^\d{1,12}$/, 'division_code')
    .optional(),
  subjectType: z.enum(subjectTypes).optional(),
  subjectId: z.coerce.number().int().positive().optional(),
  poolId: z.coerce.number().int().positive().optional(),
  retestOfPoolId: z.coerce.number().int().positive().optional(),
  limit: limitSchema,
  cursor: z.string().max(300).optional(),
});
export type SampleListQuery = z.infer<typeof sampleListQuery>;

export const listedSampleSchema = sampleSchema.extend({ name: z.string() });
export type ListedSample = z.infer<typeof listedSampleSchema>;
export const sampleListSchema = z.object({
  items: z.array(listedSampleSchema),
  nextCursor: z.string().nullable(),
});

const cursorSchema = z.object({ id: cursorValue.id });

/** The narrower of the actor's scope and the requested division; null when they do not overlap. */
function scopeOf(actor: RecordActor, division: string | undefined): string | null {
  if (division === undefined || division.startsWith(actor.scope)) {
    return division ?? actor.scope;
  }
  return actor.scope.startsWith(division) ? actor.scope : null;
}

export async function listSamples(
  db: Executor,
  actor: RecordActor,
  query: SampleListQuery,
  timeZone: string,
): Promise<z.infer<typeof sampleListSchema>> {
  const scope = scopeOf(actor, query.division);
  if (scope === null) {
    return { items: [], nextCursor: null };
  }
  const after = cursorOf(query.cursor, cursorSchema)?.id;
  let select = db
    .selectFrom('samples as s')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .select(sampleColumns.map((c) => `s.${c}` as const))
    .select('p.name')
    .where('s.division_code', 'like', `${scope}%`);
  if (query.status !== undefined) {
    select = select.where('s.status', '=', query.status);
  }
  if (query.result === 'pending') {
    select = select
      .where('s.status', '=', 'tested')
      .where('s.result', 'is', null)
      .where('s.pool_id', 'is not', null);
  } else if (query.result !== undefined) {
    select = select.where('s.result', '=', query.result);
  }
  if (query.specimen !== undefined) {
    select = select.where('s.specimen', '=', query.specimen);
  }
  if (query.date !== undefined) {
    select = select.where('s.planned_date', '=', query.date);
  }
  if (query.testedOn !== undefined) {
    // The dashboard's window: from the start of the day to the start of the next, in the deployment zone.
    select = select
      .where('s.tested_at', '>=', startOfDay(query.testedOn, timeZone))
      .where('s.tested_at', '<', startOfDay(nextDate(query.testedOn), timeZone));
  }
  if (query.subjectType !== undefined) {
    select = select.where('s.subject_type', '=', query.subjectType);
  }
  if (query.subjectId !== undefined) {
    select = select.where('s.subject_id', '=', query.subjectId);
  }
  if (query.poolId !== undefined) {
    select = select.where('s.pool_id', '=', query.poolId);
  }
  if (query.retestOfPoolId !== undefined) {
    select = select.where('s.retest_of_pool_id', '=', query.retestOfPoolId);
  }
  if (after !== undefined) {
    select = select.where('s.id', '<', after);
  }
  const rows = await select
    .orderBy('s.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const personal = seesPersonal(actor, true);
  const last = page.at(-1);
  return {
    items: page.map(({ name, ...row }) => ({ ...toSample(row), name: personal ? name : maskName(name) })),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ id: Number(last.id) }) : null,
  };
}

export const poolListQuery = z.strictObject({
  status: z.enum(['open', 'tested']).optional(),
  result: z.enum(qualitatives).optional(),
  limit: limitSchema,
});

export const pooledSummarySchema = z.object({
  id: z.number(),
  code: z.string(),
  size: z.number(),
  status: z.string(),
  result: z.string().nullable(),
  lab: z.string().nullable(),
  createdAt: z.string(),
  testedAt: z.string().nullable(),
  /** A positive pool's individual retests: planned, then collected and tested one by one. */
  retests: z.array(listedSampleSchema),
});
export const poolListSchema = z.object({ items: z.array(pooledSummarySchema) });

/** Pools inside the jurisdiction, newest first; positive ones carry their members' retests. */
export async function listPools(
  db: Executor,
  actor: RecordActor,
  query: z.infer<typeof poolListQuery>,
): Promise<z.infer<typeof poolListSchema>> {
  let select = db
    .selectFrom('sample_pools')
    .select(['id', 'size', 'status', 'result', 'lab', 'created_at', 'tested_at'])
    .where('division_code', 'like', `${actor.scope}%`);
  if (query.status !== undefined) {
    select = select.where('status', '=', query.status);
  }
  if (query.result !== undefined) {
    select = select.where('result', '=', query.result);
  }
  const pools = await select.orderBy('id', 'desc').limit(query.limit).execute();
  const positive = pools.filter((p) => p.result === 'positive').map((p) => Number(p.id));
  const retests =
    positive.length === 0
      ? []
      : await db
          .selectFrom('samples as s')
          .innerJoin('persons as p', 'p.id', 's.person_id')
          .select(sampleColumns.map((c) => `s.${c}` as const))
          .select('p.name')
          .where('s.retest_of_pool_id', 'in', positive)
          .where('s.division_code', 'like', `${actor.scope}%`)
          .orderBy('s.id')
          .execute();
  const personal = seesPersonal(actor, true);
  return {
    items: pools.map((pool) => ({
      id: Number(pool.id),
      code: poolCode(Number(pool.id)),
      size: pool.size,
      status: pool.status,
      result: pool.result,
      lab: pool.lab,
      createdAt: pool.created_at,
      testedAt: pool.tested_at,
      retests: retests
        .filter((r) => Number(r.retest_of_pool_id) === Number(pool.id))
        .map(({ name, ...row }) => ({ ...toSample(row), name: personal ? name : maskName(name) })),
    })),
  };
}

/** A sample with its person's name, masked for roles without personal data. */
export async function withName(db: Executor, actor: RecordActor, sample: Sample): Promise<ListedSample> {
  const person = await db
    .selectFrom('persons')
    .select('name')
    .where('id', '=', sample.personId)
    .executeTakeFirst();
  const name = person?.name ?? '';
  return { ...sample, name: seesPersonal(actor, true) ? name : maskName(name) };
}
