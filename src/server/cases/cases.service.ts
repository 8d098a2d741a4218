import { z } from 'zod';
import type { Classification, Severity } from '../../core/cases/classification.ts';
import { isWithin } from '../../core/divisions/scope.ts';
import { diff, recordAudit } from '../audit/audit.service.ts';
import type { Config } from '../config/config.ts';
import type { CaseClassificationHistoryRow, CaseRow } from '../db/schema.ts';
import { now, type Executor } from '../db/transaction.ts';
import { AppError, fieldError } from '../errors/app-error.ts';
import { assertUsers } from '../investigations/investigations.service.ts';
import { checkDivision, checkTimes, taskDueTimes } from './case-checks.ts';
import { findInvestigationOfCase, insertInvestigation } from '../investigations/investigations.repository.ts';
import { findPerson } from '../persons/persons.repository.ts';
import { createPerson, presentPerson } from '../persons/persons.service.ts';
import { auditOf, type RecordActor } from '../persons/record-actor.ts';
import { formatCaseNumber, requireOutbreak } from '../outbreaks/outbreaks.service.ts';
import { nextCaseCounter } from '../outbreaks/outbreaks.repository.ts';
import { insertTask, retimeSubjectTasks } from '../tasks/tasks.repository.ts';
import type {
  Case,
  HistoryItem,
  ReportCaseInput,
  UpdateCaseInput,
  caseStatuses,
  discoveryRoutes,
} from './cases.schema.ts';
import { evidenceSchema } from './cases.schema.ts';
import { findCase, historyOf, insertCase, insertHistory, updateCase } from './cases.repository.ts';

export type CaseSettings = Pick<
  Config,
  'timeZone' | 'slaDispatchMinutes' | 'slaCoreInfoHours' | 'slaReportHours'
>;

export function toHistoryItem(row: CaseClassificationHistoryRow): HistoryItem {
  const evidence = z.array(evidenceSchema).safeParse(JSON.parse(row.evidence));
  return {
    id: Number(row.id),
    at: row.at,
    userId: row.user_id === null ? null : Number(row.user_id),
    username: row.username,
    from: row.from_classification as Classification | null,
    to: row.to_classification as Classification,
    reason: row.reason,
    evidence: evidence.success ? evidence.data : [],
  };
}

/** A case inside the actor's jurisdiction, or 404 (a case outside it does not exist for them). */
export async function requireCase(trx: Executor, actor: RecordActor, id: number): Promise<CaseRow> {
  const row = await findCase(trx, id);
  if (!row || !isWithin(actor.scope, row.division_code)) {
    throw new AppError('NOT_FOUND', { params: { entity: '病例 / case' } });
  }
  return row;
}

