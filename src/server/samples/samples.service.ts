import { parseCode, poolCode, sampleCode } from '../../core/lab/codes.ts';
import { poolProblem } from '../../core/lab/pooling.ts';
import { isSampleSpecimen, type SampleSpecimen } from '../../core/lab/plans.ts';
import { dateIn } from '../../core/time/zone.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { SampleRow } from '../db/schema.ts';
import { now, type Executor } from '../db/transaction.ts';
import { AppError, fieldError } from '../errors/app-error.ts';
import { auditOf, type RecordActor } from '../persons/record-actor.ts';
import type { CreateSampleInput, Pool, Sample } from './samples.schema.ts';
import { sampleStatuses, subjectTypes } from './samples.schema.ts';
import {
  advanceSample,
  closeTaskIfDone,
  findSample,
  insertSample,
  samplesOfPool,
} from './samples.repository.ts';

const FUTURE_SLACK_MS = 5 * 60_000;

const isStatus = (v: string): v is Sample['status'] => (sampleStatuses as readonly string[]).includes(v);
const isSubjectType = (v: string): v is Sample['subjectType'] =>
  (subjectTypes as readonly string[]).includes(v);

export function toSample(row: SampleRow): Sample {
  const specimen: SampleSpecimen = isSampleSpecimen(row.specimen) ? row.specimen : 'other';
  return {
    id: Number(row.id),
    code: sampleCode(Number(row.id)),
    subjectType: isSubjectType(row.subject_type) ? row.subject_type : 'person',
    subjectId: Number(row.subject_id),
    personId: Number(row.person_id),
    divisionCode: row.division_code,
    source: row.source,
    planRef: row.plan_ref,
    contactTestId: row.contact_test_id === null ? null : Number(row.contact_test_id),
    plannedDate: row.planned_date,
    windowEnd: row.window_end,
    specimen,
    replicate: row.replicate,
    label: row.label,
    status: isStatus(row.status) ? row.status : 'planned',
    collectedAt: row.collected_at,
    collectedBy: row.collected_by,
    lab: row.lab,
    receivedAt: row.received_at,
    testedAt: row.tested_at,
    poolId: row.pool_id === null ? null : Number(row.pool_id),
    poolCode: row.pool_id === null ? null : poolCode(Number(row.pool_id)),
    retestOfPoolId: row.retest_of_pool_id === null ? null : Number(row.retest_of_pool_id),
    result: row.result,
    taskId: row.task_id === null ? null : Number(row.task_id),
    version: row.version,
  };
}

export function assertNotFuture(at: string, field: string): void {
  if (Date.parse(at) > Date.now() + FUTURE_SLACK_MS) {
    throw fieldError(field, 'in_future');
  }
}

/** The sample a scanned code names, inside the actor's jurisdiction; 404 naming `field` otherwise. */
export async function requireSampleByCode(
  trx: Executor,
  actor: RecordActor,
  code: string,
  field = 'code',
): Promise<SampleRow> {
  const parsed = parseCode(code);
  const row = parsed?.kind === 'sample' ? await findSample(trx, parsed.id, actor.scope) : undefined;
  if (!row) {
    throw new AppError('NOT_FOUND', {
      params: { entity: '样本 / sample' },
      details: [{ field, code: 'unknown_sample', params: { code } }],
    });
  }
  return row;
}

/**
 * A scanned code: the planned sample is collected now by the current user. A code registered before is a
 * 409 naming `code` (a double scan must not move the collection time).
 */
export async function registerByCode(
  trx: Executor,
  actor: RecordActor,
  input: { code: string; collectedAt?: string | undefined; lab?: string | undefined },
): Promise<Sample> {
  const row = await requireSampleByCode(trx, actor, input.code);
  const collectedAt = input.collectedAt ?? now();
  assertNotFuture(collectedAt, 'collectedAt');
  if (row.status !== 'planned') {
    throw new AppError('CONFLICT', {
      params: { reason: row.status },
      details: [
        {
          field: 'code',
          code: row.status === 'cancelled' ? 'sample_status' : 'sample_registered',
          params: { status: row.status },
        },
      ],
    });
  }
  const at = now();
  const patch = {
    status: 'collected',
    collected_at: collectedAt,
    collected_by: actor.username,
    ...(input.lab === undefined ? {} : { lab: input.lab }),
  };
  if (!(await advanceSample(trx, Number(row.id), ['planned'], patch, at))) {
    throw new AppError('CONFLICT', {
      params: { reason: 'collected' },
      details: [{ field: 'code', code: 'sample_registered' }],
    });
  }
  await closeTaskIfDone(trx, row.task_id === null ? null : Number(row.task_id), at);
  await recordAudit(trx, auditOf(actor), {
    action: 'sample.collect',
    entity: 'sample',
    entityId: Number(row.id),
    changes: { status: { before: row.status, after: 'collected' }, collectedAt: { after: collectedAt } },
  });
  return toSample({ ...row, ...patch, updated_at: at, version: row.version + 1 });
}

