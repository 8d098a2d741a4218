import { z } from 'zod';
import { errorResponses, idParams } from '../http/schemas.ts';
import type { App, Deps } from '../http/types.ts';
import { recordActorOf } from '../persons/persons.routes.ts';
import { listTasksQuery, taskSchema, updateTaskBody } from './tasks.schema.ts';
import { editTask, searchTasks } from './tasks.service.ts';

export async function tasksRoutes(app: App, { db, config }: Deps): Promise<void> {
  const tags = ['tasks'];

  app.get(
    '/api/v1/tasks',
    {
      config: { access: 'tasks:read' },
      schema: {
        tags,
        summary:
          'Tasks in the caller’s jurisdiction, soonest due first (mine=true: assigned to me; overdue=true; ' +
          'escalated=true: past due by more than SAOLEI_TASK_ESCALATE_HOURS)',
        querystring: listTasksQuery,
        response: {
          200: z.object({ items: z.array(taskSchema), nextCursor: z.string().nullable() }),
          ...errorResponses,
        },
      },
    },
    async (request) => searchTasks(db.kysely, recordActorOf(request), request.query, config),
  );

  app.patch(
    '/api/v1/tasks/:id',
    {
      config: { access: 'tasks:write' },
      schema: {
        tags,
        summary: 'Change a task’s status, priority or assignee (send the version you read)',
        params: idParams,
        body: updateTaskBody,
        response: { 200: taskSchema, ...errorResponses },
      },
    },
    async (request) =>
      db.kysely
        .transaction()
        .execute((trx) => editTask(trx, recordActorOf(request), request.params.id, request.body, config)),
  );
}
