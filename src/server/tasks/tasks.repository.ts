import { sql } from 'kysely';
import type { NewTaskRow, TaskRow, TaskUpdate } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';

const columns = [
  'id',
  'type',
  'subject_type',
  'subject_id',
  'title',
  'assignee_id',
  'division_code',
  'due_at',
  'status',
  'priority',
  'created_at',
  'updated_at',
  'closed_at',
  'version',
] as const;

export async function insertTask(db: Executor, row: NewTaskRow): Promise<number> {
  const inserted = await db.insertInto('tasks').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(inserted.id);
}

export async function findTask(db: Executor, id: number): Promise<TaskRow | undefined> {
  return db.selectFrom('tasks').select(columns).where('id', '=', id).executeTakeFirst();
}

export async function updateTask(
  db: Executor,
  id: number,
  expectedVersion: number,
  patch: TaskUpdate,
): Promise<TaskRow | undefined> {
  return db
    .updateTable('tasks')
    .set({ ...patch, version: (eb) => eb('version', '+', 1) })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returning(columns)
    .executeTakeFirst();
}

/** Closes the open tasks of these types on one subject; returns the ids it closed. */
export async function closeSubjectTasks(
  db: Executor,
  subject: { type: string; id: number },
  taskTypes: readonly string[],
  at: string,
): Promise<number[]> {
  if (taskTypes.length === 0) {
    return [];
  }
  const rows = await db
    .updateTable('tasks')
    .set({ status: 'done', closed_at: at, updated_at: at, version: (eb) => eb('version', '+', 1) })
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', subject.id)
    .where('status', '=', 'open')
    .where('type', 'in', [...taskTypes])
    .returning('id')
    .execute();
  return rows.map((row) => Number(row.id));
}

export type TaskFilter = {
  scope: string;
  assigneeId?: number | undefined;
  /** Open tasks due before this instant. */
  overdueAt?: string | undefined;
  status?: string | undefined;
  type?: string | undefined;
  subject?: { type: string; id: number } | undefined;
  after?: { d: string; id: number } | undefined;
  limit: number;
};

/** Never-due tasks sort after every dated one; the key keeps the keyset order total on both databases. */
const NEVER = '9999-12-31T00:00:00.000Z';
const dueKey = sql<string>`coalesce(tasks.due_at, ${NEVER})`;

/** Tasks by due time (soonest first), keyset-paged. */
export async function listTasks(db: Executor, filter: TaskFilter): Promise<TaskRow[]> {
  let query = db.selectFrom('tasks').select(columns);
  if (filter.scope !== '') {
    query = query.where('division_code', 'like', `${filter.scope}%`);
  }
  if (filter.assigneeId !== undefined) {
    query = query.where('assignee_id', '=', filter.assigneeId);
  }
  if (filter.overdueAt !== undefined) {
    query = query.where('status', '=', 'open').where('due_at', '<', filter.overdueAt);
  }
  if (filter.status !== undefined) {
    query = query.where('status', '=', filter.status);
  }
  if (filter.type !== undefined) {
    query = query.where('type', '=', filter.type);
  }
  if (filter.subject !== undefined) {
    query = query.where('subject_type', '=', filter.subject.type).where('subject_id', '=', filter.subject.id);
  }
  if (filter.after !== undefined) {
    query = query.where(sql<boolean>`(${dueKey}, tasks.id) > (${filter.after.d}, ${filter.after.id})`);
  }
  return query.orderBy(dueKey).orderBy('id').limit(filter.limit).execute();
}

export function dueKeyOf(row: TaskRow): string {
  return row.due_at ?? NEVER;
}

/** Moves the open tasks of one subject to a new division and, per task type, a new due time. */
export async function retimeSubjectTasks(
  db: Executor,
  subject: { type: string; id: number },
  change: { divisionCode: string; dueByType: Readonly<Record<string, string>> },
  at: string,
): Promise<void> {
  const open = await db
    .selectFrom('tasks')
    .select(['id', 'type'])
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', subject.id)
    .where('status', '=', 'open')
    .execute();
  for (const task of open) {
    await db
      .updateTable('tasks')
      .set({
        division_code: change.divisionCode,
        due_at: change.dueByType[task.type],
        updated_at: at,
        version: (eb) => eb('version', '+', 1),
      })
      .where('id', '=', task.id)
      .execute();
  }
}