async function subjectOf(
  trx: Executor,
  actor: RecordActor,
  type: CreateSampleInput['subjectType'],
  id: number,
): Promise<{ personId: number; divisionCode: string; outbreakId: number | null }> {
  const scope = `${actor.scope}%`;
  const row =
    type === 'contact'
      ? await trx
          .selectFrom('contacts')
          .select(['person_id', 'division_code', 'outbreak_id'])
          .where('id', '=', id)
          .where('division_code', 'like', scope)
          .executeTakeFirst()
      : type === 'case'
        ? await trx
            .selectFrom('cases')
            .select(['person_id', 'division_code', 'outbreak_id'])
            .where('id', '=', id)
            .where('division_code', 'like', scope)
            .executeTakeFirst()
        : type === 'key_person'
          ? await trx
              .selectFrom('key_persons')
              .select(['person_id', 'division_code', 'outbreak_id'])
              .where('id', '=', id)
              .where('division_code', 'like', scope)
              .executeTakeFirst()
          : await trx
              .selectFrom('persons')
              .select(['id as person_id', 'division_code'])
              .where('id', '=', id)
              .where('division_code', 'like', scope)
              .executeTakeFirst()
              .then((p) =>
                p ? { ...p, division_code: p.division_code ?? '', outbreak_id: null } : undefined,
              );
  if (!row) {
    throw fieldError('subjectId', 'invalid');
  }
  return {
    personId: Number(row.person_id),
    divisionCode: row.division_code,
    outbreakId: row.outbreak_id === null ? null : Number(row.outbreak_id),
  };
}

/** A sample outside any plan (screening, a doctor's request): planned for a day, or collected already. */
export async function createSample(
  trx: Executor,
  actor: RecordActor,
  input: CreateSampleInput,
  timeZone: string,
): Promise<Sample> {
  if (input.collectedAt !== undefined) {
    assertNotFuture(input.collectedAt, 'collectedAt');
  }
  const subject = await subjectOf(trx, actor, input.subjectType, input.subjectId);
  const at = now();
  const row = {
    outbreak_id: subject.outbreakId,
    subject_type: input.subjectType,
    subject_id: input.subjectId,
    person_id: subject.personId,
    division_code: subject.divisionCode,
    source: 'manual',
    plan_ref: null,
    contact_test_id: null,
    planned_date:
      input.plannedDate ?? (input.collectedAt === undefined ? dateIn(new Date(), timeZone) : null),
    window_end: null,
    specimen: input.specimen,
    replicate: 1,
    label: input.label ?? null,
    status: input.collectedAt === undefined ? 'planned' : 'collected',
    collected_at: input.collectedAt ?? null,
    collected_by: input.collectedAt === undefined ? null : actor.username,
    lab: input.lab ?? null,
    received_at: null,
    tested_at: null,
    pool_id: null,
    retest_of_pool_id: null,
    result: null,
    task_id: null,
    created_at: at,
    updated_at: at,
    version: 1,
  };
  if (row.planned_date !== null) {
    const clash = await trx
      .selectFrom('samples')
      .select((eb) => eb.fn.max('replicate').as('max'))
      .where('subject_type', '=', row.subject_type)
      .where('subject_id', '=', row.subject_id)
      .where('planned_date', '=', row.planned_date)
      .where('specimen', '=', row.specimen)
      .executeTakeFirst();
    row.replicate = Number(clash?.max ?? 0) + 1;
  }
  const id = await insertSample(trx, row);
  await recordAudit(trx, auditOf(actor), {
    action: 'sample.create',
    entity: 'sample',
    entityId: id,
    changes: {
      subject: { after: `${input.subjectType}:${input.subjectId}` },
      specimen: { after: input.specimen },
      status: { after: row.status },
    },
  });
  return toSample({ id, ...row });
}

