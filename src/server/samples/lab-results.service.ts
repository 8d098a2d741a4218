import { parseCode, poolCode } from '../../core/lab/codes.ts';
import { poolConsequence } from '../../core/lab/pooling.ts';
import { natOutcome, type LabTarget, type Qualitative, type TestedSample } from '../../core/lab/rules.ts';
import { dateIn, nextDate, startOfDay } from '../../core/time/zone.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { setTestStatus } from '../contacts/contacts.repository.ts';
import type { LabResultRow, SampleRow } from '../db/schema.ts';
import { now, type Executor } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import { auditOf, type RecordActor } from '../persons/record-actor.ts';
import { insertTask } from '../tasks/tasks.repository.ts';
import {
  advanceSample,
  findSample,
  insertSample,
  nextReplicate,
  samplesOfPool,
} from './samples.repository.ts';
import type { LabResult } from './samples.schema.ts';
import { evaluateSubject } from './suggestions.service.ts';

export type ResultEntry = { target: LabTarget; ct: number | null; result: Qualitative };
export type ResultBatch = {
  testedAt: string;
  lab: string | null;
  entries: readonly ResultEntry[];
  importId: number | null;
};
export type ApplyOutcome = {
  kind: 'sample' | 'pool';
  id: number;
  outcome: Qualitative | null;
  retests: number;
};

/** What an answer shows of a result; who entered it is the audit trail's to tell. */
export const labResultColumns = [
  'id',
  'sample_id',
  'pool_id',
  'method',
  'target',
  'ct',
  'result',
  'tested_at',
  'lab',
  'import_id',
] as const;

export function toLabResult(row: Pick<LabResultRow, (typeof labResultColumns)[number]>): LabResult {
  return {
    id: Number(row.id),
    sampleId: row.sample_id === null ? null : Number(row.sample_id),
    poolId: row.pool_id === null ? null : Number(row.pool_id),
    method: row.method === 'antibody' ? 'antibody' : 'nat',
    target: row.target,
    ct: row.ct === null ? null : Number(row.ct),
    result: row.result === 'positive' || row.result === 'negative' ? row.result : 'inconclusive',
    testedAt: row.tested_at,
    lab: row.lab,
    importId: row.import_id === null ? null : Number(row.import_id),
  };
}

const methodOf = (target: LabTarget) => (target === 'IgM' || target === 'IgG' ? 'antibody' : 'nat');

/** A sample or pool code a result is for; 404 naming `field` when it is unknown or outside the scope. */
export async function resolveTarget(
  trx: Executor,
  scope: string,
  code: string,
  field: string,
): Promise<{ kind: 'sample'; row: SampleRow } | { kind: 'pool'; id: number; members: SampleRow[] }> {
  const parsed = parseCode(code);
  if (parsed?.kind === 'sample') {
    const row = await findSample(trx, parsed.id, scope);
    if (row && row.status !== 'planned' && row.status !== 'cancelled') {
      return { kind: 'sample', row };
    }
  } else if (parsed?.kind === 'pool') {
    const members = (await samplesOfPool(trx, parsed.id)).filter((m) => m.division_code.startsWith(scope));
    if (members.length > 0) {
      return { kind: 'pool', id: parsed.id, members };
    }
  }
  throw new AppError('NOT_FOUND', {
    params: { entity: '样本 / sample' },
    details: [{ field, code: 'unknown_sample', params: { code } }],
  });
}

/**
 * Stores the results of one test of a sample or a pool and applies them: the sample is tested with its NAT
 * reading, a contact's planned test is done with that result, a positive pool gives each member an
 * individual retest (planned sample and urgent task), a negative pool clears its members, and the lab rules
 * run on every subject touched.
 */
