import { dischargePlan } from '../../core/protocols/index.ts';
import { dateIn, nextDate, startOfDay } from '../../core/time/zone.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { requireCase } from '../cases/cases.service.ts';
import { protocolOfOutbreak } from '../contacts/contact-context.ts';
import { now, type Executor } from '../db/transaction.ts';
import { AppError, fieldError } from '../errors/app-error.ts';
import { auditOf, type RecordActor } from '../persons/record-actor.ts';
import { insertTask } from '../tasks/tasks.repository.ts';
import { dischargeWanted, syncSubjectSamples } from './sampling-plans.ts';
import { samplesOfSubject } from './samples.repository.ts';
import { toSample } from './samples.service.ts';
import type { Sample } from './samples.schema.ts';

const VISIT_TITLE = '出院随访';

/**
 * A case leaves hospital on `dischargeDate`: the case is `discharged`, and its follow-up (observation period,
 * visits as tasks, samplings of the preset and overlay) is planned. Moving the date re-plans: planned samples
 * and open visit tasks of the old date are cancelled, collected samples stay and their step is not planned
 * again.
 */
export async function recordDischarge(
  trx: Executor,
  actor: RecordActor,
  caseId: number,
  input: { dischargeDate: string; version?: number | undefined },
  timeZone: string,
): Promise<DischargeFollowUp> {
  const kase = await requireCase(trx, actor, caseId);
  if (input.dischargeDate < dateIn(new Date(kase.received_at), timeZone)) {
    throw fieldError('dischargeDate', 'discharge_before_report');
  }
  if (input.dischargeDate > dateIn(new Date(), timeZone)) {
    throw fieldError('dischargeDate', 'in_future');
  }
  const at = now();
  const existing = await trx
    .selectFrom('case_discharges')
    .select(['id', 'discharge_date', 'version'])
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  if (existing) {
    // Moving a recorded date needs the version it was read at: without one, a second first recording
    // (two users, or a suggestion accepted after a date was set) would overwrite the first unseen.
    if (input.version !== existing.version) {
      throw new AppError('VERSION_CONFLICT', { extra: { currentVersion: existing.version } });
    }
    await trx
      .updateTable('case_discharges')
      .set({ discharge_date: input.dischargeDate, updated_at: at, version: existing.version + 1 })
      .where('id', '=', existing.id)
      .where('version', '=', existing.version)
      .execute();
  } else {
    await trx
      .insertInto('case_discharges')
      .values({
        case_id: caseId,
        discharge_date: input.dischargeDate,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .execute();
  }
  if (kase.status !== 'discharged') {
    await trx
      .updateTable('cases')
      .set({ status: 'discharged', updated_at: at, version: (eb) => eb('version', '+', 1) })
      .where('id', '=', caseId)
      .execute();
  }
  const preset = await protocolOfOutbreak(trx, Number(kase.outbreak_id));
  const subject = {
    type: 'case' as const,
    id: caseId,
    personId: Number(kase.person_id),
    outbreakId: Number(kase.outbreak_id),
    divisionCode: kase.division_code,
    title: `${kase.case_number} 出院随访采样`,
  };
  const sync = await syncSubjectSamples(
    trx,
    subject,
    'discharge',
    dischargeWanted(preset, input.dischargeDate),
    timeZone,
  );
  await planVisits(
    trx,
    caseId,
    kase.division_code,
    kase.case_number,
    preset,
    input.dischargeDate,
    timeZone,
    at,
  );
  await recordAudit(trx, auditOf(actor), {
    action: 'case.discharge',
    entity: 'case',
    entityId: caseId,
    changes: {
      dischargeDate: { before: existing?.discharge_date ?? null, after: input.dischargeDate },
      status: { before: kase.status, after: 'discharged' },
      plannedSamples: { after: sync.planned },
      cancelledSamples: { after: sync.cancelled },
    },
  });
  return dischargeFollowUp(trx, actor, caseId, timeZone);
}

async function planVisits(
  trx: Executor,
  caseId: number,
  divisionCode: string,
  caseNumber: string,
  preset: Awaited<ReturnType<typeof protocolOfOutbreak>>,
  dischargeDate: string,
  timeZone: string,
  at: string,
): Promise<void> {
  await trx
    .updateTable('tasks')
    .set({ status: 'cancelled', closed_at: at, updated_at: at, version: (eb) => eb('version', '+', 1) })
    .where('subject_type', '=', 'case')
    .where('subject_id', '=', caseId)
    .where('status', '=', 'open')
    .where('title', 'like', `${caseNumber} ${VISIT_TITLE}：%`)
    .execute();
  for (const event of dischargePlan(preset, dischargeDate).events) {
    if (event.kind !== 'visit') {
      continue;
    }
    await insertTask(trx, {
      type: 'other',
      subject_type: 'case',
      subject_id: caseId,
      title: `${caseNumber} ${VISIT_TITLE}：${event.label['zh-CN']}（${event.start} 至 ${event.end}）`,
      assignee_id: null,
      division_code: divisionCode,
      due_at: startOfDay(nextDate(event.end), timeZone),
      status: 'open',
      priority: 'normal',
      created_at: at,
      updated_at: at,
      closed_at: null,
      version: 1,
    });
  }
}

export type DischargeFollowUp = {
  caseId: number;
  dischargeDate: string | null;
  version: number | null;
  observation: { type: string; start: string; end: string; day: number | null; ended: boolean } | null;
  visits: Array<{ taskId: number; title: string; dueAt: string | null; status: string }>;
  samplings: Array<{
    ref: string;
    label: string;
    start: string;
    end: string;
    state: 'upcoming' | 'due' | 'overdue' | 'done';
    samples: Sample[];
  }>;
};

/** Where a discharged case's follow-up stands: observation day, visits, each sampling window and its samples. */
export async function dischargeFollowUp(
  trx: Executor,
  actor: RecordActor,
  caseId: number,
  timeZone: string,
): Promise<DischargeFollowUp> {
  const kase = await requireCase(trx, actor, caseId);
  const record = await trx
    .selectFrom('case_discharges')
    .select(['discharge_date', 'version'])
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  if (!record) {
    return { caseId, dischargeDate: null, version: null, observation: null, visits: [], samplings: [] };
  }
  const preset = await protocolOfOutbreak(trx, Number(kase.outbreak_id));
  const plan = dischargePlan(preset, record.discharge_date);
  const today = dateIn(new Date(), timeZone);
  const dayOf = (date: string) =>
    Math.round(
      (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${record.discharge_date}T00:00:00Z`)) / 86_400_000,
    );
  const samples = (await samplesOfSubject(trx, 'case', caseId))
    .filter((s) => s.source === 'discharge' && s.status !== 'cancelled')
    .map(toSample);
  const visits = await trx
    .selectFrom('tasks')
    .select(['id', 'title', 'due_at', 'status'])
    .where('subject_type', '=', 'case')
    .where('subject_id', '=', caseId)
    .where('status', '!=', 'cancelled')
    .where('title', 'like', `${kase.case_number} ${VISIT_TITLE}：%`)
    .orderBy('due_at')
    .execute();
  let index = 0;
  const samplings: DischargeFollowUp['samplings'] = [];
  for (const event of plan.events) {
    if (event.kind !== 'sampling') {
      continue;
    }
    index += 1;
    const ref = `discharge:${index}`;
    const own = samples.filter((s) => s.planRef === ref);
    const done = own.length > 0 && own.every((s) => s.status !== 'planned');
    const state = done ? 'done' : today > event.end ? 'overdue' : today >= event.start ? 'due' : 'upcoming';
    samplings.push({
      ref,
      label: event.label['zh-CN'],
      start: event.start,
      end: event.end,
      state,
      samples: own,
    });
  }
  return {
    caseId,
    dischargeDate: record.discharge_date,
    version: record.version,
    observation: plan.observation
      ? {
          ...plan.observation,
          day: today < plan.observation.start ? null : dayOf(today),
          ended: today > plan.observation.end,
        }
      : null,
    visits: visits.map((v) => ({ taskId: Number(v.id), title: v.title, dueAt: v.due_at, status: v.status })),
    samplings,
  };
}
