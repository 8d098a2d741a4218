import { z } from 'zod';
import { isWithin } from '../../core/divisions/scope.ts';
import { personalFields } from '../../core/identity/personal-fields.ts';
import { computeClocks, overdueThreshold, type Sla } from '../../core/investigations/clocks.ts';
import {
  canTransition,
  nextStates,
  timestampOf,
  type InvestigationState,
} from '../../core/investigations/states.ts';
import { diff, recordAudit } from '../audit/audit.service.ts';
import type { Config } from '../config/config.ts';
import type { InvestigationRow } from '../db/schema.ts';
import { now, type Executor } from '../db/transaction.ts';
import { AppError, fieldError } from '../errors/app-error.ts';
import { cursorOf, cursorValue, encodeCursor } from '../http/schemas.ts';
import { auditOf, type RecordActor } from '../persons/record-actor.ts';
import { findCase } from '../cases/cases.repository.ts';
import { closeSubjectTasks } from '../tasks/tasks.repository.ts';
import { findUserById } from '../users/users.repository.ts';
import { parseStoredForm } from './investigation-form.ts';
import type {
  ClockItem,
  Investigation,
  TransitionInput,
  UpdateInvestigationInput,
} from './investigations.schema.ts';
import {
  findInvestigationOfCase,
  listOpenInvestigations,
  updateInvestigation,
  type OpenInvestigationRow,
} from './investigations.repository.ts';

export type SlaSettings = Pick<Config, 'slaDispatchMinutes' | 'slaCoreInfoHours' | 'slaReportHours'>;

export function slaOf(settings: SlaSettings): Sla {
  return {
    dispatchMinutes: settings.slaDispatchMinutes,
    coreInfoHours: settings.slaCoreInfoHours,
    reportHours: settings.slaReportHours,
  };
}

/** Tasks an investigation's state change completes. */
const tasksClosedBy: Partial<Record<InvestigationState, readonly string[]>> = {
  dispatched: ['dispatch'],
  submitted: ['report', 'review', 'investigate'],
};

function teamOf(text: string): number[] {
  const parsed = z.array(z.number()).safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : [];
}

function clocksOf(row: InvestigationRow, receivedAt: string, sla: Sla, at: Date) {
  return computeClocks(
    {
      receivedAt,
      dispatchedAt: row.dispatched_at,
      coreInfoAt: row.core_info_at,
      submittedAt: row.submitted_at,
    },
    sla,
    at,
  );
}

