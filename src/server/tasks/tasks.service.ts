import { z } from 'zod';
import { isWithin } from '../../core/divisions/scope.ts';
import { diff, recordAudit } from '../audit/audit.service.ts';
import type { NewTaskRow, TaskRow } from '../db/schema.ts';
import { now, type Executor } from '../db/transaction.ts';
import { AppError, fieldError } from '../errors/app-error.ts';
import { cursorOf, cursorValue, encodeCursor } from '../http/schemas.ts';
import { assertUsers } from '../investigations/investigations.service.ts';
import { auditOf, type RecordActor } from '../persons/record-actor.ts';
import type { ListTasksQuery, Task, UpdateTaskInput } from './tasks.schema.ts';
import { dueKeyOf, findTask, insertTask, listTasks, updateTask } from './tasks.repository.ts';

/** Hours past due after which an open task is escalated, where no setting is at hand (see TaskSettings). */
export const defaultEscalateHours = 2;

export type TaskSettings = { taskEscalateHours: number };

/** The instant before which an open task due then is escalated at `at`. */
function escalatedBefore(at: string, escalateHours: number): string {
  return new Date(Date.parse(at) - escalateHours * 3_600_000).toISOString();
}

export function toTask(row: TaskRow, at: string = now(), escalateHours = defaultEscalateHours): Task {
  const overdue = row.status === 'open' && row.due_at !== null && row.due_at < at;
  return {
    id: Number(row.id),
    type: row.type as Task['type'],
    subjectType: row.subject_type,
    subjectId: Number(row.subject_id),
    title: row.title,
    assigneeId: row.assignee_id === null ? null : Number(row.assignee_id),
    divisionCode: row.division_code,
    dueAt: row.due_at,
    status: row.status as Task['status'],
    priority: row.priority as Task['priority'],
    overdue,
    escalated: overdue && row.due_at !== null && row.due_at < escalatedBefore(at, escalateHours),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
    version: row.version,
  };
}

/**
 * Adds a task inside the caller's transaction. Capabilities that generate work (tracing, sampling,
 * disinfection) call this with their own type and subject.
 */
export async function addTask(
  trx: Executor,
  actor: RecordActor,
  task: Omit<NewTaskRow, 'created_at' | 'updated_at' | 'closed_at' | 'version' | 'status'>,
): Promise<Task> {
  const at = now();
  const id = await insertTask(trx, {
    ...task,
    status: 'open',
    created_at: at,
    updated_at: at,
    closed_at: null,
    version: 1,
  });
  const row = await findTask(trx, id);
  if (!row) {
    throw new AppError('NOT_FOUND', { params: { entity: '任务 / task' } });
  }
  await recordAudit(trx, auditOf(actor), {
    action: 'task.create',
    entity: 'task',
    entityId: id,
    changes: diff(null, {
      type: task.type,
      subjectType: task.subject_type,
      subjectId: task.subject_id,
      dueAt: task.due_at,
    }),
  });
  return toTask(row, at);
}

const cursorSchema = z.object({ d: cursorValue.instant, id: cursorValue.id });

/**
 * Tasks in the actor's jurisdiction by due time; `mine` = assigned to the actor, `overdue` = open and past
 * due, `escalated` = open and past due by more than the escalation limit.
 */
export async function searchTasks(
  trx: Executor,
  actor: RecordActor,
  query: ListTasksQuery,
  settings: TaskSettings = { taskEscalateHours: defaultEscalateHours },
): Promise<{ items: Task[]; nextCursor: string | null }> {
  const after = cursorOf(query.cursor, cursorSchema);
  if ((query.subjectType === undefined) !== (query.subjectId === undefined)) {
    throw fieldError(query.subjectType === undefined ? 'subjectType' : 'subjectId', 'required');
  }
  const at = now();
  if (query.mine === 'true' && actor.userId === null) {
    return { items: [], nextCursor: null };
  }
  const rows = await listTasks(trx, {
    scope: actor.scope,
    assigneeId: query.mine === 'true' && actor.userId !== null ? actor.userId : undefined,
    overdueAt:
      query.escalated === 'true'
        ? escalatedBefore(at, settings.taskEscalateHours)
        : query.overdue === 'true'
          ? at
          : undefined,
    status: query.status,
    type: query.type,
    subject:
      query.subjectType !== undefined && query.subjectId !== undefined
        ? { type: query.subjectType, id: query.subjectId }
        : undefined,
    after,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => toTask(row, at, settings.taskEscalateHours)),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor({ d: dueKeyOf(last), id: Number(last.id) }) : null,
  };
}

/** Changes a task's status, priority or assignee; closing stamps the time; a stale version is a 409. */
export async function editTask(
  trx: Executor,
  actor: RecordActor,
  id: number,
  input: UpdateTaskInput,
  settings: TaskSettings = { taskEscalateHours: defaultEscalateHours },
): Promise<Task> {
  const row = await findTask(trx, id);
  if (!row || !isWithin(actor.scope, row.division_code)) {
    throw new AppError('NOT_FOUND', { params: { entity: '任务 / task' } });
  }
  if (row.version !== input.version) {
    throw new AppError('VERSION_CONFLICT', { extra: { currentVersion: row.version } });
  }
  if (input.assigneeId !== undefined && input.assigneeId !== null) {
    await assertUsers(trx, [input.assigneeId], 'assigneeId');
  }
  const at = now();
  const closing = input.status !== undefined && input.status !== 'open';
  const updated = await updateTask(trx, id, input.version, {
    status: input.status,
    priority: input.priority,
    assignee_id: input.assigneeId,
    closed_at: input.status === undefined ? undefined : closing ? (row.closed_at ?? at) : null,
    updated_at: at,
  });
  if (!updated) {
    throw new AppError('VERSION_CONFLICT');
  }
  const before = toTask(row, at);
  const after = toTask(updated, at, settings.taskEscalateHours);
  await recordAudit(trx, auditOf(actor), {
    action: 'task.update',
    entity: 'task',
    entityId: id,
    changes: diff(
      {
        status: before.status,
        priority: before.priority,
        assigneeId: before.assigneeId,
        closedAt: before.closedAt,
      },
      {
        status: after.status,
        priority: after.priority,
        assigneeId: after.assigneeId,
        closedAt: after.closedAt,
      },
    ),
  });
  return after;
}
