import { sql } from 'kysely';
import type { NewSampleRow, SampleRow } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';

export const sampleColumns = [
  'id',
  'outbreak_id',
  'subject_type',
  'subject_id',
  'person_id',
  'division_code',
  'source',
  'plan_ref',
  'contact_test_id',
  'planned_date',
  'window_end',
  'specimen',
  'replicate',
  'label',
  'status',
  'collected_at',
  'collected_by',
  'lab',
  'received_at',
  'tested_at',
  'pool_id',
  'retest_of_pool_id',
  'result',
  'task_id',
  'created_at',
  'updated_at',
  'version',
] as const;

/** A sample inside the scope (division-code prefix), or undefined. */
export async function findSample(db: Executor, id: number, scope: string): Promise<SampleRow | undefined> {
  return db
    .selectFrom('samples')
    .select(sampleColumns)
    .where('id', '=', id)
    .where('division_code', 'like', `${scope}%`)
    .executeTakeFirst();
}

export async function samplesOfPool(db: Executor, poolId: number): Promise<SampleRow[]> {
  return db.selectFrom('samples').select(sampleColumns).where('pool_id', '=', poolId).orderBy('id').execute();
}

export async function samplesOfSubject(
  db: Executor,
  subjectType: string,
  subjectId: number,
): Promise<SampleRow[]> {
  return db
    .selectFrom('samples')
    .select(sampleColumns)
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .orderBy('planned_date')
    .orderBy('id')
    .execute();
}

/**
 * Inserts planned samples, or — when a sample with the same identity (subject, planned date, specimen,
 * replicate) is already there — leaves a collected one alone and brings a cancelled one back.
 */
export async function upsertPlanned(db: Executor, rows: readonly NewSampleRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const batch = rows.slice(i, i + 500);
    if (batch.length === 0) {
      continue;
    }
    await db
      .insertInto('samples')
      .values([...batch])
      .onConflict((oc) =>
        oc.columns(['subject_type', 'subject_id', 'planned_date', 'specimen', 'replicate']).doUpdateSet({
          status: sql<string>`case when samples.status = 'cancelled' then 'planned' else samples.status end`,
          contact_test_id: sql<
            number | null
          >`case when samples.status = 'cancelled' then excluded.contact_test_id else coalesce(samples.contact_test_id, excluded.contact_test_id) end`,
          plan_ref: sql<
            string | null
          >`case when samples.status = 'cancelled' then excluded.plan_ref else samples.plan_ref end`,
          window_end: sql<
            string | null
          >`case when samples.status = 'cancelled' then excluded.window_end else samples.window_end end`,
          label: sql<
            string | null
          >`case when samples.status = 'cancelled' then excluded.label else samples.label end`,
          task_id: sql<
            number | null
          >`case when samples.status = 'cancelled' then excluded.task_id else samples.task_id end`,
        }),
      )
      .execute();
  }
}

export async function insertSample(db: Executor, row: NewSampleRow): Promise<number> {
  const inserted = await db.insertInto('samples').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(inserted.id);
}

/** Moves a sample on from the status it was read in; false when someone else moved it first. */
export async function advanceSample(
  db: Executor,
  id: number,
  from: readonly string[],
  patch: Partial<
    Pick<
      SampleRow,
      'status' | 'collected_at' | 'collected_by' | 'lab' | 'received_at' | 'tested_at' | 'pool_id' | 'result'
    >
  >,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('samples')
    .set({ ...patch, updated_at: at, version: (eb) => eb('version', '+', 1) })
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The next free replicate number of a subject's specimen on a day (a retest beside a first sample). */
export async function nextReplicate(
  db: Executor,
  subject: { type: string; id: number },
  date: string,
  specimen: string,
): Promise<number> {
  const row = await db
    .selectFrom('samples')
    .select((eb) => eb.fn.max('replicate').as('max'))
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', subject.id)
    .where('planned_date', '=', date)
    .where('specimen', '=', specimen)
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

export async function closeTaskIfDone(db: Executor, taskId: number | null, at: string): Promise<void> {
  if (taskId === null) {
    return;
  }
  const open = await db
    .selectFrom('samples')
    .select('id')
    .where('task_id', '=', taskId)
    .where('status', '=', 'planned')
    .executeTakeFirst();
  if (open) {
    return;
  }
  await db
    .updateTable('tasks')
    .set({ status: 'done', closed_at: at, updated_at: at, version: (eb) => eb('version', '+', 1) })
    .where('id', '=', taskId)
    .where('status', '=', 'open')
    .execute();
}
