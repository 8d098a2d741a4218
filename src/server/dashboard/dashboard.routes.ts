import { requireActor } from '../access/guard.ts';
import { errorResponses } from '../http/schemas.ts';
import type { App, Deps } from '../http/types.ts';
import { dashboardQuery, dashboardSchema } from './dashboard.schema.ts';
import { dashboardOf } from './dashboard.service.ts';

export async function dashboardRoutes(app: App, { db, config }: Deps): Promise<void> {
  app.get(
    '/api/v1/dashboard',
    {
      config: { access: 'records:read' },
      schema: {
        tags: ['dashboard'],
        summary:
          'The command dashboard for a day (deployment time zone): new cases, 零新增 streaks, observation, releases, tests, overdue work, epi curve, contacts per case',
        querystring: dashboardQuery,
        response: { 200: dashboardSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return dashboardOf(db.kysely, db.dialect, actor, request.query, config);
    },
  );
}