export async function applyResults(
  trx: Executor,
  actor: RecordActor,
  target: Awaited<ReturnType<typeof resolveTarget>>,
  batch: ResultBatch,
  timeZone: string,
): Promise<ApplyOutcome> {
  const at = now();
  const rows = batch.entries.map((entry) => ({
    sample_id: target.kind === 'sample' ? Number(target.row.id) : null,
    pool_id: target.kind === 'pool' ? target.id : null,
    method: methodOf(entry.target),
    target: entry.target,
    ct: entry.ct,
    result: entry.result,
    tested_at: batch.testedAt,
    lab: batch.lab,
    import_id: batch.importId,
    entered_by: actor.username,
    created_at: at,
  }));
  const inserted =
    rows.length === 0 ? [] : await trx.insertInto('lab_results').values(rows).returning('id').execute();
  const tested: TestedSample = {
    sampleId: 0,
    collectedAt: at,
    results: batch.entries.map((e, i) => ({
      id: Number(inserted[i]?.id ?? 0),
      target: e.target,
      ct: e.ct,
      result: e.result,
    })),
  };
  const outcome = natOutcome(tested);
  if (target.kind === 'sample') {
    await markTested(trx, target.row, outcome, batch, at);
    await evaluateSubject(trx, target.row.subject_type, Number(target.row.subject_id), timeZone);
    await recordAudit(trx, auditOf(actor), {
      action: 'lab.result',
      entity: 'sample',
      entityId: Number(target.row.id),
      changes: {
        result: { after: outcome },
        targets: {
          after: batch.entries
            .map((e) => `${e.target}:${e.result}${e.ct === null ? '' : `@${e.ct}`}`)
            .join(','),
        },
      },
    });
    return { kind: 'sample', id: Number(target.row.id), outcome, retests: 0 };
  }
  await trx
    .updateTable('sample_pools')
    .set({
      status: 'tested',
      result: outcome,
      tested_at: batch.testedAt,
      ...(batch.lab === null ? {} : { lab: batch.lab }),
    })
    .where('id', '=', target.id)
    .execute();
  const consequence = poolConsequence(
    outcome ?? 'inconclusive',
    target.members.map((m) => Number(m.id)),
  );
  let retests = 0;
  for (const member of target.members) {
    if (consequence.kind === 'clear') {
      await markTested(trx, member, 'negative', batch, at);
    } else if (consequence.kind === 'retest') {
      await markTested(trx, member, null, batch, at);
      await planRetest(trx, member, target.id, timeZone, at);
      retests += 1;
    }
    await evaluateSubject(trx, member.subject_type, Number(member.subject_id), timeZone);
  }
  await recordAudit(trx, auditOf(actor), {
    action: 'lab.pool_result',
    entity: 'sample_pool',
    entityId: target.id,
    changes: { result: { after: outcome }, retests: { after: retests } },
  });
  return { kind: 'pool', id: target.id, outcome, retests };
}

async function markTested(
  trx: Executor,
  row: SampleRow,
  outcome: Qualitative | null,
  batch: ResultBatch,
  at: string,
): Promise<void> {
  await advanceSample(
    trx,
    Number(row.id),
    ['collected', 'received', 'tested'],
    {
      status: 'tested',
      tested_at: batch.testedAt,
      result: outcome,
      ...(batch.lab === null ? {} : { lab: batch.lab }),
    },
    at,
  );
  if (row.contact_test_id !== null && (outcome === 'positive' || outcome === 'negative')) {
    await setTestStatus(trx, Number(row.contact_test_id), {
      status: 'done',
      result: outcome,
      done_at: row.collected_at ?? batch.testedAt,
    });
  }
}

/** An individual retest of a member of a positive pool: a planned sample today and an urgent task. */
async function planRetest(
  trx: Executor,
  member: SampleRow,
  poolId: number,
  timeZone: string,
  at: string,
): Promise<void> {
  const today = dateIn(new Date(), timeZone);
  const subject = { type: member.subject_type, id: Number(member.subject_id) };
  const taskId = await insertTask(trx, {
    type: 'sample',
    subject_type: member.subject_type,
    subject_id: Number(member.subject_id),
    title: `混采阳性单采复核（${poolCode(poolId)}）`,
    assignee_id: null,
    division_code: member.division_code,
    due_at: startOfDay(nextDate(today), timeZone),
    status: 'open',
    priority: 'urgent',
    created_at: at,
    updated_at: at,
    closed_at: null,
    version: 1,
  });
  await insertSample(trx, {
    outbreak_id: member.outbreak_id,
    subject_type: member.subject_type,
    subject_id: Number(member.subject_id),
    person_id: Number(member.person_id),
    division_code: member.division_code,
    source: 'retest',
    plan_ref: member.plan_ref,
    contact_test_id: null,
    planned_date: today,
    window_end: today,
    specimen: member.specimen,
    replicate: await nextReplicate(trx, subject, today, member.specimen),
    label: '混采阳性单采复核',
    status: 'planned',
    collected_at: null,
    collected_by: null,
    lab: null,
    received_at: null,
    tested_at: null,
    pool_id: null,
    retest_of_pool_id: poolId,
    result: null,
    task_id: taskId,
    created_at: at,
    updated_at: at,
    version: 1,
  });
}