/** The case with its person (masked unless the actor's role may read personal data) and history. */
export async function getCase(trx: Executor, actor: RecordActor, id: number): Promise<Case> {
  const row = await requireCase(trx, actor, id);
  const person = await findPerson(trx, Number(row.person_id), actor.scope);
  if (!person) {
    throw new AppError('NOT_FOUND', { params: { entity: '人员 / person' } });
  }
  const investigation = await findInvestigationOfCase(trx, id);
  const history = await historyOf(trx, id);
  return {
    id: Number(row.id),
    caseNumber: row.case_number,
    outbreakId: Number(row.outbreak_id),
    person: presentPerson(actor, { ...person, inside: 1 }),
    divisionCode: row.division_code,
    receivedAt: row.received_at,
    reportingInstitution: row.reporting_institution,
    discoveryRoute: row.discovery_route as (typeof discoveryRoutes)[number],
    classification: row.classification as Classification,
    severity: row.severity as Severity | null,
    onsetDate: row.onset_date,
    onsetApproximate: row.onset_approximate === 1,
    diagnosedAt: row.diagnosed_at,
    imported: row.imported === 1,
    importRelated: row.import_related === 1,
    hospital: row.hospital,
    status: row.status as (typeof caseStatuses)[number],
    investigation: investigation
      ? {
          id: Number(investigation.id),
          state: investigation.state as NonNullable<Case['investigation']>['state'],
        }
      : null,
    classificationHistory: history.map(toHistoryItem),
    archived: row.archived === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/**
 * Reports a case in one transaction: the person (created, or linked by id), the case number from the
 * outbreak's mask, the first classification entry, the investigation and its dispatch and report tasks.
 */
export async function reportCase(
  trx: Executor,
  actor: RecordActor,
  input: ReportCaseInput,
  settings: CaseSettings,
): Promise<Case> {
  if ((input.personId === undefined) === (input.person === undefined)) {
    throw fieldError(input.person === undefined ? 'personId' : 'person', 'required');
  }
  const outbreak = await requireOutbreak(trx, actor, input.outbreakId).catch(() => {
    throw fieldError('outbreakId', 'unknown_outbreak');
  });
  // An archived outbreak is closed: its case numbers and counts are final.
  if (outbreak.archived === 1) {
    throw fieldError('outbreakId', 'outbreak_archived', { name: outbreak.name });
  }
  checkTimes(input, settings.timeZone);
  let personId: number;
  let personDivision: string | null;
  if (input.personId !== undefined) {
    const person = await findPerson(trx, input.personId, actor.scope);
    if (!person) {
      throw fieldError('personId', 'unknown_person');
    }
    personId = Number(person.id);
    personDivision = person.division_code;
  } else if (input.person !== undefined) {
    const person = await createPerson(
      trx,
      actor,
      { ...input.person, divisionCode: input.person.divisionCode ?? input.divisionCode },
      settings,
    );
    personId = person.id;
    personDivision = person.divisionCode;
  } else {
    throw fieldError('personId', 'required');
  }
  const divisionCode = checkDivision(actor, input.divisionCode ?? personDivision);
  const lead = input.leadUserId ?? null;
  if (lead !== null) {
    await assertUsers(trx, [lead], 'leadUserId');
  }
  const team = [...new Set(input.team ?? [])];
  await assertUsers(trx, team, 'team');

  const caseNumber = formatCaseNumber(
    outbreak.case_number_mask,
    await nextCaseCounter(trx, Number(outbreak.id)),
  );
  const at = now();
  const caseId = await insertCase(trx, {
    case_number: caseNumber,
    person_id: personId,
    outbreak_id: Number(outbreak.id),
    division_code: divisionCode,
    received_at: input.receivedAt,
    reporting_institution: input.reportingInstitution,
    discovery_route: input.discoveryRoute,
    classification: input.classification,
    severity: input.severity ?? null,
    onset_date: input.onsetDate ?? null,
    onset_approximate: input.onsetApproximate ? 1 : 0,
    diagnosed_at: input.diagnosedAt ?? null,
    imported: input.imported ? 1 : 0,
    import_related: input.importRelated ? 1 : 0,
    hospital: input.hospital ?? null,
    status: input.status ?? 'in_hospital',
    created_at: at,
    updated_at: at,
    version: 1,
    archived: 0,
    archived_reason: null,
  });
  await insertHistory(trx, {
    case_id: caseId,
    at,
    user_id: actor.userId,
    username: actor.username,
    from_classification: null,
    to_classification: input.classification,
    reason: `接报：${input.reportingInstitution}`,
    evidence: '[]',
  });
  const investigationId = await insertInvestigation(trx, {
    case_id: caseId,
    state: 'pending_dispatch',
    team: JSON.stringify(team),
    lead_user_id: lead,
    dispatched_at: null,
    arrived_at: null,
    core_info_at: null,
    submitted_at: null,
    form: '{}',
    created_at: at,
    updated_at: at,
    version: 1,
  });
  const due = taskDueTimes(input.receivedAt, settings);
  const taskIds: number[] = [];
  for (const task of [
    { type: 'dispatch', title: `派出流调队伍：${caseNumber}`, priority: 'urgent' },
    { type: 'report', title: `报送流调报告：${caseNumber}`, priority: 'high' },
  ] as const) {
    taskIds.push(
      await insertTask(trx, {
        type: task.type,
        subject_type: 'investigation',
        subject_id: investigationId,
        title: task.title,
        assignee_id: lead,
        division_code: divisionCode,
        due_at: due[task.type],
        status: 'open',
        priority: task.priority,
        created_at: at,
        updated_at: at,
        closed_at: null,
        version: 1,
      }),
    );
  }
  const created = await getCase(trx, actor, caseId);
  await recordAudit(trx, auditOf(actor), {
    action: 'case.report',
    entity: 'case',
    entityId: caseId,
    changes: diff(null, {
      ...auditFields(created),
      investigationId,
      taskIds,
    }),
  });
  return created;
}

function auditFields(kase: Case): Record<string, unknown> {
  const {
    person,
    investigation: _i,
    classificationHistory: _h,
    version: _v,
    updatedAt: _u,
    createdAt: _c,
    ...fields
  } = kase;
  return { ...fields, personId: person.id };
}

/** Edits the case's report fields; a stale version is a 409 and nothing is written. */
export async function editCase(
  trx: Executor,
  actor: RecordActor,
  id: number,
  input: UpdateCaseInput,
  settings: CaseSettings,
): Promise<Case> {
  const row = await requireCase(trx, actor, id);
  if (row.version !== input.version) {
    throw new AppError('VERSION_CONFLICT', { extra: { currentVersion: row.version } });
  }
  if (input.divisionCode !== undefined) {
    checkDivision(actor, input.divisionCode);
  }
  checkTimes(
    {
      receivedAt: input.receivedAt,
      onsetDate: input.onsetDate === undefined ? row.onset_date : input.onsetDate,
      diagnosedAt: input.diagnosedAt === undefined ? row.diagnosed_at : input.diagnosedAt,
    },
    settings.timeZone,
  );
  const before = await getCase(trx, actor, id);
  const flag = (value: boolean | undefined) => (value === undefined ? undefined : value ? 1 : 0);
  const updated = await updateCase(trx, id, input.version, {
    division_code: input.divisionCode,
    received_at: input.receivedAt,
    reporting_institution: input.reportingInstitution,
    discovery_route: input.discoveryRoute,
    severity: input.severity,
    onset_date: input.onsetDate,
    onset_approximate: flag(input.onsetApproximate),
    diagnosed_at: input.diagnosedAt,
    imported: flag(input.imported),
    import_related: flag(input.importRelated),
    hospital: input.hospital,
    status: input.status,
    updated_at: now(),
  });
  if (!updated) {
    throw new AppError('VERSION_CONFLICT');
  }
  const after = await getCase(trx, actor, id);
  if (
    after.investigation &&
    (after.receivedAt !== before.receivedAt || after.divisionCode !== before.divisionCode)
  ) {
    // The clocks count from the received time, so the open tasks' due times move with it.
    await retimeSubjectTasks(
      trx,
      { type: 'investigation', id: after.investigation.id },
      { divisionCode: after.divisionCode, dueByType: taskDueTimes(after.receivedAt, settings) },
      now(),
    );
  }
  await recordAudit(trx, auditOf(actor), {
    action: 'case.update',
    entity: 'case',
    entityId: id,
    changes: diff(auditFields(before), auditFields(after)),
  });
  return after;
}