/**
 * A pooled tube (混采): collected samples, none in another pool, at most `poolMax` of them — one more is a
 * 400 naming `codes`.
 */
export async function createPool(
  trx: Executor,
  actor: RecordActor,
  input: { codes: readonly string[]; lab?: string | undefined },
  poolMax: number,
): Promise<Pool> {
  const rows: SampleRow[] = [];
  for (const [i, code] of input.codes.entries()) {
    rows.push(await requireSampleByCode(trx, actor, code, `codes.${i}`));
  }
  const problem = poolProblem(
    rows.map((r) => Number(r.id)),
    poolMax,
  );
  if (problem) {
    throw fieldError(problem.field.replace('sampleIds', 'codes'), problem.code, problem.params);
  }
  for (const [i, row] of rows.entries()) {
    if (row.pool_id !== null || (row.status !== 'collected' && row.status !== 'received')) {
      throw fieldError(`codes.${i}`, 'pool_member');
    }
  }
  const at = now();
  const first = rows[0];
  const pool = await trx
    .insertInto('sample_pools')
    .values({
      lab: input.lab ?? first?.lab ?? null,
      division_code: commonPrefix(rows.map((r) => r.division_code)),
      size: rows.length,
      status: 'open',
      result: null,
      created_at: at,
      created_by: actor.username,
      tested_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const poolId = Number(pool.id);
  await trx
    .updateTable('samples')
    .set({ pool_id: poolId, updated_at: at, version: (eb) => eb('version', '+', 1) })
    .where(
      'id',
      'in',
      rows.map((r) => Number(r.id)),
    )
    .execute();
  await recordAudit(trx, auditOf(actor), {
    action: 'pool.create',
    entity: 'sample_pool',
    entityId: poolId,
    changes: { members: { after: rows.map((r) => Number(r.id)) } },
  });
  return presentPool(trx, poolId);
}

/** The longest division-code prefix the members share: the pool is visible where all of them are. */
function commonPrefix(codes: readonly string[]): string {
  const [first = '', ...rest] = codes;
  let prefix = first;
  for (const code of rest) {
    while (!code.startsWith(prefix)) {
      prefix = prefix.slice(0, -1);
    }
  }
  return prefix;
}

export async function presentPool(trx: Executor, poolId: number): Promise<Pool> {
  const pool = await trx
    .selectFrom('sample_pools')
    .select(['id', 'size', 'status', 'result', 'lab'])
    .where('id', '=', poolId)
    .executeTakeFirstOrThrow();
  return {
    id: Number(pool.id),
    code: poolCode(Number(pool.id)),
    size: pool.size,
    status: pool.status,
    result: pool.result,
    lab: pool.lab,
    members: (await samplesOfPool(trx, poolId)).map(toSample),
  };
}

/** The lab received the tubes: each sample (or every member of a pool code) collected → received. */
export async function receiveSamples(
  trx: Executor,
  actor: RecordActor,
  input: { codes: readonly string[]; lab?: string | undefined },
): Promise<{ received: number }> {
  const at = now();
  let received = 0;
  for (const [i, code] of input.codes.entries()) {
    const parsed = parseCode(code);
    const ids =
      parsed?.kind === 'pool'
        ? (await samplesOfPool(trx, parsed.id))
            .filter((s) => s.division_code.startsWith(actor.scope))
            .map((s) => Number(s.id))
        : [Number((await requireSampleByCode(trx, actor, code, `codes.${i}`)).id)];
    if (ids.length === 0) {
      throw new AppError('NOT_FOUND', {
        params: { entity: '样本 / sample' },
        details: [{ field: `codes.${i}`, code: 'unknown_sample' }],
      });
    }
    for (const id of ids) {
      if (
        await advanceSample(
          trx,
          id,
          ['collected'],
          { status: 'received', received_at: at, ...(input.lab === undefined ? {} : { lab: input.lab }) },
          at,
        )
      ) {
        received += 1;
      }
    }
  }
  await recordAudit(trx, auditOf(actor), {
    action: 'sample.receive',
    entity: 'sample',
    changes: { codes: { after: input.codes.length }, received: { after: received } },
  });
  return { received };
}
