import { requireActor } from '../access/guard.ts';
import { errorResponses } from '../http/schemas.ts';
import type { App, Deps } from '../http/types.ts';
import {
  listPools,
  listSamples,
  poolListQuery,
  poolListSchema,
  sampleListQuery,
  sampleListSchema,
} from './sample-list.ts';

/** The sample and pool lists the lab works from and the dashboard links to. */
export function sampleListRoutes(app: App, { db, config }: Deps): void {
  const tags = ['samples'];
  app.get(
    '/api/v1/samples',
    {
      config: { access: 'samples:read' },
      schema: {
        tags,
        summary:
          'Samples inside the jurisdiction, newest first (keyset `cursor`), filtered by status (planned, collected, ' +
          'received, tested, cancelled), result (positive, negative, inconclusive, pending = pooled, the pool not negative, no result of its own yet), ' +
          'specimen, planned date, testedOn (the day a result was entered, deployment time zone), division prefix, subject, pool or the pool a retest is for',
        querystring: sampleListQuery,
        response: { 200: sampleListSchema, ...errorResponses },
      },
    },
    async (request) => listSamples(db.kysely, requireActor(request), request.query, config.timeZone),
  );
  app.get(
    '/api/v1/sample-pools',
    {
      config: { access: 'samples:read' },
      schema: {
        tags,
        summary:
          'Pooled tubes inside the jurisdiction, newest first; a positive pool lists its members’ retests',
        querystring: poolListQuery,
        response: { 200: poolListSchema, ...errorResponses },
      },
    },
    async (request) => listPools(db.kysely, requireActor(request), request.query),
  );
}