export function toInvestigation(
  row: InvestigationRow,
  kase: { caseNumber: string; receivedAt: string },
  sla: Sla,
): Investigation {
  const state = row.state as InvestigationState;
  const clocks = clocksOf(row, kase.receivedAt, sla, new Date());
  return {
    id: Number(row.id),
    caseId: Number(row.case_id),
    caseNumber: kase.caseNumber,
    receivedAt: kase.receivedAt,
    state,
    nextStates: [...nextStates(state)],
    team: teamOf(row.team),
    leadUserId: row.lead_user_id === null ? null : Number(row.lead_user_id),
    members: [],
    dispatchedAt: row.dispatched_at,
    arrivedAt: row.arrived_at,
    coreInfoAt: row.core_info_at,
    submittedAt: row.submitted_at,
    form: parseStoredForm(row.form),
    clocks,
    overdue: clocks.some((c) => c.overdue),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** The investigation with the display names of its team and lead (`toInvestigation` leaves them out). */
async function withMembers(trx: Executor, investigation: Investigation): Promise<Investigation> {
  const ids = [
    ...new Set([
      ...investigation.team,
      ...(investigation.leadUserId === null ? [] : [investigation.leadUserId]),
    ]),
  ];
  const users =
    ids.length === 0
      ? []
      : await trx.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute();
  const names = new Map(users.map((user) => [Number(user.id), user.display_name]));
  return {
    ...investigation,
    members: ids.flatMap((id) => {
      const displayName = names.get(id);
      return displayName === undefined ? [] : [{ id, displayName }];
    }),
  };
}

/** The case (inside the actor's jurisdiction) and its investigation, or 404. */
async function requireInvestigation(trx: Executor, actor: RecordActor, caseId: number) {
  const kase = await findCase(trx, caseId);
  if (!kase || !isWithin(actor.scope, kase.division_code)) {
    throw new AppError('NOT_FOUND', { params: { entity: '病例 / case' } });
  }
  const row = await findInvestigationOfCase(trx, caseId);
  if (!row) {
    throw new AppError('NOT_FOUND', { params: { entity: '流调 / investigation' } });
  }
  return { kase: { caseNumber: kase.case_number, receivedAt: kase.received_at }, row };
}

export async function getInvestigation(
  trx: Executor,
  actor: RecordActor,
  caseId: number,
  settings: SlaSettings,
): Promise<Investigation> {
  const { kase, row } = await requireInvestigation(trx, actor, caseId);
  return withMembers(trx, toInvestigation(row, kase, slaOf(settings)));
}

/** Every id must name an active user; the error names `field`. */
export async function assertUsers(trx: Executor, ids: readonly number[], field: string): Promise<void> {
  for (const [index, id] of ids.entries()) {
    const user = await findUserById(trx, id);
    if (!user || user.active !== 1) {
      throw fieldError(field === 'team' ? `team.${index}` : field, 'unknown_user');
    }
  }
}

/** Clock skew tolerated on times the client says something happened. */
const SKEW_MS = 5 * 60_000;

/** A step of the investigation happens after the report was received and not in the future. */
function checkEventTime(field: string, at: string, receivedAt: string): void {
  if (Date.parse(at) > Date.now() + SKEW_MS) {
    throw fieldError(field, 'in_future');
  }
  if (Date.parse(at) < Date.parse(receivedAt)) {
    throw fieldError(field, 'before_received');
  }
}

/** Saves a form draft and/or the team; a stale version is a 409 and nothing is written. */
export async function editInvestigation(
  trx: Executor,
  actor: RecordActor,
  caseId: number,
  input: UpdateInvestigationInput,
  settings: SlaSettings,
): Promise<Investigation> {
  const { kase, row } = await requireInvestigation(trx, actor, caseId);
  if (row.version !== input.version) {
    throw new AppError('VERSION_CONFLICT', { extra: { currentVersion: row.version } });
  }
  if (input.team !== undefined) {
    await assertUsers(trx, input.team, 'team');
  }
  if (input.leadUserId !== undefined && input.leadUserId !== null) {
    await assertUsers(trx, [input.leadUserId], 'leadUserId');
  }
  if (input.coreInfoAt !== undefined && input.coreInfoAt !== null) {
    checkEventTime('coreInfoAt', input.coreInfoAt, kase.receivedAt);
  }
  const at = now();
  const updated = await updateInvestigation(trx, Number(row.id), input.version, {
    form: input.form === undefined ? undefined : JSON.stringify(input.form),
    team: input.team === undefined ? undefined : JSON.stringify([...new Set(input.team)]),
    lead_user_id: input.leadUserId,
    core_info_at: input.coreInfoAt,
    updated_at: at,
  });
  if (!updated) {
    throw new AppError('VERSION_CONFLICT');
  }
  const sla = slaOf(settings);
  const before = toInvestigation(row, kase, sla);
  const after = toInvestigation(updated, kase, sla);
  await recordAudit(trx, auditOf(actor), {
    action: 'investigation.update',
    entity: 'investigation',
    entityId: after.id,
    changes: diff(
      { team: before.team, leadUserId: before.leadUserId, coreInfoAt: before.coreInfoAt, form: before.form },
      { team: after.team, leadUserId: after.leadUserId, coreInfoAt: after.coreInfoAt, form: after.form },
      personalFields.investigation,
    ),
  });
  return withMembers(trx, after);
}

/**
 * Moves the investigation one step along 待派出 → … → 已报送, stamps the step's time and closes the tasks it
 * completes. The report builder calls this with `to: 'submitted'` when a report is filed.
 */
export async function transitionInvestigation(
  trx: Executor,
  actor: RecordActor,
  caseId: number,
  input: TransitionInput,
  settings: SlaSettings,
): Promise<Investigation> {
  const { kase, row } = await requireInvestigation(trx, actor, caseId);
  if (input.version !== undefined && input.version !== row.version) {
    throw new AppError('VERSION_CONFLICT', { extra: { currentVersion: row.version } });
  }
  const from = row.state as InvestigationState;
  if (!canTransition(from, input.to)) {
    throw fieldError('to', 'state_transition', { from, to: input.to });
  }
  const at = input.at ?? now();
  checkEventTime('at', at, kase.receivedAt);
  const column = timestampOf(input.to);
  const updated = await updateInvestigation(trx, Number(row.id), row.version, {
    state: input.to,
    ...(column === null ? {} : { [column]: at }),
    updated_at: now(),
  });
  if (!updated) {
    throw new AppError('VERSION_CONFLICT');
  }
  const closed = await closeSubjectTasks(
    trx,
    { type: 'investigation', id: Number(row.id) },
    tasksClosedBy[input.to] ?? [],
    at,
  );
  await recordAudit(trx, auditOf(actor), {
    action: 'investigation.transition',
    entity: 'investigation',
    entityId: Number(row.id),
    changes: {
      state: { before: from, after: input.to },
      ...(column === null ? {} : { [column]: { after: at } }),
      ...(closed.length > 0 ? { closedTasks: { after: closed } } : {}),
    },
  });
  return withMembers(trx, toInvestigation(updated, kase, slaOf(settings)));
}

function toClockItem(row: OpenInvestigationRow, sla: Sla, at: Date): ClockItem {
  const clocks = clocksOf(row, row.received_at, sla, at);
  return {
    investigationId: Number(row.id),
    caseId: Number(row.case_id),
    caseNumber: row.case_number,
    classification: row.classification,
    divisionCode: row.division_code,
    state: row.state as InvestigationState,
    receivedAt: row.received_at,
    leadUserId: row.lead_user_id === null ? null : Number(row.lead_user_id),
    team: teamOf(row.team),
    clocks,
    overdue: clocks.some((c) => c.overdue),
  };
}

const cursorSchema = z.object({ r: cursorValue.instant, id: cursorValue.id });

/**
 * The running clocks of every open investigation in the actor's jurisdiction, oldest report first.
 * With `overdueOnly`, only those with a clock past its deadline (selected in the query, not after it).
 */
export async function listClocks(
  trx: Executor,
  actor: RecordActor,
  query: { limit: number; cursor?: string | undefined },
  settings: SlaSettings,
  overdueOnly: boolean,
): Promise<{ now: string; items: ClockItem[]; nextCursor: string | null }> {
  const after = cursorOf(query.cursor, cursorSchema);
  const at = new Date();
  const sla = slaOf(settings);
  const rows = await listOpenInvestigations(trx, {
    scope: actor.scope,
    overdue: overdueOnly
      ? {
          dispatch: overdueThreshold(sla.dispatchMinutes * 60_000, at),
          coreInfo: sla.coreInfoHours === null ? null : overdueThreshold(sla.coreInfoHours * 3_600_000, at),
          report: overdueThreshold(sla.reportHours * 3_600_000, at),
        }
      : undefined,
    after,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    now: at.toISOString(),
    items: page.map((row) => toClockItem(row, sla, at)),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor({ r: last.received_at, id: Number(last.id) }) : null,
  };
}
